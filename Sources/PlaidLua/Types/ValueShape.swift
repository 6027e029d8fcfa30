import PlaidModels

/// What a Decodable model looks like on the wire: learnt by decoding it from a decoder that
/// answers every question with a placeholder and notes what the model asked for — its keys,
/// their types, which are optional — so the editor definitions follow the models themselves.
indirect enum ValueShape: Equatable {
    case string, integer, number, boolean, any
    /// A token or other credential (a ``PlaidToken``): a string on the wire.
    case credential
    /// An open enum: the values the models know; Plaid may send others.
    case enumeration(name: String, values: [String])
    case array(ValueShape)
    case object(name: String, fields: [Field])

    struct Field: Equatable {
        let name: String
        let shape: ValueShape
        let isOptional: Bool
    }

    /// The shape of `type`; `.any` for what cannot be learnt (a model that refuses placeholders,
    /// or nesting past a sane depth, which a recursive model such as a JSON value would reach).
    static func of<T: Decodable>(_ type: T.Type) -> ValueShape {
        let decoder = ShapeDecoder(depth: 0)
        var shape = ValueShape.any
        _ = try? decoder.placeholder(type) { shape = $0 }
        return shape
    }

    static func primitive(_ type: Any.Type) -> ValueShape? {
        switch type {
        case is String.Type: .string
        case is Bool.Type: .boolean
        case is Double.Type, is Float.Type: .number
        case is Int.Type, is Int8.Type, is Int16.Type, is Int32.Type, is Int64.Type,
             is UInt.Type, is UInt8.Type, is UInt16.Type, is UInt32.Type, is UInt64.Type: .integer
        default: nil
        }
    }
}

/// The recording decoder behind ``ValueShape/of(_:)``.
private final class ShapeDecoder: Decoder {
    let codingPath: [any CodingKey] = []
    let userInfo: [CodingUserInfoKey: Any] = [:]
    let depth: Int
    var fields: [ValueShape.Field] = []
    var isObject = false
    var element: ValueShape?
    var single: ValueShape?

    init(depth: Int) { self.depth = depth }

    func shape(named name: String) -> ValueShape {
        if isObject { return .object(name: name, fields: fields) }
        if let element { return .array(element) }
        return single ?? .any
    }

    /// A placeholder of a primitive type, or a model decoded from a decoder of its own (its
    /// shape recorded in `record`).
    func placeholder<T: Decodable>(_ type: T.Type, record: (ValueShape) -> Void) throws -> T {
        if let shape = ValueShape.primitive(type) {
            record(shape)
            return Self.zero(type)
        }
        if let token = type as? any PlaidToken.Type {
            record(.credential)
            return token.init("") as! T
        }
        if let open = type as? any OpenEnum.Type {
            record(.enumeration(name: "\(type)", values: open.knownRawValues))
            return open.init(rawValue: open.knownRawValues.first ?? "") as! T
        }
        guard depth < 12 else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "nested too deep to record"))
        }
        let nested = ShapeDecoder(depth: depth + 1)
        let value = try T(from: nested)
        record(type == JSONValue.self ? .any : nested.shape(named: "\(type)"))
        return value
    }

    /// A primitive's placeholder.
    private static func zero<T>(_ type: T.Type) -> T {
        let zeros: [Any] = ["", false, 0.0, Float(0), 0, Int8(0), Int16(0), Int32(0), Int64(0), UInt(0), UInt8(0), UInt16(0),
                            UInt32(0), UInt64(0)]
        return zeros.first { $0 is T } as! T
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        isObject = true
        return KeyedDecodingContainer(Keyed<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { Unkeyed(decoder: self) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(decoder: self) }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: ShapeDecoder
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { [] }
        func contains(_ key: Key) -> Bool { true }
        func decodeNil(forKey key: Key) throws -> Bool { false }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try field(type, key, optional: false)
        }

        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            try field(type, key, optional: true)
        }

        /// A `Nullable` field is absent in Lua when it is `null` (unless a client keeps nulls).
        private func field<T: Decodable>(_ type: T.Type, _ key: Key, optional: Bool) throws -> T {
            let absentWhenNull = optional || type is any MayBeNull.Type
            return try decoder.placeholder(type) { decoder.fields.append(.init(name: key.stringValue, shape: $0, isOptional: absentWhenNull)) }
        }

        // The primitive requirements, so optional primitives are noted as optional too.
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try field(type, key, optional: false) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try field(type, key, optional: false) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try field(type, key, optional: false) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try field(type, key, optional: false) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try field(type, key, optional: false) }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try field(type, key, optional: true) }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try field(type, key, optional: true) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try field(type, key, optional: true) }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try field(type, key, optional: true) }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try field(type, key, optional: true) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.dataCorrupted(.init(codingPath: [key], debugDescription: "nested containers are not recorded"))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.dataCorrupted(.init(codingPath: [key], debugDescription: "nested containers are not recorded"))
        }

        func superDecoder() throws -> any Decoder { decoder }
        func superDecoder(forKey key: Key) throws -> any Decoder { decoder }
    }

    /// An array of one element, whose shape is the array's.
    struct Unkeyed: UnkeyedDecodingContainer {
        let decoder: ShapeDecoder
        var codingPath: [any CodingKey] { [] }
        var count: Int? { 1 }
        var currentIndex = 0
        var isAtEnd: Bool { currentIndex > 0 }

        mutating func decodeNil() throws -> Bool { false }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            currentIndex += 1
            return try decoder.placeholder(type) { decoder.element = $0 }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "nested containers are not recorded"))
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "nested containers are not recorded"))
        }

        mutating func superDecoder() throws -> any Decoder { decoder }
    }

    struct Single: SingleValueDecodingContainer {
        let decoder: ShapeDecoder
        var codingPath: [any CodingKey] { [] }
        func decodeNil() -> Bool { false }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try decoder.placeholder(type) { decoder.single = $0 }
        }
        func decode(_ type: Bool.Type) throws -> Bool { try decoder.placeholder(type) { decoder.single = $0 } }
        func decode(_ type: String.Type) throws -> String { try decoder.placeholder(type) { decoder.single = $0 } }
        func decode(_ type: Double.Type) throws -> Double { try decoder.placeholder(type) { decoder.single = $0 } }
        func decode(_ type: Int.Type) throws -> Int { try decoder.placeholder(type) { decoder.single = $0 } }
        func decode(_ type: Int64.Type) throws -> Int64 { try decoder.placeholder(type) { decoder.single = $0 } }
    }
}

/// The models' `Nullable`, recognised without knowing what it wraps.
private protocol MayBeNull {}
extension Nullable: MayBeNull {}
