/// The body of `/item/public_token/exchange`. Trades a short-lived public token for the Item's access token and id.
public struct ItemPublicTokenExchangeRequest: PlaidRequest {
    /// The public token from Link or the sandbox.
    public var publicToken: PublicToken

    public init(
        publicToken: PublicToken
    ) {
        self.publicToken = publicToken
    }

    enum CodingKeys: String, CodingKey {
        case publicToken = "public_token"
    }

    public typealias Response = ItemPublicTokenExchangeResponse

    public static let endpoint = PlaidEndpoint(
        path: "/item/public_token/exchange",
        effect: .write,
        caller: .developer,
        summary: "Trades a short-lived public token for the Item's access token and id.",
        requestFields: [
            RequestField(
                name: "public_token",
                type: .string,
                isRequired: true,
                summary: "The public token from Link or the sandbox."
            ),
        ]
    )
}

/// The successful response of `/item/public_token/exchange`.
public struct ItemPublicTokenExchangeResponse: PlaidResponse {
    public var accessToken: AccessToken
    public var itemID: String
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(
        accessToken: AccessToken,
        itemID: String,
        requestID: String
    ) {
        self.accessToken = accessToken
        self.itemID = itemID
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case itemID = "item_id"
        case requestID = "request_id"
    }
}
