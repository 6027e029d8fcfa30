/// A Lua string: a sequence of bytes that need not be UTF-8.
///
/// Lua strings carry embedded zeros and arbitrary bytes, and `String(decoding:as:)` would
/// silently repair them, so the bridge keeps the bytes and offers text only when it is valid.
public struct LuaBytes: Sendable, Hashable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ string: String) { self.bytes = Array(string.utf8) }
    public init(stringLiteral value: String) { self.init(value) }

    /// The text, or `nil` when the bytes are not valid UTF-8.
    public var string: String? { String(validating: bytes, as: UTF8.self) }

    /// The text with invalid sequences replaced, for messages only.
    public var description: String { String(decoding: bytes, as: UTF8.self) }

    public static func < (lhs: LuaBytes, rhs: LuaBytes) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }
}
