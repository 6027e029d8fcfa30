import PlaidModels

extension ProcessorStripeBankAccountTokenCreateRequest: SandboxServed {
    /// `/processor/stripe/bank_account_token/create`: a `btok_` token for Stripe, for a US
    /// checking or savings account of the caller's Item.
    static func answer(_ request: ProcessorStripeBankAccountTokenCreateRequest, _ call: SandboxCall) async throws -> ProcessorStripeBankAccountTokenCreateResponse {
        let item = try await call.item(accessToken: request.accessToken)
        guard let account = item.accounts.first(where: { $0.accountID == request.accountID }) else {
            throw SandboxError.invalidAccountID
        }
        guard account.numbers?.ach?.value != nil else {
            throw SandboxError.invalidInput(
                "INVALID_STRIPE_ACCOUNT", "Stripe accepts only US checking and savings accounts; \(account.kind.name) is not one")
        }
        let token = try await call.store.createStripeToken(itemID: item.itemID, accountID: account.accountID, now: call.now)
        return ProcessorStripeBankAccountTokenCreateResponse(
            stripeBankAccountToken: StripeBankAccountToken(token), requestID: call.requestID)
    }
}
