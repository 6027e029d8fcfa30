import PlaidModels

extension ProcessorIdentityGetRequest: SandboxServed {
    /// `/processor/identity/get`: the account behind a processor token with its owners.
    static func answer(_ request: ProcessorIdentityGetRequest, _ call: SandboxCall) async throws -> ProcessorIdentityGetResponse {
        let (_, account) = try await call.processorAccount(request.processorToken, product: .identity)
        return ProcessorIdentityGetResponse(account: account.account(includingOwners: true), requestID: call.requestID)
    }
}
