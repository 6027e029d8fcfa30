/// What an institution knows about the people or business holding an account.
public struct Owner: Codable, Hashable, Sendable {
    public var names: [String]
    public var phoneNumbers: [PhoneNumber]
    public var emails: [Email]
    public var addresses: [Address]

    public init(
        names: [String],
        phoneNumbers: [PhoneNumber],
        emails: [Email],
        addresses: [Address]
    ) {
        self.names = names
        self.phoneNumbers = phoneNumbers
        self.emails = emails
        self.addresses = addresses
    }

    enum CodingKeys: String, CodingKey {
        case names
        case phoneNumbers = "phone_numbers"
        case emails
        case addresses
    }
}
