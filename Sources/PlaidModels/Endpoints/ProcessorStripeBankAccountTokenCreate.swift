/// The body of `/processor/stripe/bank_account_token/create`. Creates a Stripe bank account token for one account of an Item.
public struct ProcessorStripeBankAccountTokenCreateRequest: PlaidRequest {
    /// Access token of the Item.
    public var accessToken: AccessToken
    /// The account Stripe should use.
    public var accountID: String

    public init(
        accessToken: AccessToken,
        accountID: String
    ) {
        self.accessToken = accessToken
        self.accountID = accountID
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case accountID = "account_id"
    }

    public typealias Response = ProcessorStripeBankAccountTokenCreateResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/stripe/bank_account_token/create",
        effect: .write,
        caller: .developer,
        summary: "Creates a Stripe bank account token for one account of an Item.",
        requestFields: [
            RequestField(
                name: "access_token",
                type: .string,
                isRequired: true,
                summary: "Access token of the Item."
            ),
            RequestField(
                name: "account_id",
                type: .string,
                isRequired: true,
                summary: "The account Stripe should use."
            ),
        ]
    )
}

/// The successful response of `/processor/stripe/bank_account_token/create`.
public struct ProcessorStripeBankAccountTokenCreateResponse: PlaidResponse {
    public var stripeBankAccountToken: StripeBankAccountToken
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(
        stripeBankAccountToken: StripeBankAccountToken,
        requestID: String
    ) {
        self.stripeBankAccountToken = stripeBankAccountToken
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case stripeBankAccountToken = "stripe_bank_account_token"
        case requestID = "request_id"
    }
}
