import PlaidModels

extension ProcessorLiabilitiesGetRequest: SandboxServed {
    /// `/processor/liabilities/get`: the debt behind a credit card, student loan or mortgage
    /// token (``SandboxLiabilities``); any other account is `PRODUCTS_NOT_SUPPORTED`.
    static func answer(_ request: ProcessorLiabilitiesGetRequest, _ call: SandboxCall) async throws -> ProcessorLiabilitiesGetResponse {
        let (_, account) = try await call.processorAccount(request.processorToken, product: .liabilities)
        guard let liabilities = SandboxLiabilities.liabilities(of: account, now: call.now) else {
            throw SandboxError(type: .itemError, code: "PRODUCTS_NOT_SUPPORTED",
                               message: "liabilities are read from credit card, student loan and mortgage accounts, not a \(account.kind.subtype.rawValue) account")
        }
        return ProcessorLiabilitiesGetResponse(account: account.account(), liabilities: liabilities, requestID: call.requestID)
    }
}
