/// The body of `/processor/account/get`. Reads the account a processor token reaches, without its numbers or owners.
public struct ProcessorAccountGetRequest: PlaidRequest {
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

    public typealias Response = ProcessorAccountGetResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/account/get",
        effect: .read,
        caller: .partner,
        summary: "Reads the account a processor token reaches and the institution it is at.",
        requestFields: [
            .processorToken,
        ]
    )
}

/// The successful response of `/processor/account/get`.
public struct ProcessorAccountGetResponse: PlaidResponse {
    public var account: Account
    /// The institution the account is at, such as `ins_109508`.
    public var institutionID: String
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(
        account: Account,
        institutionID: String,
        requestID: String
    ) {
        self.account = account
        self.institutionID = institutionID
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case account
        case institutionID = "institution_id"
        case requestID = "request_id"
    }
}
