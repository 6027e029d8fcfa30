import PlaidModels

extension ProcessorTokenPermissionsGetRequest: SandboxServed {
    /// `/processor/token/permissions/get`: the products the token's partner may read; empty
    /// when it may read all of them.
    static func answer(_ request: ProcessorTokenPermissionsGetRequest, _ call: SandboxCall) async throws -> ProcessorTokenPermissionsGetResponse {
        let grant = try await call.ownedProcessorToken(request.processorToken)
        return ProcessorTokenPermissionsGetResponse(requestID: call.requestID, products: grant.products.map(Product.init(rawValue:)))
    }
}
