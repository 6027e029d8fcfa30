/// A postal address an institution lists for an account owner.
public struct Address: Codable, Hashable, Sendable {
    public var data: AddressData
    public var primary: Bool?

    public init(
        data: AddressData,
        primary: Bool? = nil
    ) {
        self.data = data
        self.primary = primary
    }

    enum CodingKeys: String, CodingKey {
        case data
        case primary
    }
}
