import PlaidModels

extension SandboxRoutes {
    /// `/processor/identity/get`: the account behind a processor token with its owners.
    static let processorIdentityGet = SandboxRoute(ProcessorIdentityGetRequest.self) { request, call in
        let (_, account) = try await call.processorAccount(request.processorToken)
        return ProcessorIdentityGetResponse(account: account.account(includingOwners: true), requestID: call.requestID)
    }
}
