import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The embedded sandbox: an HTTP server that emulates Plaid's processor endpoints offline, with
/// its state in `sandbox.sqlite` in the configured data directory.
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

    private let serviceGroup: ServiceGroup
    private let running: Task<Void, Never>
    private let webhooks: WebhookDeliverer

    /// `http://host:port`, with IPv6 hosts in brackets.
    public var baseURL: String {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "http://\(host):\(port)"
    }

    private init(credentials: SandboxCredentials, port: Int, configuration: SandboxConfiguration,
                 serviceGroup: ServiceGroup, running: Task<Void, Never>, webhooks: WebhookDeliverer) {
        self.credentials = credentials
        self.port = port
        self.configuration = configuration
        self.serviceGroup = serviceGroup
        self.running = running
        self.webhooks = webhooks
    }

    /// Opens the data directory, starts listening and returns once connections are accepted.
    ///
    /// - Throws: when the data directory cannot be opened or the address cannot be bound.
    public static func start(_ configuration: SandboxConfiguration) async throws -> SandboxServer {
        let store = try SandboxStore(dataDirectory: configuration.dataDirectory)
        let credentials = try store.ensureCredentials()
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
            return SandboxServer(credentials: credentials, port: port, configuration: configuration,
                                 serviceGroup: serviceGroup, running: running, webhooks: webhooks)
        }
        throw SandboxStartError(message: "the sandbox stopped before it listened on \(configuration.host):\(configuration.port)")
    }

    /// Stops accepting connections, lets requests in flight finish, and returns when it is down.
    public func stop() async {
        await serviceGroup.triggerGracefulShutdown()
        await running.value
        await webhooks.stop()
    }
}

/// Why a sandbox could not start.
public struct SandboxStartError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Operations on a data directory that need no running server.
public enum SandboxMaintenance {
    /// The keys of the sandbox in `dataDirectory`, generating them on first use.
    public static func credentials(dataDirectory: String) throws -> SandboxCredentials {
        try SandboxStore(dataDirectory: dataDirectory).ensureCredentials()
    }

    /// Retires the webhook signing key of `dataDirectory` and makes a new one; a server running on
    /// the directory signs with the new key from its next delivery.
    public static func rotateWebhookKey(dataDirectory: String) throws -> (retired: String?, current: String) {
        try SandboxStore(dataDirectory: dataDirectory).rotateWebhookKey(now: Date())
    }

    /// Every webhook delivery attempt kept in `dataDirectory`, oldest first.
    public static func webhookAttempts(dataDirectory: String) throws -> [SandboxWebhookAttempt] {
        try SandboxStore(dataDirectory: dataDirectory).webhookAttempts()
    }

    /// Deletes every Item and token in `dataDirectory`; the API keys stay the same.
    public static func reset(dataDirectory: String) throws {
        let store = try SandboxStore(dataDirectory: dataDirectory)
        _ = try store.ensureCredentials()
        try store.reset()
    }
}
