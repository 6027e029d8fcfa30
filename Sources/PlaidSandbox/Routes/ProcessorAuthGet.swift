import PlaidModels

extension ProcessorAuthGetRequest: SandboxServed {
    /// `/processor/auth/get`: the account behind a processor token and its transfer numbers.
    static func answer(_ request: ProcessorAuthGetRequest, _ call: SandboxCall) async throws -> ProcessorAuthGetResponse {
        let (_, account) = try await call.processorAccount(request.processorToken, product: .auth)
        guard let numbers = account.numbers, account.verificationStatus != .verificationExpired else {
            throw SandboxError.noAuthAccounts
        }
        return ProcessorAuthGetResponse(requestID: call.requestID, numbers: numbers, account: account.account())
    }
}
