import PlaidModels

extension ProcessorApexProcessorTokenCreateRequest: SandboxServed {
    /// `/processor/apex/processor_token/create`: `/processor/token/create` for Apex Clearing.
    static func answer(_ request: ProcessorApexProcessorTokenCreateRequest, _ call: SandboxCall) async throws -> ProcessorTokenCreateResponse {
        try await ProcessorTokenCreateRequest.answer(
            ProcessorTokenCreateRequest(accessToken: request.accessToken, accountID: request.accountID, processor: .apexClearing), call)
    }
}
