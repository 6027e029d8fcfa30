import PlaidModels

extension ItemGetRequest: SandboxServed {
    /// `/item/get`: the Item as `/accounts/get` reports it, but with the error it is in shown in
    /// `item.error` rather than refusing the call, so a developer can see why reads fail.
    static func answer(_ request: ItemGetRequest, _ call: SandboxCall) async throws -> ItemGetResponse {
        let item = try await call.item(accessToken: request.accessToken)
        var shown = item.plaidItem
        shown.error = Nullable(item.error?.plaidError(requestID: call.requestID))
        let linked = ISO8601DateTime.string(from: item.createdAt)
        let status = ItemStatus(transactions: .value(ItemStatusUpdates(
            lastSuccessfulUpdate: .value(linked), lastFailedUpdate: .null)))
        return ItemGetResponse(item: shown, status: .value(status), requestID: call.requestID)
    }
}
