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

    /// The URL path, such as `/processor/auth/get`.
    public let path: String
    /// The path as one identifier, such as `processor_auth_get`, for bindings that expose methods.
    public let methodName: String
    public let effect: Effect
    /// A one-line explanation for help text.
    public let summary: String
    /// The body fields, without `client_id` and `secret`, which the client sends as headers.
    public let requestFields: [RequestField]

    public init(path: String, effect: Effect, summary: String, requestFields: [RequestField]) {
        self.path = path
        self.methodName = String(path.dropFirst().map { $0 == "/" ? "_" : $0 })
        self.effect = effect
        self.summary = summary
        self.requestFields = requestFields
    }

    /// The endpoint at `path`, if the models cover it.
    public static func named(path: String) -> PlaidEndpoint? {
        all.first { $0.path == path }
    }

    /// The endpoint whose ``methodName`` is `methodName`, if the models cover it.
    public static func named(methodName: String) -> PlaidEndpoint? {
        all.first { $0.methodName == methodName }
    }

    /// Every endpoint the models cover.
    public static let all: [PlaidEndpoint] = [
        ProcessorTokenCreateRequest.endpoint,
        ProcessorStripeBankAccountTokenCreateRequest.endpoint,
        ProcessorAuthGetRequest.endpoint,
        ProcessorBalanceGetRequest.endpoint,
        ProcessorIdentityGetRequest.endpoint,
        ItemPublicTokenExchangeRequest.endpoint,
        SandboxPublicTokenCreateRequest.endpoint,
        SandboxProcessorTokenCreateRequest.endpoint,
        AccountsGetRequest.endpoint,
        ItemRemoveRequest.endpoint,
        InstitutionsGetByIDRequest.endpoint,
    ]
}
