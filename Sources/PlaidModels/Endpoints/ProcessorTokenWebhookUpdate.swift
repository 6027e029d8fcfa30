/// The body of `/processor/token/webhook/update`. Sets the URL a partner's webhooks about one
/// processor token go to; null clears it.
public struct ProcessorTokenWebhookUpdateRequest: PlaidRequest {
    /// Token a partner received for one account.
    public var processorToken: ProcessorToken
    /// The new webhook URL, or null for none.
    public var webhook: Nullable<String>

    public init(processorToken: ProcessorToken, webhook: Nullable<String>) {
        self.processorToken = processorToken
        self.webhook = webhook
    }

    enum CodingKeys: String, CodingKey {
        case processorToken = "processor_token"
        case webhook
    }

    public typealias Response = ProcessorTokenWebhookUpdateResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/token/webhook/update",
        effect: .write,
        caller: .partner,
        summary: "Sets the URL the partner's webhooks about this token go to; null clears it.",
        requestFields: [
            .processorToken,
            RequestField(name: "webhook", type: .string, isRequired: true, isNullable: true,
                         summary: "The new webhook URL (https://…; http:// on loopback in the sandbox), or null for none."),
        ]
    )
}

/// The successful response of `/processor/token/webhook/update`.
public struct ProcessorTokenWebhookUpdateResponse: PlaidResponse {
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(requestID: String) {
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id"
    }
}
