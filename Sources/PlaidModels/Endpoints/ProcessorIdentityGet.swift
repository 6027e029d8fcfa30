/// The body of `/processor/identity/get`. Reads an account and what its institution knows about the owners, through a processor token.
public struct ProcessorIdentityGetRequest: PlaidRequest {
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

    public typealias Response = ProcessorIdentityGetResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/identity/get",
        effect: .read,
        caller: .partner,
        summary: "Reads an account and what its institution knows about the owners, through a processor token.",
        requestFields: [
            .processorToken,
        ],
        rateLimitCode: "IDENTITY_LIMIT"
    )
}

/// The successful response of `/processor/identity/get`.
public struct ProcessorIdentityGetResponse: PlaidResponse {
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
