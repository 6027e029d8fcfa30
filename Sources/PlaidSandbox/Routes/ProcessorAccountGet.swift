import PlaidModels

extension ProcessorAccountGetRequest: SandboxServed {
    /// `/processor/account/get`: the account behind a processor token, with its balances, and
    /// the institution of its Item.
    static func answer(_ request: ProcessorAccountGetRequest, _ call: SandboxCall) async throws -> ProcessorAccountGetResponse {
        let (item, account) = try await call.processorAccount(request.processorToken, product: nil)
        return ProcessorAccountGetResponse(account: account.account(), institutionID: item.institutionID, requestID: call.requestID)
    }
}
