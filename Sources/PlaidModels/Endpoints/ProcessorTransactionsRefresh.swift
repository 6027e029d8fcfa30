/// The body of `/processor/transactions/refresh`. Asks for an account's transactions to be
/// fetched from the bank now rather than at the next scheduled update.
public struct ProcessorTransactionsRefreshRequest: PlaidRequest {
    /// Token a partner received for one account.
    public var processorToken: ProcessorToken

    public init(processorToken: ProcessorToken) {
        self.processorToken = processorToken
    }

    enum CodingKeys: String, CodingKey {
        case processorToken = "processor_token"
    }

    public typealias Response = ProcessorTransactionsRefreshResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/transactions/refresh",
        effect: .write,
        caller: .partner,
        summary: "Asks for the account's transactions to be fetched from the bank now.",
        requestFields: [.processorToken],
        rateLimitCode: "TRANSACTIONS_REFRESH_LIMIT"
    )
}

/// The successful response of `/processor/transactions/refresh`.
public struct ProcessorTransactionsRefreshResponse: PlaidResponse {
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(requestID: String) {
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id"
    }
}
