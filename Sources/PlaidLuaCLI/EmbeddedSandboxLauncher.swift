import PlaidLua
import PlaidSandbox

/// The `embedded` environment: the sandbox server started in this process on an ephemeral
/// loopback port, sharing the data directory (and so every token) with other runs and with
/// `plaidlua sandbox serve`.
actor EmbeddedSandboxLauncher {
    private let dataDirectory: String
    private var server: SandboxServer?

    init(dataDirectory: String) {
        self.dataDirectory = dataDirectory
    }

    func start() async throws -> EmbeddedSandbox {
        var configuration = SandboxConfiguration(dataDirectory: dataDirectory)
        configuration.port = 0
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
