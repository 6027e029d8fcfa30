/// The body of `/sandbox/processor_token/fire_webhook`, a PlaidLua sandbox extension: Plaid's
/// `/sandbox/item/fire_webhook` takes the Item's access token, which a partner does not hold, so
/// this fires the processor variant of a transactions webhook at one processor token's URL.
public struct SandboxProcessorTokenFireWebhookRequest: PlaidRequest {
    /// The token whose webhook URL gets it.
    public var processorToken: ProcessorToken
    /// What to fire, such as `SYNC_UPDATES_AVAILABLE`.
    public var webhookCode: String

    public init(processorToken: ProcessorToken, webhookCode: String) {
        self.processorToken = processorToken
        self.webhookCode = webhookCode
    }

    enum CodingKeys: String, CodingKey {
        case processorToken = "processor_token"
        case webhookCode = "webhook_code"
    }

    /// The codes Plaid has a processor variant of.
    public static let codes = ["SYNC_UPDATES_AVAILABLE", "DEFAULT_UPDATE", "RECURRING_TRANSACTIONS_UPDATE"]

    public typealias Response = SandboxItemFireWebhookResponse

    public static let endpoint = PlaidEndpoint(
        path: "/sandbox/processor_token/fire_webhook",
        effect: .write,
        caller: .partner,
        summary: "PlaidLua's sandbox only: sends a transactions webhook to a processor token's webhook URL.",
        requestFields: [
            .processorToken,
            RequestField(name: "webhook_code", type: .string, isRequired: true, allowedValues: codes,
                         summary: "The transactions webhook to send, such as SYNC_UPDATES_AVAILABLE."),
        ]
    )
}
