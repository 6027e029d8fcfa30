import PlaidModels

extension ItemWebhookUpdateRequest: SandboxServed {
    /// `/item/webhook/update`: stores the Item's webhook URL (null clears it) and answers with the
    /// Item as it is now. A new URL gets a `WEBHOOK_UPDATE_ACKNOWLEDGED` webhook, as Plaid sends.
    static func answer(_ request: ItemWebhookUpdateRequest, _ call: SandboxCall) async throws -> ItemWebhookUpdateResponse {
        guard SandboxCall.isWellFormed(request.accessToken.rawValue, type: "access") else { throw SandboxError.malformedAccessToken }
        let url = try request.webhook?.value.map(call.checkedWebhook)
        let acknowledgement = url.map { url in
            WebhookEvent(type: "ITEM", code: "WEBHOOK_UPDATE_ACKNOWLEDGED", itemFields: ["new_webhook_url": .string(url), "error": .null])
        }
        let item = try await call.store.updateItem(accessToken: request.accessToken.rawValue, caller: call.caller,
                                                   column: .webhook, value: url, announcing: acknowledgement, now: call.now)
        return ItemWebhookUpdateResponse(item: item.plaidItem, requestID: call.requestID)
    }
}
