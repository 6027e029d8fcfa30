import Foundation

/// The embedded sandbox: an HTTP server that emulates Plaid's processor endpoints offline, with
/// its state in `sandbox.sqlite` in the configured data directory, or in a PostgreSQL database.
///
/// ```swift
/// let server = try await SandboxServer.start(SandboxConfiguration(dataDirectory: dir))
/// // point a Plaid client at server.baseURL with server.credentials.developer
/// await server.stop()
/// ```
public final class SandboxServer: Sendable {
    /// The keys this sandbox accepts; the same for every server on the data directory.
    public let credentials: SandboxCredentials
    /// The port the server listens on; the real one when the configuration asked for port 0.
    public let port: Int
    public let configuration: SandboxConfiguration
    /// Where its state is; tests read it directly.
    let store: any SandboxStore

    private let http: SandboxHTTPServer
    private let webhooks: WebhookDeliverer

    /// `http://host:port`, with IPv6 hosts in brackets.
    public var baseURL: String {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "http://\(host):\(port)"
    }

    private init(credentials: SandboxCredentials, configuration: SandboxConfiguration, store: any SandboxStore,
                 http: SandboxHTTPServer, webhooks: WebhookDeliverer) {
        self.credentials = credentials
        self.port = http.port
        self.configuration = configuration
        self.store = store
        self.http = http
        self.webhooks = webhooks
    }

    /// Opens the store, starts listening and returns once connections are accepted.
    ///
    /// - Throws: when the store cannot be opened or the address cannot be bound.
    public static func start(_ configuration: SandboxConfiguration) async throws -> SandboxServer {
        let store = try await SandboxStores.open(dataDirectory: configuration.dataDirectory, database: configuration.database)
        do {
            return try await start(configuration, store: store)
        } catch {
            await store.close()
            throw error
        }
    }

    private static func start(_ configuration: SandboxConfiguration, store: any SandboxStore) async throws -> SandboxServer {
        let credentials = try await store.ensureCredentials()
        let responder = SandboxResponder(
            store: store,
            credentials: credentials,
            authenticator: ClientAuthenticator(credentials: credentials),
            rateLimiter: RateLimiter(limits: configuration.rateLimits),
            maxBodyBytes: configuration.maxBodyBytes,
            webhookAllowedHosts: configuration.webhookAllowedHosts,
            clock: configuration.clock,
            requestLog: configuration.logRequests ? SandboxRequestLog() : nil
        )
        let http = try await SandboxHTTPServer.start(host: configuration.host, port: configuration.port, responder: responder)
        let webhooks = WebhookDeliverer(store: store, retryScale: configuration.webhookRetryScale, clock: configuration.clock)
        webhooks.start()
        return SandboxServer(credentials: credentials, configuration: configuration, store: store, http: http, webhooks: webhooks)
    }

    /// Stops accepting connections, lets requests in flight finish, and returns when it is down.
    public func stop() async {
        await http.stop()
        await webhooks.stop()
        await store.close()
    }
}

/// Opens the store a configuration names.
enum SandboxStores {
    static func open(dataDirectory: String, database: PostgresLocation?) async throws -> any SandboxStore {
        if let database { return try await PostgresSandboxStore.open(database) }
        return try SQLiteSandboxStore(dataDirectory: dataDirectory)
    }
}

/// Operations on a sandbox's store that need no running server: the data directory's
/// `sandbox.sqlite`, or the PostgreSQL database when `database` is given.
public enum SandboxMaintenance {
    /// The sandbox's keys, generating them on first use.
    public static func credentials(dataDirectory: String, database: PostgresLocation? = nil) async throws -> SandboxCredentials {
        try await using(dataDirectory, database) { store in try await store.ensureCredentials() }
    }

    /// Retires the webhook signing key and makes a new one; a running server signs with the new
    /// key from its next delivery.
    public static func rotateWebhookKey(dataDirectory: String, database: PostgresLocation? = nil) async throws
        -> (retired: String?, current: String) {
        try await using(dataDirectory, database) { store in try await store.rotateWebhookKey(now: Date()) }
    }

    /// Every webhook delivery attempt kept, oldest first.
    public static func webhookAttempts(dataDirectory: String, database: PostgresLocation? = nil) async throws -> [SandboxWebhookAttempt] {
        try await using(dataDirectory, database) { store in try await store.webhookAttempts() }
    }

    /// Deletes every Item and token; the API keys stay the same.
    public static func reset(dataDirectory: String, database: PostgresLocation? = nil) async throws {
        try await using(dataDirectory, database) { store in
            _ = try await store.ensureCredentials()
            try await store.reset()
        }
    }

    private static func using<T: Sendable>(_ dataDirectory: String, _ database: PostgresLocation?,
                                           _ body: (any SandboxStore) async throws -> T) async throws -> T {
        let store = try await SandboxStores.open(dataDirectory: dataDirectory, database: database)
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}
