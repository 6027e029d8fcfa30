/// A JSON value that may be `null`.
///
/// Plaid distinguishes a key that holds `null` from a key that is missing, so the models keep
/// both apart instead of folding them into one `Optional`:
/// - `Nullable<T>` is a key that is always sent and may be `null`.
/// - `Nullable<T>?` is a key that may also be missing: `nil` when absent, `.null` when `null`.
///
/// The `decodeIfPresent`/`encodeIfPresent` overloads below make synthesized `Codable` keep
/// that difference, so a decoded value re-encodes exactly as it arrived.
public enum Nullable<Wrapped> {
    case null
    case value(Wrapped)

    /// Maps Swift's `nil` to JSON `null`.
    public init(_ optional: Wrapped?) {
        self = optional.map(Nullable.value) ?? .null
    }

    /// The wrapped value, or `nil` for `null`.
    public var value: Wrapped? {
        if case .value(let wrapped) = self { return wrapped }
        return nil
    }

    public var isNull: Bool { value == nil }
}

extension Nullable: Sendable where Wrapped: Sendable {}
extension Nullable: Equatable where Wrapped: Equatable {}
extension Nullable: Hashable where Wrapped: Hashable {}

extension Nullable: Decodable where Wrapped: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = container.decodeNil() ? .null : .value(try container.decode(Wrapped.self))
    }
}

extension Nullable: Encodable where Wrapped: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .value(let wrapped): try container.encode(wrapped)
        }
    }
}

extension Nullable: CustomStringConvertible {
    public var description: String {
        switch self {
        case .null: "null"
        case .value(let wrapped): String(describing: wrapped)
        }
    }
}

extension KeyedDecodingContainer {
    /// Keeps a present `null` as `.null`; the standard overload would turn it into `nil`.
    public func decodeIfPresent<T: Decodable>(_ type: Nullable<T>.Type, forKey key: Key) throws -> Nullable<T>? {
        guard contains(key) else { return nil }
        return try decode(Nullable<T>.self, forKey: key)
    }
}

extension KeyedEncodingContainer {
    /// Writes `.null` as `null` and leaves the key out only when the value is `nil`.
    public mutating func encodeIfPresent<T: Encodable>(_ value: Nullable<T>?, forKey key: Key) throws {
        guard let value else { return }
        try encode(value, forKey: key)
    }
}
