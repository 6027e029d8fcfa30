/// When an Item's data was last refreshed, and the last webhook sent about it (`/item/get`).
public struct ItemStatus: Codable, Hashable, Sendable {
    public var investments: Nullable<ItemStatusUpdates>?
    public var transactions: Nullable<ItemStatusUpdates>?
    public var lastWebhook: Nullable<ItemStatusLastWebhook>?

    public init(
        investments: Nullable<ItemStatusUpdates>? = nil,
        transactions: Nullable<ItemStatusUpdates>? = nil,
        lastWebhook: Nullable<ItemStatusLastWebhook>? = nil
    ) {
        self.investments = investments
        self.transactions = transactions
        self.lastWebhook = lastWebhook
    }

    enum CodingKeys: String, CodingKey {
        case investments
        case transactions
        case lastWebhook = "last_webhook"
    }
}

/// The last successful and failed refresh of one product's data (ISO 8601 times).
public struct ItemStatusUpdates: Codable, Hashable, Sendable {
    public var lastSuccessfulUpdate: Nullable<String>?
    public var lastFailedUpdate: Nullable<String>?

    public init(lastSuccessfulUpdate: Nullable<String>? = nil, lastFailedUpdate: Nullable<String>? = nil) {
        self.lastSuccessfulUpdate = lastSuccessfulUpdate
        self.lastFailedUpdate = lastFailedUpdate
    }

    enum CodingKeys: String, CodingKey {
        case lastSuccessfulUpdate = "last_successful_update"
        case lastFailedUpdate = "last_failed_update"
    }
}

/// The last webhook sent about an Item: its code and when.
public struct ItemStatusLastWebhook: Codable, Hashable, Sendable {
    public var codeSent: String?
    public var sentAt: Nullable<String>?

    public init(codeSent: String? = nil, sentAt: Nullable<String>? = nil) {
        self.codeSent = codeSent
        self.sentAt = sentAt
    }

    enum CodingKeys: String, CodingKey {
        case codeSent = "code_sent"
        case sentAt = "sent_at"
    }
}
