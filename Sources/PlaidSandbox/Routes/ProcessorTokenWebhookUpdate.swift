import PlaidModels

extension ProcessorTokenWebhookUpdateRequest: SandboxServed {
    /// `/processor/token/webhook/update`: stores the URL the partner holding the token wants its
    /// webhooks about the token's account at (null clears it); a new URL gets a
    /// `WEBHOOK_UPDATE_ACKNOWLEDGED` webhook.
    static func answer(_ request: ProcessorTokenWebhookUpdateRequest, _ call: SandboxCall) async throws -> ProcessorTokenWebhookUpdateResponse {
        guard SandboxCall.isWellFormed(request.processorToken.rawValue, type: "processor") else {
            throw SandboxError.malformedProcessorToken
        }
        let url = try request.webhook.value.map(call.checkedWebhook)
        try await call.store.setProcessorTokenWebhook(request.processorToken.rawValue, caller: call.caller, webhook: url, now: call.now)
        return ProcessorTokenWebhookUpdateResponse(requestID: call.requestID)
    }
}
