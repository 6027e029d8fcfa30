import PlaidModels

extension ProcessorTokenCreateRequest: SandboxServed {
    /// `/processor/token/create`: a token that lets the named processor's partner client, and
    /// no one else, reach one account of the caller's Item.
    static func answer(_ request: ProcessorTokenCreateRequest, _ call: SandboxCall) async throws -> ProcessorTokenCreateResponse {
        let item = try await call.item(accessToken: request.accessToken)
        guard item.accounts.contains(where: { $0.accountID == request.accountID }) else { throw SandboxError.invalidAccountID }
        guard let partner = call.partnerClientID(for: request.processor.rawValue) else {
            throw SandboxError.invalidProcessor(request.processor.rawValue)
        }
        let token = try await call.store.createProcessorToken(
            itemID: item.itemID, accountID: request.accountID, processor: request.processor.rawValue,
            holderClientID: partner, now: call.now)
        return ProcessorTokenCreateResponse(processorToken: ProcessorToken(token), requestID: call.requestID)
    }
}
