/// The body of `/processor/token/create`. Creates a token that lets one partner reach one account of an Item.
public struct ProcessorTokenCreateRequest: PlaidRequest {
    /// Access token of the Item.
    public var accessToken: AccessToken
    /// The account the partner may reach.
    public var accountID: String
    /// The partner the token is for.
    public var processor: Processor

    public init(
        accessToken: AccessToken,
        accountID: String,
        processor: Processor
    ) {
        self.accessToken = accessToken
        self.accountID = accountID
        self.processor = processor
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case accountID = "account_id"
        case processor
    }

    public typealias Response = ProcessorTokenCreateResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/token/create",
        effect: .write,
        caller: .developer,
        summary: "Creates a token that lets one partner reach one account of an Item.",
        requestFields: [
            RequestField(
                name: "access_token",
                type: .string,
                isRequired: true,
                summary: "Access token of the Item."
            ),
            RequestField(
                name: "account_id",
                type: .string,
                isRequired: true,
                summary: "The account the partner may reach."
            ),
            RequestField(
                name: "processor",
                type: .string,
                isRequired: true,
                allowedValues: Processor.knownRawValues,
                summary: "The partner the token is for."
            ),
        ]
    )
}

/// The successful response of `/processor/token/create`.
public struct ProcessorTokenCreateResponse: PlaidResponse {
    public var processorToken: ProcessorToken
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(
        processorToken: ProcessorToken,
        requestID: String
    ) {
        self.processorToken = processorToken
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case processorToken = "processor_token"
        case requestID = "request_id"
    }
}
