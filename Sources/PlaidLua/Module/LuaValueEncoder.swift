import LuaBridge

/// Turns a model into a ``LuaValue`` the way the model types it, not the way its JSON text
/// reads: a `Double` amount stays a float even when it is whole (`110.0`), an `Int` stays an
/// integer, and `null` becomes ``LuaValue/null`` or, with `keepsNull == false`, disappears.
struct LuaValueEncoder {
    var keepsNull = false

    func encode(_ value: some Encodable) throws -> LuaValue {
        let root = Node()
        try value.encode(to: NodeEncoder(node: root, codingPath: []))
        return root.value(keepingNull: keepsNull) ?? .nil
    }
}

/// A value being built; containers are filled in after they are handed out, hence a class.
private final class Node {
    enum Content {
        case empty
        case scalar(LuaValue)
        case object([String: Node])
        case array([Node])
    }

    var content = Content.empty

    func value(keepingNull: Bool) -> LuaValue? {
        switch content {
        case .empty: return nil
        case .scalar(.null): return keepingNull ? .null : nil
        case .scalar(let value): return value
        case .object(let members):
            var table: [LuaKey: LuaValue] = [:]
            for (key, node) in members {
                if let value = node.value(keepingNull: keepingNull) { table[.string(LuaBytes(key))] = value }
            }
            return .table(table)
        case .array(let elements):
            return .array(elements.map { $0.value(keepingNull: keepingNull) ?? .nil })
        }
    }

    func object() -> [String: Node] {
        if case .object(let members) = content { return members }
        content = .object([:])
        return [:]
    }

    func member(_ key: String) -> Node {
        var members = object()
        if let existing = members[key] { return existing }
        let node = Node()
        members[key] = node
        content = .object(members)
        return node
    }

    func appended() -> Node {
        var elements: [Node] = []
        if case .array(let existing) = content { elements = existing }
        let node = Node()
        elements.append(node)
        content = .array(elements)
        return node
    }

    var count: Int {
        if case .array(let elements) = content { return elements.count }
        return 0
    }
}

private struct NodeEncoder: Encoder {
    let node: Node
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        _ = node.object()
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .empty = node.content { node.content = .array([]) }
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValue(node: node, codingPath: codingPath)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.member(key.stringValue).content = .scalar(.null) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try value.encode(to: NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]))
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.member("super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]) }
}

private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { String(intValue ?? 0) }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: Node
    let codingPath: [any CodingKey]
    var count: Int { node.count }

    /// An encoder for a new last element; its path ends in the element's index, taken before
    /// appending it.
    private func next() -> NodeEncoder {
        let index = node.count
        return NodeEncoder(node: node.appended(), codingPath: codingPath + [IndexKey(index)])
    }

    mutating func encodeNil() throws { node.appended().content = .scalar(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: next()) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        next().container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { next().unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { next() }
}

private struct SingleValue: SingleValueEncodingContainer {
    let node: Node
    let codingPath: [any CodingKey]

    private func set(_ value: LuaValue) { node.content = .scalar(value) }

    mutating func encodeNil() throws { set(.null) }
    mutating func encode(_ value: Bool) throws { set(.boolean(value)) }
    mutating func encode(_ value: String) throws { set(.string(value)) }
    mutating func encode(_ value: Double) throws { set(.number(value)) }
    mutating func encode(_ value: Float) throws { set(.number(Double(value))) }
    mutating func encode(_ value: Int) throws { set(.integer(Int64(value))) }
    mutating func encode(_ value: Int8) throws { set(.integer(Int64(value))) }
    mutating func encode(_ value: Int16) throws { set(.integer(Int64(value))) }
    mutating func encode(_ value: Int32) throws { set(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) throws { set(.integer(value)) }
    mutating func encode(_ value: UInt) throws { set(.integer(Int64(clamping: value))) }
    mutating func encode(_ value: UInt8) throws { set(.integer(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { set(.integer(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { set(.integer(Int64(value))) }
    mutating func encode(_ value: UInt64) throws { set(.integer(Int64(clamping: value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: NodeEncoder(node: node, codingPath: codingPath)) }
}
