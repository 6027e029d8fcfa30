import PlaidModels

extension ItemPublicTokenExchangeRequest: SandboxServed {
    /// `/item/public_token/exchange`: trades a public token, once and within 30 minutes, for the
    /// Item's access token.
    static func answer(_ request: ItemPublicTokenExchangeRequest, _ call: SandboxCall) async throws -> ItemPublicTokenExchangeResponse {
        guard SandboxCall.isWellFormed(request.publicToken.rawValue, type: "public") else {
            throw SandboxError.malformedPublicToken
        }
        let (accessToken, itemID) = try await call.store.exchangePublicToken(
            request.publicToken.rawValue, caller: call.caller, now: call.now)
        return ItemPublicTokenExchangeResponse(accessToken: AccessToken(accessToken), itemID: itemID, requestID: call.requestID)
    }
}
