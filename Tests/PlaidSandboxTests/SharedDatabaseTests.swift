import Foundation
import PlaidClient
import PlaidLuaTesting
import PlaidModels
@testable import PlaidSandbox
import Testing

/// Sandbox instances on one PostgreSQL database are one sandbox: the same keys, every token
/// usable on every instance, each public token exchanged once however the calls are spread, and
/// the schema migrated once when they start together.
@Suite struct SharedDatabaseTests {
    private static func location(_ url: String) throws -> PostgresLocation {
        try PostgresLocation(url: url, environment: [:])
    }

    /// Runs `body` with two sandboxes on one new database.
    private static func withTwoInstances(_ body: (TestSandbox, TestSandbox) async throws -> Void) async throws {
        let location = try location(try TestPostgres.newStoreURL())
        try await TestSandbox.with(configure: { $0.database = location }) { first in
            try await TestSandbox.with(configure: { $0.database = location }) { second in
                try await body(first, second)
            }
        }
    }

    @Test func instancesStartedTogetherMigrateOnceAndShareTheirKeys() async throws {
        let database = try TestPostgres.newStoreURL()
        let servers = try await withThrowingTaskGroup(of: SandboxServer.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var configuration = SandboxConfiguration(dataDirectory: TestSandbox.makeTemporaryDirectory())
                    configuration.port = 0
                    configuration.database = try Self.location(database)
                    return try await SandboxServer.start(configuration)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for server in servers { await server.stop() }
        #expect(Set(servers.map(\.credentials)).count == 1, "every instance has the same keys")
        #expect(try await TestPostgres.column("SELECT version::text FROM schema_migrations", in: database)
            == PostgresSchema.migrations.map { String($0.version) })
        #expect(try await TestPostgres.column("SELECT count(*)::text FROM client", in: database)
            == [String(SandboxStoreRules.clientRoles.count)])
    }

    @Test func aTokenMadeOnOneInstanceWorksOnTheOther() async throws {
        try await Self.withTwoInstances { first, second in
            let created = try await first.developer.send(SandboxPublicTokenCreateRequest(institutionID: "ins_109508", initialProducts: [.auth]))
            let accessToken = try await second.developer.send(ItemPublicTokenExchangeRequest(publicToken: created.publicToken)).accessToken
            let accountID = try await first.accountID(accessToken)
            let processorToken = try await second.developer.send(ProcessorTokenCreateRequest(
                accessToken: accessToken, accountID: accountID, processor: .dwolla)).processorToken
            let auth = try await first.partner(.dwolla).send(ProcessorAuthGetRequest(processorToken: processorToken))
            #expect(auth.account.accountID == accountID)

            _ = try await first.developer.send(ItemRemoveRequest(accessToken: accessToken))
            let afterRemoval = await plaidError { try await second.partner(.dwolla).send(ProcessorAuthGetRequest(processorToken: processorToken)) }
            #expect(afterRemoval?.errorCode == "ITEM_NOT_FOUND", "a removal on one instance is seen by the other at once")
        }
    }

    /// The same public tokens exchanged on both instances at once: each is exchanged once, and
    /// every other attempt is told it was already exchanged.
    @Test func aPublicTokenRacedOnTwoInstancesIsExchangedOnce() async throws {
        try await Self.withTwoInstances { first, second in
            var publicTokens: [PublicToken] = []
            for _ in 0..<8 {
                publicTokens.append(try await first.developer.send(
                    SandboxPublicTokenCreateRequest(institutionID: "ins_109508", initialProducts: [.auth])).publicToken)
            }
            let outcomes = await withTaskGroup(of: (PublicToken, String).self) { group in
                for token in publicTokens {
                    for sandbox in [first, second, first, second] {
                        group.addTask {
                            do {
                                _ = try await sandbox.developer.send(ItemPublicTokenExchangeRequest(publicToken: token))
                                return (token, "exchanged")
                            } catch let error as PlaidClientError {
                                let message = error.plaidError?.errorMessage.value ?? "\(error)"
                                return (token, message.contains("already been exchanged") ? "refused" : message)
                            } catch {
                                return (token, "\(error)")
                            }
                        }
                    }
                }
                return await group.reduce(into: [PublicToken: [String]]()) { $0[$1.0, default: []].append($1.1) }
            }
            for (token, results) in outcomes {
                #expect(results.sorted() == ["exchanged", "refused", "refused", "refused"], "public token …\(token.rawValue.suffix(4)): \(results)")
            }
        }
    }

    @Test func aDatabaseMigratedByANewerPlaidLuaIsRefused() async throws {
        let database = try TestPostgres.newStoreURL()
        try await TestSandbox.with(configure: { $0.database = try? Self.location(database) }) { _ in }
        try await TestPostgres.execute("INSERT INTO schema_migrations (version, name) VALUES (99, 'from the future')", in: database)
        var configuration = SandboxConfiguration(dataDirectory: TestSandbox.makeTemporaryDirectory())
        configuration.port = 0
        configuration.database = try Self.location(database)
        let error = await #expect(throws: (any Error).self) { try await SandboxServer.start(configuration) }
        #expect("\(error!)".contains("schema is at version 99, newer than this plaidlua knows"), "\(error!)")
    }

    @Test func aWrongPasswordIsReportedWithoutThePassword() async throws {
        let (url, _) = TestPostgres.split(try TestPostgres.newStoreURL())
        let guess = "guess-\(UUID().uuidString)"
        var configuration = SandboxConfiguration(dataDirectory: TestSandbox.makeTemporaryDirectory())
        configuration.port = 0
        configuration.database = try PostgresLocation(url: url, environment: ["PGPASSWORD": guess])
        let error = await #expect(throws: (any Error).self) { try await SandboxServer.start(configuration) }
        let message = "\(error!)"
        #expect(message.contains("password authentication failed"), "\(message)")
        #expect(!message.contains(guess))
    }
}

