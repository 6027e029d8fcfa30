public import Foundation
import JSONScanning

/// Any JSON document, for the raw API call and for parts of responses the models do not type.
///
/// Integers and floating-point numbers stay apart so that a value read as `1` is written back
/// as `1`, not `1.0`. A number is an integer when it has no fractional part and fits in 64 bits,
/// so the JSON text `1.0` reads as `.integer(1)`.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses UTF-8 JSON text.
    public init(data: Data) throws {
        var sink = JSONValueSink()
        try data.withUnsafeBytes { raw in
            try JSONScanner.scan(raw.bindMemory(to: UInt8.self), into: &sink)
        }
        self = sink.result
    }

    /// Converts any encodable value, such as a request model, to its JSON form.
    public init(encoding value: some Encodable) throws {
        self = try JSONValue(data: JSONEncoder().encode(value))
    }

    /// Serializes with sorted keys, so equal values give equal bytes.
    public func data() throws -> Data {
        Data(try JSONBytesEncoder.encode(self))
    }

    /// Decodes this value as a model type.
    public func decode<T: Decodable>(as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: data())
    }

    /// The member named `key` when this is an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }
}

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let integer = try? container.decode(Int64.self) {
            self = .integer(integer)
        } else if let double = try? container.decode(Double.self) {
            self = .double(double)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let bool): try container.encode(bool)
        case .integer(let integer): try container.encode(integer)
        case .double(let double): try container.encode(double)
        case .string(let string): try container.encode(string)
        case .array(let array): try container.encode(array)
        case .object(let object): try container.encode(object)
        }
    }
}

/// Builds a ``JSONValue`` from the scanner's events.
private struct JSONValueSink: JSONSink {
    private enum Container {
        case object([String: JSONValue], key: String?)
        case array([JSONValue])
    }

    private var open: [Container] = []
    private(set) var result: JSONValue = .null

    private mutating func emit(_ value: JSONValue) {
        guard let container = open.popLast() else { return result = value }
        switch container {
        case .object(var members, let key?):
            members[key] = value
            open.append(.object(members, key: nil))
        case .object(let members, nil):
            open.append(.object(members, key: nil))
        case .array(var elements):
            elements.append(value)
            open.append(.array(elements))
        }
    }

    mutating func null() { emit(.null) }
    mutating func boolean(_ value: Bool) { emit(.bool(value)) }
    mutating func integer(_ value: Int64) { emit(.integer(value)) }
    /// A whole number written as a float (`1.0`, `1e3`) is an integer, as the type promises.
    mutating func number(_ value: Double) {
        if let integer = Int64(exactly: value) { emit(.integer(integer)) } else { emit(.double(value)) }
    }
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) { emit(.string(String(decoding: bytes, as: UTF8.self))) }
    mutating func beginObject() { open.append(.object([:], key: nil)) }

    mutating func key(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard case .object(let members, _)? = open.popLast() else { return }
        open.append(.object(members, key: String(decoding: bytes, as: UTF8.self)))
    }

    mutating func endMember() {}
    mutating func endElement() {}

    mutating func endObject() {
        guard case .object(let members, _)? = open.popLast() else { return }
        emit(.object(members))
    }

    mutating func beginArray() { open.append(.array([])) }

    mutating func endArray() {
        guard case .array(let elements)? = open.popLast() else { return }
        emit(.array(elements))
    }
}
