/// The body of `/sandbox/transactions/create`. Adds transactions to a sandbox Item linked as
/// `user_transactions_dynamic`; the next sync returns them.
public struct SandboxTransactionsCreateRequest: PlaidRequest {
    /// Access token of the Item.
    public var accessToken: AccessToken
    /// The transactions to add, at most 10 a call.
    public var transactions: [CustomSandboxTransaction]

    public init(accessToken: AccessToken, transactions: [CustomSandboxTransaction]) {
        self.accessToken = accessToken
        self.transactions = transactions
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case transactions
    }

    /// How many transactions one call may add.
    public static let maximumCount = 10

    public typealias Response = SandboxTransactionsCreateResponse

    public static let endpoint = PlaidEndpoint(
        path: "/sandbox/transactions/create",
        effect: .write,
        caller: .developer,
        summary: "Adds transactions to a sandbox Item linked as user_transactions_dynamic.",
        requestFields: [
            .accessToken,
            RequestField(name: "transactions", type: .array, elementType: .object, isRequired: true, fields: [
                RequestField(name: "date_transacted", type: .string, isRequired: true, summary: "The day it was made, YYYY-MM-DD."),
                RequestField(name: "date_posted", type: .string, isRequired: true, summary: "The day it posted, YYYY-MM-DD."),
                RequestField(name: "amount", type: .number, isRequired: true,
                             summary: "Positive for money leaving the account, negative for money coming in."),
                RequestField(name: "description", type: .string, isRequired: true, summary: "What the bank statement says."),
                RequestField(name: "iso_currency_code", type: .string, isRequired: false, summary: "The currency, USD by default."),
                RequestField(name: "account_id", type: .string, isRequired: false,
                             summary: "The account it belongs to; the Item's first checking account by default."),
            ], summary: "The transactions to add, at most 10."),
        ]
    )
}

/// A transaction `/sandbox/transactions/create` adds.
public struct CustomSandboxTransaction: Codable, Hashable, Sendable {
    public var dateTransacted: String
    public var datePosted: String
    public var amount: Double
    public var description: String
    public var isoCurrencyCode: String?
    public var accountID: String?

    public init(dateTransacted: String, datePosted: String, amount: Double, description: String,
                isoCurrencyCode: String? = nil, accountID: String? = nil) {
        self.dateTransacted = dateTransacted
        self.datePosted = datePosted
        self.amount = amount
        self.description = description
        self.isoCurrencyCode = isoCurrencyCode
        self.accountID = accountID
    }

    enum CodingKeys: String, CodingKey {
        case dateTransacted = "date_transacted"
        case datePosted = "date_posted"
        case amount, description
        case isoCurrencyCode = "iso_currency_code"
        case accountID = "account_id"
    }
}

/// The successful response of `/sandbox/transactions/create`.
public struct SandboxTransactionsCreateResponse: PlaidResponse {
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(requestID: String) {
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id"
    }
}
