/// The body of `/sandbox/processor_token/create`. Sandbox only: links a test Item and returns a processor token for one of its accounts.
public struct SandboxProcessorTokenCreateRequest: PlaidRequest {
    /// Test institution to link, such as `ins_109508`.
    public var institutionID: String
    /// Test login to use.
    public var options: SandboxProcessorTokenCreateOptions?

    public init(
        institutionID: String,
        options: SandboxProcessorTokenCreateOptions? = nil
    ) {
        self.institutionID = institutionID
        self.options = options
    }

    enum CodingKeys: String, CodingKey {
        case institutionID = "institution_id"
        case options
    }

    public typealias Response = SandboxProcessorTokenCreateResponse

    public static let endpoint = PlaidEndpoint(
        path: "/sandbox/processor_token/create",
        effect: .write,
        caller: .partner,
        summary: "Sandbox only: links a test Item and returns a processor token for one of its accounts.",
        requestFields: [
            RequestField(
                name: "institution_id",
                type: .string,
                isRequired: true,
                summary: "Test institution to link, such as `ins_109508`."
            ),
            RequestField(
                name: "options",
                type: .object,
                isRequired: false,
                fields: [
                    RequestField(
                        name: "override_username",
                        type: .string,
                        isRequired: false,
                        isNullable: true,
                        summary: "Test username to log in with (default `user_good`)."
                    ),
                    RequestField(
                        name: "override_password",
                        type: .string,
                        isRequired: false,
                        isNullable: true,
                        summary: "Test password to log in with (default `pass_good`)."
                    ),
                ],
                summary: "Test login to use."
            ),
        ]
    )
}

/// The successful response of `/sandbox/processor_token/create`.
public struct SandboxProcessorTokenCreateResponse: PlaidResponse {
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
