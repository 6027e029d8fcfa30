import PlaidModels

extension SandboxRoutes {
    /// `/processor/auth/get`: the account behind a processor token and its transfer numbers.
    static let processorAuthGet = SandboxRoute(ProcessorAuthGetRequest.self) { request, call in
        let (_, account) = try await call.processorAccount(request.processorToken)
        guard let numbers = account.numbers else { throw SandboxError.noAuthAccounts }
        return ProcessorAuthGetResponse(requestID: call.requestID, numbers: numbers, account: account.account())
    }
}
