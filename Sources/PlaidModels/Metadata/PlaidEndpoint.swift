/// A Plaid API endpoint the models cover: its path, what calling it does, and its request fields.
public struct PlaidEndpoint: Hashable, Sendable {
    /// What a call changes on the server; the client's retry rules depend on it.
    public enum Effect: String, Hashable, Sendable {
        /// Reads data only: repeating the call is harmless, so it is retried on any transient failure.
        case read
        /// Creates, exchanges or removes something: repeating a call the server already saw could
        /// do it twice, so it is retried only when the request provably never reached the server.
        case write
    }

    /// Whose keys a call must carry: Plaid answers a processor token only to the partner it was
    /// made for, and an access token only to the developer who owns the Item.
    public enum Caller: String, Hashable, Sendable {
        case developer, partner
        /// Either kind of client (institution look-ups).
        case either
    }

    /// The URL path, such as `/processor/auth/get`.
    public let path: String
    /// The path as one identifier, such as `processor_auth_get`, for bindings that expose methods.
    public let methodName: String
    public let effect: Effect
    /// A one-line explanation for help text.
    public let summary: String
    /// The body fields, without `client_id` and `secret`, which the client sends as headers.
    public let requestFields: [RequestField]
    /// The `error_code` of Plaid's `RATE_LIMIT_EXCEEDED` for this endpoint: the product's own
    /// (`AUTH_LIMIT`) where Plaid documents one, the generic `RATE_LIMIT` otherwise.
    public let rateLimitCode: String
    public let caller: Caller

    public init(path: String, effect: Effect, caller: Caller, summary: String, requestFields: [RequestField],
                rateLimitCode: String = "RATE_LIMIT") {
        self.path = path
        self.methodName = String(path.dropFirst().map { $0 == "/" ? "_" : $0 })
        self.effect = effect
        self.summary = summary
        self.requestFields = requestFields
        self.rateLimitCode = rateLimitCode
        self.caller = caller
    }

    /// The endpoint at `path`, if the models cover it.
    public static func named(path: String) -> PlaidEndpoint? {
        PlaidAPI.endpoints.first { $0.path == path }
    }

    /// The endpoint whose ``methodName`` is `methodName`, if the models cover it.
    public static func named(methodName: String) -> PlaidEndpoint? {
        PlaidAPI.endpoints.first { $0.methodName == methodName }
    }

}
