import PlaidModels

extension SandboxItemResetLoginRequest: SandboxServed {
    /// `/sandbox/item/reset_login`: the Item then answers `ITEM_LOGIN_REQUIRED`, through its
    /// access token and through every processor token of every partner made from it.
    static func answer(_ request: SandboxItemResetLoginRequest, _ call: SandboxCall) async throws -> SandboxItemResetLoginResponse {
        guard SandboxCall.isWellFormed(request.accessToken.rawValue, type: "access") else { throw SandboxError.malformedAccessToken }
        try await call.store.updateItem(accessToken: request.accessToken.rawValue, caller: call.caller,
                                        column: .errorCode, value: "ITEM_LOGIN_REQUIRED")
        return SandboxItemResetLoginResponse(resetLogin: true, requestID: call.requestID)
    }
}
