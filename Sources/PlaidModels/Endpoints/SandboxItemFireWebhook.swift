/// The body of `/sandbox/item/fire_webhook`. Sends a test webhook about a sandbox Item to the
/// Item's webhook URL and, for the transactions codes, to its processor tokens' URLs.
public struct SandboxItemFireWebhookRequest: PlaidRequest {
    /// Access token of the Item.
    public var accessToken: AccessToken
    /// What to fire, such as `SYNC_UPDATES_AVAILABLE`.
    public var webhookCode: String
    /// The product the code is about, for codes more than one product has (`DEFAULT_UPDATE`).
    public var webhookType: String?

    public init(accessToken: AccessToken, webhookCode: String, webhookType: String? = nil) {
        self.accessToken = accessToken
        self.webhookCode = webhookCode
        self.webhookType = webhookType
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case webhookCode = "webhook_code"
        case webhookType = "webhook_type"
    }

    /// The codes the endpoint takes, as plaid-python 46 lists them.
    public static let codes = [
        "DEFAULT_UPDATE", "NEW_ACCOUNTS_AVAILABLE", "SMS_MICRODEPOSITS_VERIFICATION", "AUTHORIZATION_GRANTED",
        "USER_PERMISSION_REVOKED", "USER_ACCOUNT_REVOKED", "PENDING_DISCONNECT", "RECURRING_TRANSACTIONS_UPDATE",
        "LOGIN_REPAIRED", "SYNC_UPDATES_AVAILABLE", "PRODUCT_READY", "ERROR",
    ]

    /// The webhook types the endpoint takes.
    public static let types = ["AUTH", "HOLDINGS", "INVESTMENTS_TRANSACTIONS", "ITEM", "LIABILITIES", "TRANSACTIONS", "ASSETS", "IDENTITY"]

    public typealias Response = SandboxItemFireWebhookResponse

    public static let endpoint = PlaidEndpoint(
        path: "/sandbox/item/fire_webhook",
        effect: .write,
        caller: .developer,
        summary: "Sends a test webhook about a sandbox Item to its webhook URL (and its processor tokens' URLs).",
        requestFields: [
            .accessToken,
            RequestField(name: "webhook_code", type: .string, isRequired: true, allowedValues: codes,
                         summary: "The webhook to send, such as SYNC_UPDATES_AVAILABLE."),
            RequestField(name: "webhook_type", type: .string, isRequired: false, allowedValues: types,
                         summary: "The product the code is about (DEFAULT_UPDATE: TRANSACTIONS unless given)."),
        ]
    )
}

/// The successful response of `/sandbox/item/fire_webhook`.
public struct SandboxItemFireWebhookResponse: PlaidResponse {
    /// Whether the webhook was queued for delivery.
    public var webhookFired: Bool
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(webhookFired: Bool, requestID: String) {
        self.webhookFired = webhookFired
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case webhookFired = "webhook_fired"
        case requestID = "request_id"
    }
}
