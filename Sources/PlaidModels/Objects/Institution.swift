/// A financial institution. Status and metadata blocks are kept as raw JSON.
public struct Institution: Codable, Hashable, Sendable {
    public var institutionID: String
    public var name: String
    public var products: [Product]
    public var countryCodes: [CountryCode]
    public var url: Nullable<String>?
    public var primaryColor: Nullable<String>?
    /// Base64-encoded PNG.
    public var logo: Nullable<String>?
    public var routingNumbers: [String]
    public var dtcNumbers: [String]?
    public var oauth: Bool
    public var status: Nullable<JSONValue>?
    public var paymentInitiationMetadata: Nullable<JSONValue>?
    public var authMetadata: Nullable<JSONValue>?
    /// `SUPPORTED` or `NOT_SUPPORTED`; newer official clients require it.
    public var connectionAvailability: String?

    public init(
        institutionID: String,
        name: String,
        products: [Product],
        countryCodes: [CountryCode],
        url: Nullable<String>? = nil,
        primaryColor: Nullable<String>? = nil,
        logo: Nullable<String>? = nil,
        routingNumbers: [String],
        dtcNumbers: [String]? = nil,
        oauth: Bool,
        status: Nullable<JSONValue>? = nil,
        paymentInitiationMetadata: Nullable<JSONValue>? = nil,
        authMetadata: Nullable<JSONValue>? = nil,
        connectionAvailability: String? = nil
    ) {
        self.institutionID = institutionID
        self.name = name
        self.products = products
        self.countryCodes = countryCodes
        self.url = url
        self.primaryColor = primaryColor
        self.logo = logo
        self.routingNumbers = routingNumbers
        self.dtcNumbers = dtcNumbers
        self.oauth = oauth
        self.status = status
        self.paymentInitiationMetadata = paymentInitiationMetadata
        self.authMetadata = authMetadata
        self.connectionAvailability = connectionAvailability
    }

    enum CodingKeys: String, CodingKey {
        case institutionID = "institution_id"
        case name
        case products
        case countryCodes = "country_codes"
        case url
        case primaryColor = "primary_color"
        case logo
        case routingNumbers = "routing_numbers"
        case dtcNumbers = "dtc_numbers"
        case oauth
        case status
        case paymentInitiationMetadata = "payment_initiation_metadata"
        case authMetadata = "auth_metadata"
        case connectionAvailability = "connection_availability"
    }
}
