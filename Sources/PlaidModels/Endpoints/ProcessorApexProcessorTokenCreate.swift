/// The body of `/processor/apex/processor_token/create`. Makes a processor token for Apex
/// Clearing, which has an endpoint of its own for it.
public struct ProcessorApexProcessorTokenCreateRequest: PlaidRequest {
    /// Access token of the Item.
    public var accessToken: AccessToken
    /// The account Apex may reach.
    public var accountID: String

    public init(accessToken: AccessToken, accountID: String) {
        self.accessToken = accessToken
        self.accountID = accountID
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case accountID = "account_id"
    }

    public typealias Response = ProcessorTokenCreateResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/apex/processor_token/create",
        effect: .write,
        caller: .developer,
        summary: "Makes a processor token for Apex Clearing for one account of an Item.",
        requestFields: [
            .accessToken,
            RequestField(name: "account_id", type: .string, isRequired: true, summary: "The account Apex may reach."),
        ]
    )
}
