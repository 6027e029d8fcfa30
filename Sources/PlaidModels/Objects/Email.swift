/// An email address an institution lists for an account owner.
public struct Email: Codable, Hashable, Sendable {
    public var data: String
    public var primary: Bool
    public var type: EmailType

    public init(
        data: String,
        primary: Bool,
        type: EmailType
    ) {
        self.data = data
        self.primary = primary
        self.type = type
    }

    enum CodingKeys: String, CodingKey {
        case data
        case primary
        case type
    }
}
