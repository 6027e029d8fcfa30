/// The body of `/processor/transactions/sync`. Pages through what changed in an account's
/// transactions since a cursor: added, modified and removed.
public struct ProcessorTransactionsSyncRequest: PlaidRequest {
    /// Token a partner received for one account.
    public var processorToken: ProcessorToken
    /// The `next_cursor` of the last page read; absent or empty for the whole history.
    public var cursor: String?
    /// How many changes one page holds, 1 to 500 (Plaid's default 100).
    public var count: Int?
    public var options: ProcessorTransactionsSyncOptions?

    public init(processorToken: ProcessorToken, cursor: String? = nil, count: Int? = nil, options: ProcessorTransactionsSyncOptions? = nil) {
        self.processorToken = processorToken
        self.cursor = cursor
        self.count = count
        self.options = options
    }

    enum CodingKeys: String, CodingKey {
        case processorToken = "processor_token"
        case cursor
        case count
        case options
    }

    /// The largest page Plaid gives.
    public static let maximumCount = 500
    public static let defaultCount = 100

    public typealias Response = ProcessorTransactionsSyncResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/transactions/sync",
        effect: .read,
        caller: .partner,
        summary: "Pages through what changed in an account's transactions since a cursor.",
        requestFields: [
            .processorToken,
            RequestField(name: "cursor", type: .string, isRequired: false,
                         summary: "The next_cursor of the last page read; absent for the whole history."),
            RequestField(name: "count", type: .integer, isRequired: false, summary: "Changes per page, 1 to 500 (default 100)."),
            RequestField(name: "options", type: .object, isRequired: false, fields: [
                RequestField(name: "include_original_description", type: .boolean, isRequired: false, isNullable: true,
                             summary: "Also give each transaction's description as the bank wrote it."),
                RequestField(name: "include_personal_finance_category", type: .boolean, isRequired: false,
                             summary: "Accepted for older integrations; the category is always given."),
                RequestField(name: "days_requested", type: .integer, isRequired: false,
                             summary: "Days of history to give on the first sync, 1 to 730 (default 90)."),
            ], summary: "What each transaction includes."),
        ],
        rateLimitCode: "TRANSACTIONS_SYNC_LIMIT"
    )
}

/// What `/processor/transactions/sync` includes.
public struct ProcessorTransactionsSyncOptions: Codable, Hashable, Sendable {
    public var includeOriginalDescription: Nullable<Bool>?
    public var includePersonalFinanceCategory: Bool?
    public var daysRequested: Int?

    public init(includeOriginalDescription: Nullable<Bool>? = nil, includePersonalFinanceCategory: Bool? = nil, daysRequested: Int? = nil) {
        self.includeOriginalDescription = includeOriginalDescription
        self.includePersonalFinanceCategory = includePersonalFinanceCategory
        self.daysRequested = daysRequested
    }

    enum CodingKeys: String, CodingKey {
        case includeOriginalDescription = "include_original_description"
        case includePersonalFinanceCategory = "include_personal_finance_category"
        case daysRequested = "days_requested"
    }
}

/// One page of `/processor/transactions/sync`.
public struct ProcessorTransactionsSyncResponse: PlaidResponse {
    public var transactionsUpdateStatus: TransactionsUpdateStatus
    public var account: Account
    public var added: [Transaction]
    public var modified: [Transaction]
    public var removed: [RemovedTransaction]
    /// Where the next call starts: the next page while `has_more`, else the next sync.
    public var nextCursor: String
    public var hasMore: Bool
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(transactionsUpdateStatus: TransactionsUpdateStatus, account: Account, added: [Transaction], modified: [Transaction],
                removed: [RemovedTransaction], nextCursor: String, hasMore: Bool, requestID: String) {
        self.transactionsUpdateStatus = transactionsUpdateStatus
        self.account = account
        self.added = added
        self.modified = modified
        self.removed = removed
        self.nextCursor = nextCursor
        self.hasMore = hasMore
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case transactionsUpdateStatus = "transactions_update_status"
        case account, added, modified, removed
        case nextCursor = "next_cursor"
        case hasMore = "has_more"
        case requestID = "request_id"
    }
}
