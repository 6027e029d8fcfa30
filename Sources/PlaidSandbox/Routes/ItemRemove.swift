import PlaidModels

extension ItemRemoveRequest: SandboxServed {
    /// `/item/remove`: revokes the Item's access token and every processor and Stripe token
    /// made from it, in one transaction.
    static func answer(_ request: ItemRemoveRequest, _ call: SandboxCall) async throws -> ItemRemoveResponse {
        guard SandboxCall.isWellFormed(request.accessToken.rawValue, type: "access") else {
            throw SandboxError.malformedAccessToken
        }
        if let note = request.reasonNote?.value, note.count > 512 {
            throw SandboxError.invalidField("reason_note must be at most 512 characters, not \(note.count)")
        }
        try await call.store.removeItem(accessToken: request.accessToken.rawValue, caller: call.caller, now: call.now)
        return ItemRemoveResponse(requestID: call.requestID)
    }
}
