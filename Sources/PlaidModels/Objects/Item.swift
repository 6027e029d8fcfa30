/// A login at an institution, and the products enabled on it.
public struct Item: Codable, Hashable, Sendable {
    public var itemID: String
    public var institutionID: Nullable<String>?
    public var institutionName: Nullable<String>?
    public var webhook: Nullable<String>
    public var authMethod: Nullable<String>?
    /// The error the Item is in, if any.
    public var error: Nullable<PlaidError>
    public var availableProducts: [Product]
    public var billedProducts: [Product]
    public var products: [Product]?
    public var consentedProducts: [Product]?
    public var consentExpirationTime: Nullable<String>
    /// `background` or `user_present_required`.
    public var updateType: String

    public init(
        itemID: String,
        institutionID: Nullable<String>? = nil,
        institutionName: Nullable<String>? = nil,
        webhook: Nullable<String>,
        authMethod: Nullable<String>? = nil,
        error: Nullable<PlaidError>,
        availableProducts: [Product],
        billedProducts: [Product],
        products: [Product]? = nil,
        consentedProducts: [Product]? = nil,
        consentExpirationTime: Nullable<String>,
        updateType: String
    ) {
        self.itemID = itemID
        self.institutionID = institutionID
        self.institutionName = institutionName
        self.webhook = webhook
        self.authMethod = authMethod
        self.error = error
        self.availableProducts = availableProducts
        self.billedProducts = billedProducts
        self.products = products
        self.consentedProducts = consentedProducts
        self.consentExpirationTime = consentExpirationTime
        self.updateType = updateType
    }

    enum CodingKeys: String, CodingKey {
        case itemID = "item_id"
        case institutionID = "institution_id"
        case institutionName = "institution_name"
        case webhook
        case authMethod = "auth_method"
        case error
        case availableProducts = "available_products"
        case billedProducts = "billed_products"
        case products
        case consentedProducts = "consented_products"
        case consentExpirationTime = "consent_expiration_time"
        case updateType = "update_type"
    }
}
