import PlaidModels

extension SandboxProcessorTokenCreateRequest: SandboxServed {
    /// `/sandbox/processor_token/create`: links a test Item and returns a processor token for
    /// its first account with transfer numbers (the checking account where there is one). The
    /// token belongs to the calling client, so a partner can test without a developer.
    static func answer(_ request: SandboxProcessorTokenCreateRequest, _ call: SandboxCall) async throws -> SandboxProcessorTokenCreateResponse {
        guard let institution = Institutions.named(request.institutionID) else {
            throw SandboxError.invalidInstitution(request.institutionID)
        }
        let login = try TestLogin(username: request.options?.overrideUsername?.value,
                                  password: request.options?.overridePassword?.value)
        let item = StoredItem(
            itemID: TokenFactory.itemID(), ownerClientID: call.caller.clientID, institutionID: institution.id,
            username: login.username, seed: TokenFactory.itemSeed(), products: [Product.auth.rawValue], webhook: nil, errorCode: login.errorCode,
            microdepositVerified: login.microdepositVerified, customConfig: login.customConfig, createdAt: call.now)
        guard let account = item.accounts.first(where: { $0.numbers != nil }) ?? item.accounts.first else {
            throw SandboxError.noAuthAccounts
        }
        let token = try await call.store.createItemWithProcessorToken(item, accountID: account.accountID, holder: call.caller, now: call.now)
        return SandboxProcessorTokenCreateResponse(processorToken: ProcessorToken(token), requestID: call.requestID)
    }
}
