import PlaidModels

extension ItemWebhookUpdateRequest: SandboxServed {
    /// `/item/webhook/update`: stores the Item's webhook URL (null clears it) and answers with the
    /// Item as it is now.
    static func answer(_ request: ItemWebhookUpdateRequest, _ call: SandboxCall) async throws -> ItemWebhookUpdateResponse {
        guard SandboxCall.isWellFormed(request.accessToken.rawValue, type: "access") else { throw SandboxError.malformedAccessToken }
        let url = try request.webhook?.value.map(SandboxCall.checkedWebhook)
        let item = try await call.store.updateItem(accessToken: request.accessToken.rawValue, caller: call.caller,
                                                   column: .webhook, value: url)
        return ItemWebhookUpdateResponse(item: item.plaidItem, requestID: call.requestID)
    }
}
