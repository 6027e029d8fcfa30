/// The body of `/accounts/get`. Lists an Item's accounts with their cached balances, and the Item itself.
public struct AccountsGetRequest: PlaidRequest {
    /// Access token of the Item.
    public var accessToken: AccessToken
    /// Which accounts to return.
    public var options: AccountsGetOptions?

    public init(
        accessToken: AccessToken,
        options: AccountsGetOptions? = nil
    ) {
        self.accessToken = accessToken
        self.options = options
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case options
    }

    public typealias Response = AccountsGetResponse

    public static let endpoint = PlaidEndpoint(
        path: "/accounts/get",
        effect: .read,
        caller: .developer,
        summary: "Lists an Item's accounts with their cached balances, and the Item itself.",
        requestFields: [
            RequestField(
                name: "access_token",
                type: .string,
                isRequired: true,
                summary: "Access token of the Item."
            ),
            RequestField(
                name: "options",
                type: .object,
                isRequired: false,
                fields: [
                    RequestField(
                        name: "account_ids",
                        type: .array,
                        elementType: .string,
                        isRequired: false,
                        summary: "Return only these accounts."
                    ),
                ],
                summary: "Which accounts to return."
            ),
        ],
        rateLimitCode: "ACCOUNTS_LIMIT"
    )
}

/// The successful response of `/accounts/get`.
public struct AccountsGetResponse: PlaidResponse {
    public var accounts: [Account]
    public var item: Item
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(
        accounts: [Account],
        item: Item,
        requestID: String
    ) {
        self.accounts = accounts
        self.item = item
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case accounts
        case item
        case requestID = "request_id"
    }
}
