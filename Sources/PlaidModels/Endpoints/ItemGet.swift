/// The body of `/item/get`. Reads an Item's state: its products, webhook and any error it is in.
public struct ItemGetRequest: PlaidRequest {
    /// Access token of the Item.
    public var accessToken: AccessToken

    public init(accessToken: AccessToken) {
        self.accessToken = accessToken
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
    }

    public typealias Response = ItemGetResponse

    public static let endpoint = PlaidEndpoint(
        path: "/item/get",
        effect: .read,
        caller: .developer,
        summary: "Reads an Item's state: its products, webhook and any error it is in.",
        requestFields: [.accessToken],
        rateLimitCode: "ITEM_GET_LIMIT"
    )
}

/// The successful response of `/item/get`.
public struct ItemGetResponse: PlaidResponse {
    /// The Item; `error` holds the error it is in, such as `ITEM_LOGIN_REQUIRED`.
    public var item: Item
    public var status: Nullable<ItemStatus>?
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(item: Item, status: Nullable<ItemStatus>? = nil, requestID: String) {
        self.item = item
        self.status = status
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case item
        case status
        case requestID = "request_id"
    }
}