/// Reading `postgres://` URLs: every setting, and no way for the password to be shown.
@Suite struct PostgresLocationTests {
    @Test func readsEverySettingAndNeverShowsThePassword() throws {
        let location = try PostgresLocation(
            url: "postgresql://team:s3cr%40t@db.internal:6543/sandbox?sslmode=require&connect_timeout=3&pool_size=5&schema=ci",
            environment: ["PGPASSWORD": "ignored"])
        #expect(location.host == "db.internal")
        #expect(location.port == 6543)
        #expect(location.username == "team")
        #expect(location.password == "s3cr@t", "the URL's password wins over PGPASSWORD")
        #expect(location.database == "sandbox")
        #expect(location.tls == .require)
        #expect(location.connectTimeout == .seconds(3))
        #expect(location.poolSize == 5)
        #expect(location.schema == "ci")
        #expect(location.description == "postgres://team@db.internal:6543/sandbox?schema=ci")
        #expect(!"\(location)".contains("s3cr") && !String(reflecting: location).contains("s3cr"))
        #expect(PostgresLocation.hasPassword(url: "postgres://team:s3cr%40t@db.internal/sandbox"))
        #expect(!PostgresLocation.hasPassword(url: "postgres://team@db.internal/sandbox"))
    }

    @Test func thePasswordComesFromPGPASSWORDWhenTheURLHasNone() throws {
        let location = try PostgresLocation(url: "postgres://team@[::1]/sandbox", environment: ["PGPASSWORD": "from-env"])
        #expect(location.password == "from-env")
        #expect(location.host == "::1")
        #expect(location.port == 5432)
        #expect(location.tls == .prefer, "on loopback, TLS when offered")
        #expect(location.description == "postgres://team@[::1]:5432/sandbox")
        #expect(try PostgresLocation(url: "postgres://team@db.internal/sandbox", environment: [:]).tls == .require,
                "beyond loopback, TLS or no connection")
        // A name that only starts like a loopback address is a host anywhere.
        #expect(try PostgresLocation(url: "postgres://team@127.0.0.1.example.com/sandbox", environment: [:]).tls == .require)
        #expect(try PostgresLocation(url: "postgres://team@127.attacker.example/sandbox", environment: [:]).tls == .require)
        #expect(try PostgresLocation(url: "postgres://team@127.0.0.1/sandbox", environment: [:]).tls == .prefer)
    }

    /// A server (or anyone on the path) that declines TLS and asks for the password in clear:
    /// with `sslmode=require` it never gets it. With `prefer` it does, which is why `prefer`
    /// is only the default on loopback.
    @Test(arguments: [("require", false), ("prefer", true)])
    func aServerDecliningTLSGetsThePasswordOnlyWithoutRequire(mode: String, passwordArrives: Bool) async throws {
        let server = try DecliningPostgresServer()
        defer { server.stop() }
        let secret = "db-secret-\(UUID().uuidString)"
        var configuration = SandboxConfiguration(dataDirectory: TestSandbox.makeTemporaryDirectory())
        configuration.port = 0
        configuration.database = try PostgresLocation(
            url: "postgres://team@127.0.0.1:\(server.port)/sandbox?sslmode=\(mode)&connect_timeout=5", environment: ["PGPASSWORD": secret])
        let error = await #expect(throws: (any Error).self) { try await SandboxServer.start(configuration) }
        #expect(!"\(error.map { "\($0)" } ?? "")".contains(secret))
        #expect(String(decoding: server.received, as: UTF8.self).contains(secret) == passwordArrives)
        #expect(server.received.count >= 8, "the server heard from the client at all")
    }

    @Test(arguments: [
        ("mysql://team@db/sandbox", "not a postgres://"),
        ("postgres://db/sandbox", "names no user"),
        ("postgres://team@db/", "names no database"),
        ("postgres://team@db/sandbox?sslmode=verify-full", "sslmode must be one of disable, prefer, require"),
        ("postgres://team@db/sandbox?connect_timeout=0", "connect_timeout must be"),
        ("postgres://team@db/sandbox?pool_size=many", "pool_size must be"),
        ("postgres://team@db/sandbox?schema=a;drop", "schema must be a name"),
        ("postgres://team:hunter2@db/sandbox?password=hunter2", "unknown setting 'password'"),
    ])
    func badURLsAreRefusedNamingTheProblem(url: String, problem: String) {
        let error = #expect(throws: PostgresLocationError.self) { try PostgresLocation(url: url, environment: [:]) }
        #expect(error?.description.contains(problem) == true, "\(error.map { "\($0)" } ?? "no error")")
        #expect(error?.description.contains("hunter2") == false)
    }
}
