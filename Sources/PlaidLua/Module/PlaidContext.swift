import Foundation
import Logging
import NIOConcurrencyHelpers
import PlaidClient

/// What the `plaid` module shares across one run: the environment it reads its defaults from,
/// the embedded sandbox (started on first use), and one pooled ``PlaidClient`` per distinct
/// configuration, so every `plaid.client{...}` with the same settings shares connections.
public actor PlaidContext {
    public let environment: [String: String]
    private let startEmbedded: EmbeddedSandboxStarter
    private var embedded: Task<EmbeddedSandbox, any Error>?
    private var clients: [String: PlaidClient] = [:]
    /// Sees every attempt of every client made in this run (the batch runner's pacing).
    private let callGate: (any PlaidCallGate)?
    /// Retries for clients whose options name none (the batch runner's `--retries`).
    let defaultRetries: Int?
    /// Every secret this run knows of — from the environment, options and the embedded
    /// sandbox — so printing and history can keep them out.
    private nonisolated let secrets: NIOLockedValueBox<Set<String>>

    public init(environment: [String: String], startEmbedded: @escaping EmbeddedSandboxStarter) {
        self.init(environment: environment, startEmbedded: startEmbedded, callGate: nil, defaultRetries: nil)
    }

    init(environment: [String: String], startEmbedded: @escaping EmbeddedSandboxStarter,
         callGate: (any PlaidCallGate)?, defaultRetries: Int?) {
        self.environment = environment
        self.startEmbedded = startEmbedded
        self.callGate = callGate
        self.defaultRetries = defaultRetries
        secrets = NIOLockedValueBox(Set(environment.filter { $0.key.hasSuffix("SECRET") && !$0.value.isEmpty }.map(\.value)))
    }

    /// Whether `text` is one of the run's secrets.
    public nonisolated func isSecret(_ text: String) -> Bool {
        secrets.withLockedValue { $0.contains(text) }
    }

    nonisolated func remember(secret: String) {
        secrets.withLockedValue { _ = $0.insert(secret) }
    }

    /// The embedded sandbox, started by the first caller; later callers share it.
    func embeddedSandbox() async throws -> EmbeddedSandbox {
        if let embedded { return try await embedded.value }
        let starting = Task {
            let sandbox = try await startEmbedded()
            for client in [sandbox.developer] + Array(sandbox.processors.values) { remember(secret: client.secret) }
            return sandbox
        }
        embedded = starting
        return try await starting.value
    }

    /// The embedded sandbox's address when it has already started.
    var embeddedBaseURL: String? {
        get async {
            guard let embedded else { return nil }
            return try? await embedded.value.baseURL
        }
    }

    func client(for configuration: PlaidClient.Configuration, identity: String) -> PlaidClient {
        if let existing = clients[identity] { return existing }
        let client = PlaidClient(configuration: configuration, logger: Self.logger(environment), gate: callGate)
        clients[identity] = client
        return client
    }

    /// Closes every client's connections; call once the scripts are done.
    public func shutdown() async {
        for client in clients.values { try? await client.shutdown() }
        clients = [:]
    }

    /// The client's debug lines (attempts, retries) go to stderr when `PLAIDLUA_LOG=debug`.
    private static func logger(_ environment: [String: String]) -> Logger {
        var logger = Logger(label: "plaidlua.client") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = PlaidLog.Level(environment["PLAIDLUA_LOG"]) == .debug ? .debug : .warning
        return logger
    }
}
