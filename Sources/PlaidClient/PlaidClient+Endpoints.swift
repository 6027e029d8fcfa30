public import PlaidModels

/// One method per modelled endpoint, named after its path.
extension PlaidClient {
    public func processorTokenCreate(_ request: ProcessorTokenCreateRequest) async throws -> ProcessorTokenCreateResponse {
        try await send(request)
    }

    public func processorStripeBankAccountTokenCreate(
        _ request: ProcessorStripeBankAccountTokenCreateRequest
    ) async throws -> ProcessorStripeBankAccountTokenCreateResponse {
        try await send(request)
    }

    public func processorAuthGet(_ request: ProcessorAuthGetRequest) async throws -> ProcessorAuthGetResponse {
        try await send(request)
    }

    public func processorBalanceGet(_ request: ProcessorBalanceGetRequest) async throws -> ProcessorBalanceGetResponse {
        try await send(request)
    }

    public func processorIdentityGet(_ request: ProcessorIdentityGetRequest) async throws -> ProcessorIdentityGetResponse {
        try await send(request)
    }

    public func itemPublicTokenExchange(_ request: ItemPublicTokenExchangeRequest) async throws -> ItemPublicTokenExchangeResponse {
        try await send(request)
    }

    public func sandboxPublicTokenCreate(_ request: SandboxPublicTokenCreateRequest) async throws -> SandboxPublicTokenCreateResponse {
        try await send(request)
    }

    public func sandboxProcessorTokenCreate(
        _ request: SandboxProcessorTokenCreateRequest
    ) async throws -> SandboxProcessorTokenCreateResponse {
        try await send(request)
    }

    public func accountsGet(_ request: AccountsGetRequest) async throws -> AccountsGetResponse {
        try await send(request)
    }

    public func itemRemove(_ request: ItemRemoveRequest) async throws -> ItemRemoveResponse {
        try await send(request)
    }

    public func institutionsGetByID(_ request: InstitutionsGetByIDRequest) async throws -> InstitutionsGetByIDResponse {
        try await send(request)
    }
}
