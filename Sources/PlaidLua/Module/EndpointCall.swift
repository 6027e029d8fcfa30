import LuaBridge
import PlaidClient
import PlaidModels

/// Sends a validated request (the JSON the Lua table became) to its endpoint and hands the typed
/// response to Lua, so numbers keep the types the models give them.
enum EndpointCall {
    static let requestTypes: [any PlaidRequest.Type] = [
        SandboxPublicTokenCreateRequest.self, ItemPublicTokenExchangeRequest.self, AccountsGetRequest.self,
        ProcessorTokenCreateRequest.self, ProcessorStripeBankAccountTokenCreateRequest.self,
        SandboxProcessorTokenCreateRequest.self, ProcessorAuthGetRequest.self, ProcessorBalanceGetRequest.self,
        ProcessorIdentityGetRequest.self, ItemRemoveRequest.self, InstitutionsGetByIDRequest.self,
    ]

    static func send(_ type: any PlaidRequest.Type, body: JSONValue, client: PlaidClient, keepsNull: Bool) async throws -> LuaValue {
        try await send(typed: type, body: body, client: client, keepsNull: keepsNull)
    }

    private static func send<Request: PlaidRequest>(typed type: Request.Type, body: JSONValue, client: PlaidClient,
                                                    keepsNull: Bool) async throws -> LuaValue {
        let response = try await client.send(Request.self, json: body)
        return try LuaValueEncoder(keepsNull: keepsNull).encode(response)
    }
}
