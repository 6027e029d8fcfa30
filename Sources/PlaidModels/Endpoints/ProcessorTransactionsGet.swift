/// The body of `/processor/transactions/get`. Reads an account's transactions between two
/// dates, newest first, a page at a time.
public struct ProcessorTransactionsGetRequest: PlaidRequest {
    /// Token a partner received for one account.
    public var processorToken: ProcessorToken
    /// The first day, `YYYY-MM-DD`.
    public var startDate: String
    /// The last day, `YYYY-MM-DD`.
    public var endDate: String
    public var options: ProcessorTransactionsGetOptions?

    public init(processorToken: ProcessorToken, startDate: String, endDate: String, options: ProcessorTransactionsGetOptions? = nil) {
        self.processorToken = processorToken
        self.startDate = startDate
        self.endDate = endDate
        self.options = options
    }

    enum CodingKeys: String, CodingKey {
        case processorToken = "processor_token"
        case startDate = "start_date"
        case endDate = "end_date"
        case options
    }

    public typealias Response = ProcessorTransactionsGetResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/transactions/get",
        effect: .read,
        caller: .partner,
        summary: "Reads an account's transactions between two dates, newest first, a page at a time.",
        requestFields: [
            .processorToken,
            RequestField(name: "start_date", type: .string, isRequired: true, summary: "The first day, YYYY-MM-DD."),
            RequestField(name: "end_date", type: .string, isRequired: true, summary: "The last day, YYYY-MM-DD."),
            RequestField(name: "options", type: .object, isRequired: false, fields: [
                RequestField(name: "count", type: .integer, isRequired: false, summary: "Transactions per page, 1 to 500 (default 100)."),
                RequestField(name: "offset", type: .integer, isRequired: false, summary: "How many to skip, for the next page."),
                RequestField(name: "include_original_description", type: .boolean, isRequired: false, isNullable: true,
                             summary: "Also give each transaction's description as the bank wrote it."),
                RequestField(name: "include_personal_finance_category", type: .boolean, isRequired: false,
                             summary: "Accepted for older integrations; the category is always given."),
            ], summary: "Paging, and what each transaction includes."),
        ],
        rateLimitCode: "TRANSACTIONS_LIMIT"
    )
}

/// Paging of `/processor/transactions/get`.
public struct ProcessorTransactionsGetOptions: Codable, Hashable, Sendable {
    public var count: Int?
    public var offset: Int?
    public var includeOriginalDescription: Nullable<Bool>?
    public var includePersonalFinanceCategory: Bool?

    public init(count: Int? = nil, offset: Int? = nil, includeOriginalDescription: Nullable<Bool>? = nil,
                includePersonalFinanceCategory: Bool? = nil) {
        self.count = count
        self.offset = offset
        self.includeOriginalDescription = includeOriginalDescription
        self.includePersonalFinanceCategory = includePersonalFinanceCategory
    }

    enum CodingKeys: String, CodingKey {
        case count, offset
        case includeOriginalDescription = "include_original_description"
        case includePersonalFinanceCategory = "include_personal_finance_category"
    }
}

/// One page of `/processor/transactions/get`.
public struct ProcessorTransactionsGetResponse: PlaidResponse {
    public var account: Account
    public var transactions: [Transaction]
    /// How many transactions the dates hold in all, over every page.
    public var totalTransactions: Int
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(account: Account, transactions: [Transaction], totalTransactions: Int, requestID: String) {
        self.account = account
        self.transactions = transactions
        self.totalTransactions = totalTransactions
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case account, transactions
        case totalTransactions = "total_transactions"
        case requestID = "request_id"
    }
}
