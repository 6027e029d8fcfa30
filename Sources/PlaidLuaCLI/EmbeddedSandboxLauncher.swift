import PlaidLua
import PlaidSandbox

/// The `embedded` environment: the sandbox server started in this process on an ephemeral
/// loopback port, sharing the data directory (and so every token) with other runs and with
/// `plaidlua sandbox serve`.
///
/// `PLAIDLUA_SANDBOX_RATE_LIMITS` (`processor_auth_get=10/s,accounts_get=5/s`) limits its
/// endpoints as `sandbox serve --rate-limit` does, so a script can meet `RATE_LIMIT_EXCEEDED`.
actor EmbeddedSandboxLauncher {
    private let dataDirectory: String
    private let rateLimits: String?
    private var server: SandboxServer?

    init(environment: [String: String]) {
        dataDirectory = DataDirectory.resolve(environment: environment)
        rateLimits = environment["PLAIDLUA_SANDBOX_RATE_LIMITS"]
    }

    func start() async throws -> EmbeddedSandbox {
        var configuration = SandboxConfiguration(dataDirectory: dataDirectory)
        configuration.port = 0
        if let rateLimits, !rateLimits.isEmpty {
            do {
                configuration.rateLimits = try RateLimit.parseList(rateLimits.split(separator: ",").map(String.init))
            } catch {
                throw EmbeddedSandboxError(message: "PLAIDLUA_SANDBOX_RATE_LIMITS \(error.message)")
            }
        }
        let server = try await SandboxServer.start(configuration)
        self.server = server
        let credentials = server.credentials
        return EmbeddedSandbox(
            baseURL: server.baseURL,
            developer: .init(clientID: credentials.developer.clientID, secret: credentials.developer.secret),
            processors: credentials.processors.mapValues { .init(clientID: $0.clientID, secret: $0.secret) }
        )
    }

    func stop() async {
        await server?.stop()
        server = nil
    }
}

struct EmbeddedSandboxError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
