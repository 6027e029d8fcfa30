/// A phone number an institution lists for an account owner.
public struct PhoneNumber: Codable, Hashable, Sendable {
    public var data: String
    public var primary: Bool
    public var type: PhoneNumberType

    public init(
        data: String,
        primary: Bool,
        type: PhoneNumberType
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
