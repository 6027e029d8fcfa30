import Foundation
import JSONScanning

/// Writes an `Encodable` value as compact JSON in one pass, straight into bytes: members in the
/// order the model encodes them, maps (`[String: String]`, ``JSONValue`` objects) by key so
/// equal values give equal bytes, strings and numbers as Foundation's `JSONEncoder` writes them
/// with `.withoutEscapingSlashes`. The sandbox answers with it: Foundation's encoder builds a
/// tree of the whole answer first, which cost more than the rest of an answer.
public enum JSONBytesEncoder {
    public static func encode(_ value: some Encodable) throws -> [UInt8] {
        let writer = JSONBytesWriter()
        try writer.write(value, depth: 0)
        writer.closeContainers(deeperThan: -1)
        return writer.bytes
    }
}

/// The output and the containers still open. A container belongs to the value at its depth;
/// writing anything at a depth closes the containers deeper than it, since their values are done.
private final class JSONBytesWriter {
    var bytes: [UInt8] = []
    private var open: [(depth: Int, closer: UInt8, count: Int)] = []

    init() {
        bytes.reserveCapacity(1024)
    }

    func closeContainers(deeperThan depth: Int) {
        while let last = open.last, last.depth > depth {
            bytes.append(last.closer)
            open.removeLast()
        }
    }

    /// Opens a container for the value at `depth`, or goes on with the one that value already
    /// opened (a model that encodes another model's members into its own object).
    func openContainer(depth: Int, opener: UInt8, closer: UInt8) {
        closeContainers(deeperThan: depth)
        if open.last?.depth == depth { return }
        bytes.append(opener)
        open.append((depth, closer, 0))
    }

    /// Starts the next member or element of the container at `depth`: the comma, and for a member its key.
    func startEntry(depth: Int, key: String?) {
        closeContainers(deeperThan: depth)
        if open[open.count - 1].count > 0 { bytes.append(UInt8(ascii: ",")) }
        open[open.count - 1].count += 1
        if let key {
            writeString(key)
            bytes.append(UInt8(ascii: ":"))
        }
    }

    /// A value at `depth`: scalars and maps here, anything else by its own `encode(to:)`; one
    /// that writes nothing reads as `{}`, as with Foundation's encoder.
    func write<T: Encodable>(_ value: T, depth: Int) throws {
        if T.self == JSONValue.self {
            try writeJSON(value as! JSONValue)
        } else if T.self == Self.mapType {
            writeMap(value as! [String: String])
        } else if Self.foundationTypes.contains(where: { $0 == T.self }) {
            // Foundation's encoder gives these special forms; none is in the models.
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(T.self) is not written by JSONBytesEncoder"))
        } else {
            let start = bytes.count
            try value.encode(to: JSONBytesValueEncoder(writer: self, depth: depth))
            if bytes.count == start { bytes += [UInt8(ascii: "{"), UInt8(ascii: "}")] }
        }
    }

    // Looked up once: naming a generic type's metadata on every value cost a runtime lookup each.
    private static let mapType: Any.Type = [String: String].self
    private static let foundationTypes: [Any.Type] = [Data.self, URL.self, Decimal.self, Date.self]

