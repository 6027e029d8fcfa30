/// The parts of a postal address.
public struct AddressData: Codable, Hashable, Sendable {
    public var city: Nullable<String>
    /// State or province.
    public var region: Nullable<String>
    public var street: String
    public var postalCode: Nullable<String>
    /// ISO 3166-1 alpha-2 code.
    public var country: Nullable<String>

    public init(
        city: Nullable<String>,
        region: Nullable<String>,
        street: String,
        postalCode: Nullable<String>,
        country: Nullable<String>
    ) {
        self.city = city
        self.region = region
        self.street = street
        self.postalCode = postalCode
        self.country = country
    }

    enum CodingKeys: String, CodingKey {
        case city
        case region
        case street
        case postalCode = "postal_code"
        case country
    }
}
