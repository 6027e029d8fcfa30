import PlaidModels

extension ProcessorTransactionsRefreshRequest: SandboxServed {
    /// `/processor/transactions/refresh`: the sandbox's history is always current, so there is
    /// nothing to fetch; the call checks the token and its permissions as Plaid's does.
    static func answer(_ request: ProcessorTransactionsRefreshRequest, _ call: SandboxCall) async throws -> ProcessorTransactionsRefreshResponse {
        _ = try await call.processorAccount(request.processorToken, product: .transactions)
        return ProcessorTransactionsRefreshResponse(requestID: call.requestID)
    }
}
