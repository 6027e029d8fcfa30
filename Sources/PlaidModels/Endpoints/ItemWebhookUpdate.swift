/// The body of `/item/webhook/update`. Sets the URL the Item's webhooks go to; null clears it.
public struct ItemWebhookUpdateRequest: PlaidRequest {
    /// Access token of the Item.
    public var accessToken: AccessToken
    /// The new webhook URL, or null for none.
    public var webhook: Nullable<String>?

    public init(accessToken: AccessToken, webhook: Nullable<String>? = nil) {
        self.accessToken = accessToken
        self.webhook = webhook
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case webhook
    }

    public typealias Response = ItemWebhookUpdateResponse

    public static let endpoint = PlaidEndpoint(
        path: "/item/webhook/update",
        effect: .write,
        caller: .developer,
        summary: "Sets the URL the Item's webhooks go to; null clears it.",
        requestFields: [
            .accessToken,
            RequestField(name: "webhook", type: .string, isRequired: false, isNullable: true,
                         summary: "The new webhook URL (https://…; http:// on loopback in the sandbox), or null for none."),
        ]
    )
}

/// The successful response of `/item/webhook/update`: the Item with its new webhook.
public struct ItemWebhookUpdateResponse: PlaidResponse {
    public var item: Item
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(item: Item, requestID: String) {
        self.item = item
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case item
        case requestID = "request_id"
    }
}
