internal import CLuaShim
public import JSONScanning

/// JSON text to and from ``LuaValue``, keeping what Lua keeps apart: `1` reads as an integer and
/// `1.0` or `1e3` as a float; `null` reads as ``LuaValue/null``, not as an absent value; arrays
/// read as ``LuaValue/array(_:)`` so they stay arrays when written back, even empty.
public enum LuaJSON {
    public struct Options: Sendable {
        /// Write object keys in byte order, so equal values give equal text.
        public var sortsKeys: Bool
        /// Indent nested values by two spaces per level.
        public var pretty: Bool

        public init(sortsKeys: Bool = false, pretty: Bool = false) {
            self.sortsKeys = sortsKeys
            self.pretty = pretty
        }
    }

    /// A document that is not JSON, or a value JSON cannot express; the message says where.
    public struct Failure: Error, CustomStringConvertible, LuaErrorConvertible {
        public let message: String
        public var description: String { message }
        public var luaErrorFields: [String: LuaValue] { ["kind": .string("json"), "message": .string(message)] }
        public var luaErrorMessage: String { message }
    }

    // MARK: Reading

    public static func decode(_ text: [UInt8]) throws -> LuaValue {
        var sink = LuaValueSink()
        try text.withUnsafeBufferPointer { try scan($0, into: &sink) }
        return sink.result
    }

    /// Decodes `text` straight onto `L`'s stack, leaving one value on top (`nil` for a `null`
    /// that is left out), or nothing and a thrown error. Numbers are typed by `shape`; with
    /// ``JSONShape/any`` (`plaid.json.decode`) they read as their text does.
    static func push(_ text: UnsafeBufferPointer<UInt8>, onto L: OpaquePointer, shape: JSONShape = .any, keepsNull: Bool = true) throws {
        let top = lua_gettop(L)
        var sink = LuaStackSink(LuaStack(L), shape: shape, keepsNull: keepsNull)
        do {
            try scan(text, into: &sink)
        } catch {
            lua_settop(L, top)
            throw error
        }
        if lua_gettop(L) == top { lua_pushnil(L) }
    }

    /// Builds `document`'s tables onto `L`'s stack, typed by its shape (see above).
    static func push(_ document: LuaJSONDocument, onto L: OpaquePointer) throws {
        try document.text.withUnsafeBufferPointer { try push($0, onto: L, shape: document.shape, keepsNull: document.keepsNull) }
    }

    /// The scanner's failures as this type, which Lua code sees as `kind = "json"` errors.
    private static func scan<Sink: JSONSink>(_ text: UnsafeBufferPointer<UInt8>, into sink: inout Sink) throws {
        do {
            try JSONScanner.scan(text, into: &sink)
        } catch let failure as JSONScanner.Failure {
            throw Failure(message: failure.message)
        }
    }

    // MARK: Writing

    public static func encode(_ value: LuaValue, options: Options = Options()) throws -> [UInt8] {
        var output: [UInt8] = []
        try write(value, to: &output, options: options, path: "", depth: 0)
        return output
    }

    private static func write(_ value: LuaValue, to output: inout [UInt8], options: Options, path: String, depth: Int) throws {
        let place = path.isEmpty ? "" : " at '\(path)'"
        switch value {
        case .nil, .null: output += Array("null".utf8)
        case .boolean(let flag): output += Array((flag ? "true" : "false").utf8)
        case .integer(let number): output += Array(String(number).utf8)
        case .number(let number):
            guard number.isFinite else { throw Failure(message: "JSON cannot hold the number \(number)\(place)") }
            output += Array(String(number).utf8)
        case .string(let bytes):
            guard bytes.string != nil else { throw Failure(message: "the string\(place) is not valid UTF-8, which JSON requires") }
            JSONStringWriting.appendQuoted(bytes.bytes, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                newline(&output, options: options, depth: depth + 1)
                try write(element, to: &output, options: options, path: "\(path)[\(offset + 1)]", depth: depth + 1)
            }
            if !elements.isEmpty { newline(&output, options: options, depth: depth) }
            output.append(UInt8(ascii: "]"))
        case .table(let entries):
            var members: [(key: [UInt8], value: LuaValue, label: String)] = []
            for (key, member) in entries {
                switch key {
                case .string(let name):
                    guard name.string != nil else { throw Failure(message: "a key\(place) is not valid UTF-8, which JSON requires") }
                    members.append((name.bytes, member, name.description))
                case .integer(let number):
                    members.append((Array(String(number).utf8), member, String(number)))
                default:
                    throw Failure(message: "the table\(place) has the key \(key), which cannot be a JSON object key")
                }
            }
            if options.sortsKeys { members.sort { $0.key.lexicographicallyPrecedes($1.key) } }
            output.append(UInt8(ascii: "{"))
            for (offset, member) in members.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                newline(&output, options: options, depth: depth + 1)
                JSONStringWriting.appendQuoted(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                if options.pretty { output.append(UInt8(ascii: " ")) }
                try write(member.value, to: &output, options: options, path: path.isEmpty ? member.label : "\(path).\(member.label)", depth: depth + 1)
            }
            if !members.isEmpty { newline(&output, options: options, depth: depth) }
            output.append(UInt8(ascii: "}"))
        case .userdata(let object):
            throw Failure(message: "a \(type(of: object).luaTypeName)\(place) cannot be written as JSON")
        }
    }

    private static func newline(_ output: inout [UInt8], options: Options, depth: Int) {
        guard options.pretty else { return }
        output.append(0x0A)
        output += [UInt8](repeating: 0x20, count: depth * 2)
    }

}

/// A JSON document a host call hands back to Lua, built into tables only when the coroutine
/// resumes, on the runtime's thread: no Swift value in between (see ``LuaReturn/suspendReturningJSON(_:)``).
public struct LuaJSONDocument: Sendable {
    public let text: [UInt8]
    public let shape: JSONShape
    /// `null` reads as the null sentinel rather than as an absent value.
    public let keepsNull: Bool

    public init(text: [UInt8], shape: JSONShape, keepsNull: Bool) {
        self.text = text
        self.shape = shape
        self.keepsNull = keepsNull
    }
}
