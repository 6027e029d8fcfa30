import LuaBridge
import PlaidClient
import PlaidModels

/// A Plaid error that most likely means the call went through the wrong client of the embedded
/// sandbox — a processor token read with the developer's client, an access token with a
/// partner's — with the client to use in its message and a `hint` field.
struct WrongClientHint: Error, LuaErrorConvertible, CustomStringConvertible {
    let error: PlaidClientError
    let hint: String

    /// The hinted error, or nil when `error` says nothing about the client.
    init?(_ error: any Error, endpoint: PlaidEndpoint, processor: String?, environmentName: String) {
        guard environmentName == "embedded", let error = error as? PlaidClientError, let code = error.plaidError?.errorCode else { return nil }
        switch (endpoint.caller, processor, code) {
        case (.partner, nil, "INVALID_PROCESSOR_TOKEN"):
            hint = "\(endpoint.methodName) is a partner's call: read a processor token with its partner's client, "
                + "such as plaid.client { processor = \"dwolla\" }"
        case (.developer, .some(let processor), "INVALID_ACCESS_TOKEN"):
            hint = "\(endpoint.methodName) is the developer's call: this client acts as the partner '\(processor)'; "
                + "use plaid.client() for access tokens"
        case (.developer, .some(let processor), "INVALID_PROCESSOR_TOKEN"):
            hint = "\(endpoint.methodName) is the developer's call: this client acts as the partner '\(processor)'; "
                + "the developer who made the token sets its permissions with plaid.client()"
        default:
            return nil
        }
        self.error = error
    }

    var luaErrorFields: [String: LuaValue] {
        var fields = error.luaErrorFields
        fields["hint"] = .string(hint)
        fields["message"] = .string(luaErrorMessage)
        return fields
    }

    var luaErrorMessage: String { error.luaErrorMessage + " — " + hint }
    var description: String { luaErrorMessage }
}
