import LuaBridge
import PlaidClient
import PlaidModels

/// Sends a validated request (the JSON the Lua table became) to its endpoint and hands the typed
/// response to Lua, so numbers keep the types the models give them.
enum EndpointCall {
    static func send(_ type: any PlaidRequest.Type, body: JSONValue, client: PlaidClient, keepsNull: Bool) async throws -> LuaValue {
        guard client.configuration.plaidVersion == PlaidVersion.current.rawValue else {
            // An older Plaid-Version answers in an older shape than the models': Lua gets it as it came.
            let response = try await client.call(path: type.endpoint.path, body: body, effect: type.endpoint.effect)
            return try LuaValueEncoder(keepsNull: keepsNull).encode(response.json)
        }
        return try await send(typed: type, body: body, client: client, keepsNull: keepsNull)
    }

    private static func send<Request: PlaidRequest>(typed type: Request.Type, body: JSONValue, client: PlaidClient,
                                                    keepsNull: Bool) async throws -> LuaValue {
        let response = try await client.send(Request.self, json: body)
        return try LuaValueEncoder(keepsNull: keepsNull).encode(response)
    }
}
