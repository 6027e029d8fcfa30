/// A Lua value copied into Swift.
///
/// Integers and floats stay apart as Lua 5.4 keeps them (`1` is ``integer(_:)``, `1.0` is
/// ``number(_:)``). Tables become ``array(_:)`` when they are sequences, or when they carry the
/// bridge's array marker, and ``table(_:)`` otherwise; ``null`` is the JSON-null sentinel, a
/// value distinct from `nil` that Lua code sees as a light userdata printing `null` (`plaid.null`).
public enum LuaValue: Sendable, Equatable, CustomStringConvertible {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(LuaBytes)
    /// A 1-based Lua sequence. A `.nil` element is a hole; holes at the end are not kept.
    case array([LuaValue])
    case table([LuaKey: LuaValue])
    /// JSON `null`: present but empty, unlike `nil` which is absent.
    case null
    /// A Swift object handed to Lua; it comes back as the same instance.
    case userdata(any LuaUserdata)

    public static func string(_ text: String) -> LuaValue { .string(LuaBytes(text)) }

    public var description: String {
        switch self {
        case .nil: "nil"
        case .boolean(let value): String(value)
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .string(let value): "\"\(value)\""
        case .array(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .table(let table):
            "{" + table.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        case .null: "null"
        case .userdata(let object): type(of: object).luaTypeName
        }
    }

    public static func == (lhs: LuaValue, rhs: LuaValue) -> Bool {
        switch (lhs, rhs) {
        case (.nil, .nil), (.null, .null): true
        case let (.boolean(a), .boolean(b)): a == b
        case let (.integer(a), .integer(b)): a == b
        case let (.number(a), .number(b)): a == b || (a.isNaN && b.isNaN)
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.table(a), .table(b)): a == b
        case let (.userdata(a), .userdata(b)): a === b
        default: false
        }
    }

    /// The text of a string value.
    public var stringValue: String? {
        if case .string(let bytes) = self { return bytes.string }
        return nil
    }
}

/// A key of a Lua table that the bridge can copy: Lua normalises float keys with an integral
/// value to integers, so `2.0` arrives as ``integer(_:)``.
public enum LuaKey: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(LuaBytes)

    public init(stringLiteral value: String) { self = .string(LuaBytes(value)) }

    public var value: LuaValue {
        switch self {
        case .boolean(let value): .boolean(value)
        case .integer(let value): .integer(value)
        case .number(let value): .number(value)
        case .string(let value): .string(value)
        }
    }

    public var description: String {
        switch self {
        case .boolean(let value): String(value)
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .string(let value): value.description
        }
    }

    /// Numbers first, then booleans, then strings, as a stable order for printing.
    public static func < (lhs: LuaKey, rhs: LuaKey) -> Bool {
        switch (lhs, rhs) {
        case let (.integer(a), .integer(b)): a < b
        case let (.number(a), .number(b)): a < b
        case let (.integer(a), .number(b)): Double(a) < b
        case let (.number(a), .integer(b)): a < Double(b)
        case let (.boolean(a), .boolean(b)): !a && b
        case let (.string(a), .string(b)): a < b
        default: lhs.rank < rhs.rank
        }
    }

    private var rank: Int {
        switch self {
        case .integer, .number: 0
        case .boolean: 1
        case .string: 2
        }
    }
}
