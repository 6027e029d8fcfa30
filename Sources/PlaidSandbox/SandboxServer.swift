import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

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

    private let serviceGroup: ServiceGroup
    private let running: Task<Void, Never>
    private let webhooks: WebhookDeliverer

    /// `http://host:port`, with IPv6 hosts in brackets.
    public var baseURL: String {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "http://\(host):\(port)"
    }

    private init(credentials: SandboxCredentials, port: Int, configuration: SandboxConfiguration, store: any SandboxStore,
                 serviceGroup: ServiceGroup, running: Task<Void, Never>, webhooks: WebhookDeliverer) {
        self.credentials = credentials
        self.port = port
        self.configuration = configuration
        self.store = store
        self.serviceGroup = serviceGroup
        self.running = running
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
        var serverLogger = Logger(label: "plaidlua.sandbox.server", factory: { label in StreamLogHandler.standardError(label: label) })
        serverLogger.logLevel = Logger.Level.error
        let responder = SandboxResponder(
            store: store,
            credentials: credentials,
            authenticator: ClientAuthenticator(credentials: credentials),
            rateLimiter: RateLimiter(limits: configuration.rateLimits),
            maxBodyBytes: configuration.maxBodyBytes,
            webhookAllowedHosts: configuration.webhookAllowedHosts,
            clock: configuration.clock,
            requestLog: configuration.logRequests
                ? Logger(label: "plaidlua.sandbox", factory: { label in StreamLogHandler.standardError(label: label) }) : nil
        )
        let (boundPorts, portReporter) = AsyncThrowingStream<Int, any Error>.makeStream()
        let application = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in
                portReporter.yield(channel.localAddress?.port ?? configuration.port)
            },
            logger: serverLogger
        )
        let serviceGroup = ServiceGroup(configuration: .init(services: [application], logger: serverLogger))
        let running = Task {
            do {
                try await serviceGroup.run()
                portReporter.finish()
            } catch {
                portReporter.finish(throwing: error)
            }
        }
        for try await port in boundPorts {
            let webhooks = WebhookDeliverer(store: store, retryScale: configuration.webhookRetryScale, clock: configuration.clock)
            webhooks.start()
            return SandboxServer(credentials: credentials, port: port, configuration: configuration, store: store,
                                 serviceGroup: serviceGroup, running: running, webhooks: webhooks)
        }
        throw SandboxStartError(message: "the sandbox stopped before it listened on \(configuration.host):\(configuration.port)")
    }

    /// Stops accepting connections, lets requests in flight finish, and returns when it is down.
    public func stop() async {
        await serviceGroup.triggerGracefulShutdown()
        await running.value
        await webhooks.stop()
        await store.close()
    }
}

/// Why a sandbox could not start.
public struct SandboxStartError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
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
