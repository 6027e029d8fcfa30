import PlaidModels

extension SandboxItemResetLoginRequest: SandboxServed {
    /// `/sandbox/item/reset_login`: the Item then answers `ITEM_LOGIN_REQUIRED`, through its
    /// access token and through every processor token of every partner made from it, and its
    /// owner gets an `ITEM` `ERROR` webhook saying so.
    static func answer(_ request: SandboxItemResetLoginRequest, _ call: SandboxCall) async throws -> SandboxItemResetLoginResponse {
        guard SandboxCall.isWellFormed(request.accessToken.rawValue, type: "access") else { throw SandboxError.malformedAccessToken }
        try await call.store.updateItem(accessToken: request.accessToken.rawValue, caller: call.caller,
                                        column: .errorCode, value: "ITEM_LOGIN_REQUIRED",
                                        announcing: ErrorTriggers.error(forCode: "ITEM_LOGIN_REQUIRED").map(WebhookEvent.itemError),
                                        now: call.now)
        return SandboxItemResetLoginResponse(resetLogin: true, requestID: call.requestID)
    }
}
