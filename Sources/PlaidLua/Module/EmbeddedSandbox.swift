/// Where the embedded sandbox listens and the clients it knows. The `plaidlua` command starts the
/// real one; this module only needs its address and credentials, so it does not depend on the
/// server's code.
public struct EmbeddedSandbox: Sendable {
    public struct Client: Sendable {
        public let clientID: String
        public let secret: String

        public init(clientID: String, secret: String) {
            self.clientID = clientID
            self.secret = secret
        }
    }

    public let baseURL: String
    public let developer: Client
    /// One partner client per processor, keyed by the processor's name (`dwolla`).
    public let processors: [String: Client]

    public init(baseURL: String, developer: Client, processors: [String: Client]) {
        self.baseURL = baseURL
        self.developer = developer
        self.processors = processors
    }
}

/// Starts the embedded sandbox; called at most once per run, when a script first needs it.
public typealias EmbeddedSandboxStarter = @Sendable () async throws -> EmbeddedSandbox
