/// The body of `/processor/auth/get`. Reads an account and its transfer numbers through a processor token.
public struct ProcessorAuthGetRequest: PlaidRequest {
    /// Token a partner received for one account.
    public var processorToken: ProcessorToken

    public init(
        processorToken: ProcessorToken
    ) {
        self.processorToken = processorToken
    }

    enum CodingKeys: String, CodingKey {
        case processorToken = "processor_token"
    }

    public typealias Response = ProcessorAuthGetResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/auth/get",
        effect: .read,
        caller: .partner,
        summary: "Reads an account and its transfer numbers through a processor token.",
        requestFields: [
            .processorToken,
        ],
        rateLimitCode: "AUTH_LIMIT"
    )
}

/// The successful response of `/processor/auth/get`.
public struct ProcessorAuthGetResponse: PlaidResponse {
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String
    public var numbers: ProcessorNumbers
    public var account: Account

    public init(
        requestID: String,
        numbers: ProcessorNumbers,
        account: Account
    ) {
        self.requestID = requestID
        self.numbers = numbers
        self.account = account
    }

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id"
        case numbers
        case account
    }
}