    func writeJSON(_ json: JSONValue) throws {
        switch json {
        case .null: writeLiteral("null")
        case .bool(let flag): writeLiteral(flag ? "true" : "false")
        case .integer(let number): writeLiteral(String(number))
        case .double(let number): try writeDouble(number)
        case .string(let text): writeString(text)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { bytes.append(UInt8(ascii: ",")) }
                try writeJSON(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (offset, key) in Self.sortedKeys(members.keys).enumerated() {
                if offset > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(key)
                bytes.append(UInt8(ascii: ":"))
                try writeJSON(members[key]!)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    func writeMap(_ map: [String: String]) {
        bytes.append(UInt8(ascii: "{"))
        for (offset, key) in Self.sortedKeys(map.keys).enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            writeString(key)
            bytes.append(UInt8(ascii: ":"))
            writeString(map[key]!)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    private static func sortedKeys(_ keys: some Collection<String>) -> [String] {
        keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    func writeLiteral(_ text: String) {
        bytes += text.utf8
    }

    /// As Foundation writes a float: its shortest description, without a trailing `.0`.
    func writeDouble<Number: BinaryFloatingPoint & LosslessStringConvertible>(_ number: Number) throws {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: [], debugDescription: "JSON cannot hold \(number)"))
        }
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes += text.utf8
    }

    func writeString(_ text: String) {
        JSONStringWriting.appendQuoted(text.utf8, to: &bytes)
    }
}

/// The encoder handed to a value at one depth.
private struct JSONBytesValueEncoder: Encoder {
    let writer: JSONBytesWriter
    let depth: Int
    /// Not kept: building paths cost more than writing; errors name the value instead.
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        writer.openContainer(depth: depth, opener: UInt8(ascii: "{"), closer: UInt8(ascii: "}"))
        return KeyedEncodingContainer(JSONBytesKeyedContainer<Key>(writer: writer, depth: depth))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        writer.openContainer(depth: depth, opener: UInt8(ascii: "["), closer: UInt8(ascii: "]"))
        return JSONBytesUnkeyedContainer(writer: writer, depth: depth)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONBytesSingleValueContainer(writer: writer, depth: depth)
    }
}

private struct JSONBytesKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONBytesWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    private func member(_ key: Key) -> Int {
        writer.startEntry(depth: depth, key: key.stringValue)
        return depth + 1
    }

    mutating func encodeNil(forKey key: Key) throws {
        _ = member(key)
        writer.writeLiteral("null")
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        _ = member(key)
        writer.writeLiteral(value ? "true" : "false")
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        _ = member(key)
        writer.writeString(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        _ = member(key)
        try writer.writeDouble(value)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        _ = member(key)
        writer.writeLiteral(String(value))
    }

    mutating func encode(_ value: Int64, forKey key: Key) throws {
        _ = member(key)
        writer.writeLiteral(String(value))
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let inner = member(key)
        try writer.write(value, depth: inner)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let inner = member(key)
        writer.openContainer(depth: inner, opener: UInt8(ascii: "{"), closer: UInt8(ascii: "}"))
        return KeyedEncodingContainer(JSONBytesKeyedContainer<NestedKey>(writer: writer, depth: inner))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let inner = member(key)
        writer.openContainer(depth: inner, opener: UInt8(ascii: "["), closer: UInt8(ascii: "]"))
        return JSONBytesUnkeyedContainer(writer: writer, depth: inner)
    }

    mutating func superEncoder() -> any Encoder {
        JSONBytesValueEncoder(writer: writer, depth: member(Key(stringValue: "super")!))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        JSONBytesValueEncoder(writer: writer, depth: member(key))
    }
}

private struct JSONBytesUnkeyedContainer: UnkeyedEncodingContainer {
    let writer: JSONBytesWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    private(set) var count = 0

    init(writer: JSONBytesWriter, depth: Int) {
        self.writer = writer
        self.depth = depth
    }

    private mutating func element() -> Int {
        writer.startEntry(depth: depth, key: nil)
        count += 1
        return depth + 1
    }

    mutating func encodeNil() throws {
        _ = element()
        writer.writeLiteral("null")
    }

    mutating func encode(_ value: String) throws {
        _ = element()
        writer.writeString(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let inner = element()
        try writer.write(value, depth: inner)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let inner = element()
        writer.openContainer(depth: inner, opener: UInt8(ascii: "{"), closer: UInt8(ascii: "}"))
        return KeyedEncodingContainer(JSONBytesKeyedContainer<NestedKey>(writer: writer, depth: inner))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let inner = element()
        writer.openContainer(depth: inner, opener: UInt8(ascii: "["), closer: UInt8(ascii: "]"))
        return JSONBytesUnkeyedContainer(writer: writer, depth: inner)
    }

    mutating func superEncoder() -> any Encoder {
        JSONBytesValueEncoder(writer: writer, depth: element())
    }
}

private struct JSONBytesSingleValueContainer: SingleValueEncodingContainer {
    let writer: JSONBytesWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { writer.writeLiteral("null") }
    mutating func encode(_ value: Bool) throws { writer.writeLiteral(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { writer.writeString(value) }
    mutating func encode(_ value: Double) throws { try writer.writeDouble(value) }
    mutating func encode(_ value: Float) throws { try writer.writeDouble(value) }
    mutating func encode(_ value: Int) throws { writer.writeLiteral(String(value)) }
    mutating func encode(_ value: Int64) throws { writer.writeLiteral(String(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try writer.write(value, depth: depth)
    }
}
