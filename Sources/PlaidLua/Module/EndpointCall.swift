import JSONScanning
import LuaBridge
import PlaidClient
import PlaidModels

/// Sends a validated request (the JSON the Lua table became) to its endpoint and hands back the
/// answer's bytes, checked against the response model, for Lua to build its tables from with
/// the numbers typed as the model types them — the model itself is never made.
enum EndpointCall {
    static func send(_ type: any PlaidRequest.Type, body: JSONValue, client: PlaidClient, keepsNull: Bool) async throws -> LuaJSONDocument {
        // An older Plaid-Version answers in an older shape than the models': Lua gets it as it came.
        let shape = client.configuration.plaidVersion == PlaidVersion.current.rawValue ? ResponseShapes.shape(of: type) : .any
        let answer = try await client.send(type, json: body) { bytes throws(PlaidResponseMismatch) in
            try ResponseCheck.check(bytes, against: shape)
        }
        return LuaJSONDocument(text: answer.bytes, shape: shape, keepsNull: keepsNull)
    }
}
