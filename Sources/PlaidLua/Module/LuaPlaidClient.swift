import LuaBridge
import PlaidClient
import PlaidModels
import PlaidWebhooks

/// A Plaid client as Lua holds it: one method per endpoint (`client:processor_auth_get{...}`)
/// plus `client:request(path, body)`. Printing it shows the environment and client_id, never
/// the secret.
final class LuaPlaidClient: LuaUserdata {
    let client: PlaidClient
    let environmentName: String
    let processor: String?
    let keepsNull: Bool
    /// `--safe`: `request` takes only the API paths the models know.
    let restrictsRawPaths: Bool
    /// The webhook verification keys this client's environment serves, cached by `kid`.
    let webhookKeys: WebhookKeyCache

    init(client: PlaidClient, environmentName: String, processor: String?, keepsNull: Bool, restrictsRawPaths: Bool = false) {
        self.client = client
        self.environmentName = environmentName
        self.processor = processor
        self.keepsNull = keepsNull
        self.restrictsRawPaths = restrictsRawPaths
        webhookKeys = LuaWebhooks.keys(for: client)
    }

    static let luaTypeName = "plaid.client"

    var luaDescription: String {
        var text = "plaid.client(env: \(environmentName), client_id: \(client.configuration.clientID)"
        if let processor { text += ", processor: \(processor)" }
        return text + ", version: \(client.configuration.plaidVersion))"
    }

    static let luaFieldNames = ["env", "client_id", "processor", "base_url", "version"]

    func luaField(_ name: String) -> LuaValue? {
        switch name {
        case "env": .string(environmentName)
        case "client_id": .string(client.configuration.clientID)
        case "processor": processor.map { .string($0) }
        case "base_url": .string(client.configuration.environment.baseURL)
        case "version": .string(client.configuration.plaidVersion)
        default: nil
        }
    }

    static var luaMethods: [String: LuaHostFunction] {
        var methods: [String: LuaHostFunction] = ["request": { call in
            let this = try call.object(1, as: LuaPlaidClient.self)
            let path = try call.string(2)
            guard path.hasPrefix("/") else { throw call.argumentError(2, "a path starting with '/' expected, got '\(path)'") }
            if this.restrictsRawPaths, PlaidEndpoint.named(path: path) == nil {
                throw call.argumentError(2, "under --safe, request takes only the API's paths (such as /processor/auth/get), not '\(path)'")
            }
            let body = try RequestValidator.json(from: try call.value(3), method: "request")
            Redaction.rememberTokens(in: body)
            return .suspend {
                let response = try await this.client.call(path: path, body: body)
                Redaction.rememberTokens(in: response.json)
                return [try LuaValueEncoder(keepsNull: this.keepsNull).encode(response.json)]
            }
        }]
        for type in PlaidAPI.requests {
            let endpoint = type.endpoint
            methods[endpoint.methodName] = { call in
                let this = try call.object(1, as: LuaPlaidClient.self)
                let body = try RequestValidator(method: endpoint.methodName).validate(try call.value(2), against: endpoint.requestFields)
                Redaction.rememberTokens(in: body)
                return .suspendReturningJSON {
                    do {
                        return try await EndpointCall.send(type, body: body, client: this.client, keepsNull: this.keepsNull)
                    } catch {
                        throw WrongClientHint(error, endpoint: endpoint, processor: this.processor,
                                              environmentName: this.environmentName) ?? error
                    }
                }
            }
        }
        return methods
    }
}
