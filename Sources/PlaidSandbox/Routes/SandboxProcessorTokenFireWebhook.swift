import PlaidModels

extension SandboxProcessorTokenFireWebhookRequest: SandboxServed {
    /// `/sandbox/processor_token/fire_webhook` (PlaidLua's extension): queues the processor
    /// variant of a transactions webhook for the token's own URL, for the partner holding it.
    static func answer(_ request: SandboxProcessorTokenFireWebhookRequest, _ call: SandboxCall) async throws -> SandboxItemFireWebhookResponse {
        guard codes.contains(request.webhookCode) else {
            throw SandboxError.invalidField("webhook_code must be one of \(codes.joined(separator: ", ")), not \(request.webhookCode)")
        }
        let (item, account) = try await call.processorAccount(request.processorToken, product: .transactions)
        guard item.products.contains(Product.transactions.rawValue) else {
            throw SandboxError.invalidInput("SANDBOX_PRODUCT_NOT_ENABLED",
                                            "TRANSACTIONS \(request.webhookCode) needs the transactions product, which this Item was not linked with")
        }
        let fields: [String: JSONValue] = switch request.webhookCode {
        case "DEFAULT_UPDATE": ["new_transactions": .integer(1), "error": .null]
        case "RECURRING_TRANSACTIONS_UPDATE": [:]
        default: ["initial_update_complete": .bool(true), "historical_update_complete": .bool(true)]
        }
        let event = WebhookEvent(type: "TRANSACTIONS", code: request.webhookCode, processorFields: fields)
        guard try await call.store.announce(event, toProcessorToken: request.processorToken.rawValue, accountID: account.accountID,
                                            itemID: item.itemID, now: call.now) else {
            throw SandboxError.invalidInput("SANDBOX_WEBHOOK_INVALID",
                                            "the processor token has no webhook URL; set one with /processor/token/webhook/update")
        }
        return SandboxItemFireWebhookResponse(webhookFired: true, requestID: call.requestID)
    }
}
