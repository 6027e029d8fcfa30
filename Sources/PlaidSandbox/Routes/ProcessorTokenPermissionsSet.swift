import PlaidModels

extension ProcessorTokenPermissionsSetRequest: SandboxServed {
    /// `/processor/token/permissions/set`: the developer who made a processor token limits the
    /// products its partner may read with it; an empty list lifts the limit. The processor
    /// endpoints then refuse the others with `INVALID_PRODUCT`.
    static func answer(_ request: ProcessorTokenPermissionsSetRequest, _ call: SandboxCall) async throws -> ProcessorTokenPermissionsSetResponse {
        if let unknown = request.products.first(where: { !Product.knownValues.contains($0) }) {
            throw SandboxError.invalidField("products: \"\(unknown.rawValue)\" is not a Plaid product")
        }
        _ = try await call.ownedProcessorToken(request.processorToken)
        var unique: [String] = []
        for product in request.products.map(\.rawValue) where !unique.contains(product) { unique.append(product) }
        try await call.store.setProcessorTokenProducts(request.processorToken.rawValue, caller: call.caller, products: unique)
        return ProcessorTokenPermissionsSetResponse(requestID: call.requestID)
    }
}
