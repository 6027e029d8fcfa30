import PlaidModels

extension WebhookVerificationKeyGetRequest: SandboxServed {
    /// `/webhook_verification_key/get`: the public half of a key the sandbox signs (or signed)
    /// webhooks with, to the developer and every partner alike; a retired key has `expired_at`.
    static func answer(_ request: WebhookVerificationKeyGetRequest, _ call: SandboxCall) async throws -> WebhookVerificationKeyGetResponse {
        // The current key is made on first use, so a receiver can fetch it before any webhook is sent.
        let current = try await call.store.currentWebhookKey(now: call.now)
        let key = current.kid == request.keyID ? current : try await call.store.webhookKey(kid: request.keyID)
        guard let key else {
            throw SandboxError.invalidInput("INVALID_WEBHOOK_VERIFICATION_KEY_ID", "no webhook verification key has the key_id \(request.keyID)")
        }
        return WebhookVerificationKeyGetResponse(key: try key.publicKey(), requestID: call.requestID)
    }
}
