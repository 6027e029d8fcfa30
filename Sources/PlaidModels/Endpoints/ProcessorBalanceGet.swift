/// The body of `/processor/balance/get`. Reads an account's balances through a processor token.
public struct ProcessorBalanceGetRequest: PlaidRequest {
    /// Token a partner received for one account.
    public var processorToken: ProcessorToken
    /// Balance freshness options.
    public var options: ProcessorBalanceGetOptions?

    public init(
        processorToken: ProcessorToken,
        options: ProcessorBalanceGetOptions? = nil
    ) {
        self.processorToken = processorToken
        self.options = options
    }

    enum CodingKeys: String, CodingKey {
        case processorToken = "processor_token"
        case options
    }

    public typealias Response = ProcessorBalanceGetResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/balance/get",
        effect: .read,
        caller: .partner,
        summary: "Reads an account's balances through a processor token.",
        requestFields: [
            .processorToken,
            RequestField(
                name: "options",
                type: .object,
                isRequired: false,
                fields: [
                    RequestField(
                        name: "min_last_updated_datetime",
                        type: .string,
                        isRequired: false,
                        summary: "Oldest acceptable balance time (ISO 8601); only some institutions use it."
                    ),
                ],
                summary: "Balance freshness options."
            ),
        ],
        rateLimitCode: "BALANCE_LIMIT"
    )
}

/// The successful response of `/processor/balance/get`.
public struct ProcessorBalanceGetResponse: PlaidResponse {
    public var account: Account
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(
        account: Account,
        requestID: String
    ) {
        self.account = account
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case account
        case requestID = "request_id"
    }
}
