/// The body of `/processor/transactions/recurring/get`. Finds the account's recurring inflows
/// (payroll, transfers in) and outflows (rent, bills, subscriptions) in its transactions.
public struct ProcessorTransactionsRecurringGetRequest: PlaidRequest {
    /// Token a partner received for one account.
    public var processorToken: ProcessorToken
    public var options: ProcessorTransactionsRecurringGetOptions?

    public init(processorToken: ProcessorToken, options: ProcessorTransactionsRecurringGetOptions? = nil) {
        self.processorToken = processorToken
        self.options = options
    }

    enum CodingKeys: String, CodingKey {
        case processorToken = "processor_token"
        case options
    }

    public typealias Response = ProcessorTransactionsRecurringGetResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/transactions/recurring/get",
        effect: .read,
        caller: .partner,
        summary: "Finds the account's recurring inflows and outflows in its transactions.",
        requestFields: [
            .processorToken,
            RequestField(name: "options", type: .object, isRequired: false, fields: [
                RequestField(name: "include_personal_finance_category", type: .boolean, isRequired: false,
                             summary: "Accepted for older integrations; the category is always given."),
            ], summary: "What each stream includes."),
        ],
        rateLimitCode: "TRANSACTIONS_LIMIT"
    )
}

/// What `/processor/transactions/recurring/get` includes.
public struct ProcessorTransactionsRecurringGetOptions: Codable, Hashable, Sendable {
    public var includePersonalFinanceCategory: Bool?

    public init(includePersonalFinanceCategory: Bool? = nil) {
        self.includePersonalFinanceCategory = includePersonalFinanceCategory
    }

    enum CodingKeys: String, CodingKey {
        case includePersonalFinanceCategory = "include_personal_finance_category"
    }
}

/// The account's recurring streams, money in and money out.
public struct ProcessorTransactionsRecurringGetResponse: PlaidResponse {
    public var inflowStreams: [TransactionStream]
    public var outflowStreams: [TransactionStream]
    /// When the streams were last worked out (ISO 8601).
    public var updatedDatetime: String
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(inflowStreams: [TransactionStream], outflowStreams: [TransactionStream], updatedDatetime: String, requestID: String) {
        self.inflowStreams = inflowStreams
        self.outflowStreams = outflowStreams
        self.updatedDatetime = updatedDatetime
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case inflowStreams = "inflow_streams"
        case outflowStreams = "outflow_streams"
        case updatedDatetime = "updated_datetime"
        case requestID = "request_id"
    }
}

/// Transactions that recur: the same payee at a regular interval.
public struct TransactionStream: Codable, Hashable, Sendable {
    public var accountID: String
    public var streamID: String
    /// Plaid's older category names, broadest first.
    public var category: [String]
    public var categoryID: String
    public var description: String
    public var merchantName: Nullable<String>
    public var firstDate: String
    public var lastDate: String
    public var predictedNextDate: Nullable<String>?
    /// `WEEKLY`, `BIWEEKLY`, `SEMI_MONTHLY`, `MONTHLY`, `ANNUALLY` or `UNKNOWN`.
    public var frequency: String
    public var transactionIDs: [String]
    public var averageAmount: TransactionStreamAmount
    public var lastAmount: TransactionStreamAmount
    public var isActive: Bool
    /// `MATURE`, `EARLY_DETECTION`, `TOMBSTONED` or `UNKNOWN`.
    public var status: String
    public var isUserModified: Bool
    public var personalFinanceCategory: Nullable<PersonalFinanceCategory>?

    public init(accountID: String, streamID: String, category: [String], categoryID: String, description: String,
                merchantName: Nullable<String>, firstDate: String, lastDate: String, predictedNextDate: Nullable<String>?,
                frequency: String, transactionIDs: [String], averageAmount: TransactionStreamAmount, lastAmount: TransactionStreamAmount,
                isActive: Bool, status: String, isUserModified: Bool = false, personalFinanceCategory: Nullable<PersonalFinanceCategory>?) {
        self.accountID = accountID
        self.streamID = streamID
        self.category = category
        self.categoryID = categoryID
        self.description = description
        self.merchantName = merchantName
        self.firstDate = firstDate
        self.lastDate = lastDate
        self.predictedNextDate = predictedNextDate
        self.frequency = frequency
        self.transactionIDs = transactionIDs
        self.averageAmount = averageAmount
        self.lastAmount = lastAmount
        self.isActive = isActive
        self.status = status
        self.isUserModified = isUserModified
        self.personalFinanceCategory = personalFinanceCategory
    }

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case streamID = "stream_id"
        case category
        case categoryID = "category_id"
        case description
        case merchantName = "merchant_name"
        case firstDate = "first_date"
        case lastDate = "last_date"
        case predictedNextDate = "predicted_next_date"
        case frequency
        case transactionIDs = "transaction_ids"
        case averageAmount = "average_amount"
        case lastAmount = "last_amount"
        case isActive = "is_active"
        case status
        case isUserModified = "is_user_modified"
        case personalFinanceCategory = "personal_finance_category"
    }
}

/// An amount of a stream, signed as transactions are: negative for money coming in.
public struct TransactionStreamAmount: Codable, Hashable, Sendable {
    public var amount: Double?
    public var isoCurrencyCode: Nullable<String>?
    public var unofficialCurrencyCode: Nullable<String>?

    public init(amount: Double?, isoCurrencyCode: Nullable<String>? = nil, unofficialCurrencyCode: Nullable<String>? = nil) {
        self.amount = amount
        self.isoCurrencyCode = isoCurrencyCode
        self.unofficialCurrencyCode = unofficialCurrencyCode
    }

    enum CodingKeys: String, CodingKey {
        case amount
        case isoCurrencyCode = "iso_currency_code"
        case unofficialCurrencyCode = "unofficial_currency_code"
    }
}
