import PlaidModels

extension ProcessorTransactionsRefreshRequest: SandboxServed {
    /// `/processor/transactions/refresh`: the sandbox's history is always current, so there is
    /// nothing to fetch; the call checks the token and its permissions as Plaid's does, and
    /// announces `SYNC_UPDATES_AVAILABLE` as a refresh that found changes does.
    static func answer(_ request: ProcessorTransactionsRefreshRequest, _ call: SandboxCall) async throws -> ProcessorTransactionsRefreshResponse {
        let (item, _) = try await call.processorAccount(request.processorToken, product: .transactions)
        _ = try await call.store.announce(.syncUpdatesAvailable, itemID: item.itemID, now: call.now)
        return ProcessorTransactionsRefreshResponse(requestID: call.requestID)
    }
}
