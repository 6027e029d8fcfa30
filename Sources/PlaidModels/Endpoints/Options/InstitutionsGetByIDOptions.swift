/// Options of `/institutions/get_by_id`.
public struct InstitutionsGetByIDOptions: Codable, Hashable, Sendable {
    /// Add URL, colour and logo.
    public var includeOptionalMetadata: Bool?
    /// Add health status per product.
    public var includeStatus: Bool?
    /// Add supported Auth methods.
    public var includeAuthMetadata: Bool?
    /// Add payment initiation support.
    public var includePaymentInitiationMetadata: Bool?

    public init(
        includeOptionalMetadata: Bool? = nil,
        includeStatus: Bool? = nil,
        includeAuthMetadata: Bool? = nil,
        includePaymentInitiationMetadata: Bool? = nil
    ) {
        self.includeOptionalMetadata = includeOptionalMetadata
        self.includeStatus = includeStatus
        self.includeAuthMetadata = includeAuthMetadata
        self.includePaymentInitiationMetadata = includePaymentInitiationMetadata
    }

    enum CodingKeys: String, CodingKey {
        case includeOptionalMetadata = "include_optional_metadata"
        case includeStatus = "include_status"
        case includeAuthMetadata = "include_auth_metadata"
        case includePaymentInitiationMetadata = "include_payment_initiation_metadata"
    }
}
