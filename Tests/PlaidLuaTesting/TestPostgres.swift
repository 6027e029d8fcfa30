public import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL server `scripts/postgres.sh` started for the test run, named by
/// `PLAIDLUA_TEST_DATABASE` (`postgres://USER:PASSWORD@HOST:PORT/postgres`), and databases of
/// the tests' own on it.
public enum TestPostgres {
    public struct MissingServer: Error, CustomStringConvertible {
        public var description: String {
            "PLAIDLUA_TEST_DATABASE is not set: run the tests with scripts/swift-test.sh, which starts PostgreSQL (scripts/postgres.sh)"
        }
    }

    /// The server's URL, password included.
    public static func serverURL() throws -> URLComponents {
        guard let text = ProcessInfo.processInfo.environment["PLAIDLUA_TEST_DATABASE"], let url = URLComponents(string: text) else {
            throw MissingServer()
        }
        return url
    }

    /// Whether the sandbox suites should keep their state in PostgreSQL
    /// (`PLAIDLUA_TEST_SANDBOX_BACKEND=postgres`, the test command's second pass over them).
    public static var sandboxSuitesUsePostgres: Bool {
        ProcessInfo.processInfo.environment["PLAIDLUA_TEST_SANDBOX_BACKEND"] == "postgres"
    }

    /// A new empty store: a schema of its own in the server's database, which the sandbox makes
    /// (a schema is made in a millisecond, a database in a tenth of a second). Returns its URL,
    /// password included, with settings for a server on loopback shared by many tests at once:
    /// no TLS, few connections.
    public static func newStoreURL() throws -> String {
        var url = try serverURL()
        let name = "plaidlua_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        url.queryItems = [URLQueryItem(name: "sslmode", value: "disable"), URLQueryItem(name: "pool_size", value: "4"),
                          URLQueryItem(name: "schema", value: name)]
        return url.string!
    }

    /// The URL without its password, and the password, as a user gives them to plaidlua.
    public static func split(_ databaseURL: String) -> (url: String, password: String) {
        var url = URLComponents(string: databaseURL)!
        let password = url.password ?? ""
        url.password = nil
        return (url.string!, password)
    }

    /// Runs one statement on the server, in a store's schema when its URL is given.
    public static func execute(_ sql: String, in databaseURL: String? = nil) async throws {
        let url = try databaseURL.flatMap(URLComponents.init(string:)) ?? serverURL()
        try await withServerConnection(url) { connection, logger in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }

    /// The first column of every row `sql` returns, as text, run in a store's schema.
    public static func column(_ sql: String, in databaseURL: String) async throws -> [String] {
        var values: [String] = []
        try await withServerConnection(URLComponents(string: databaseURL)!) { connection, logger in
            for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(String.self) {
                values.append(value)
            }
        }
        return values
    }

    private static func withServerConnection(_ url: URLComponents,
                                             _ body: (PostgresConnection, Logger) async throws -> Void) async throws {
        let logger = Logger(label: "plaidlua.tests.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        var configuration = PostgresConnection.Configuration(
            host: url.host ?? "127.0.0.1", port: url.port ?? 5432, username: url.user ?? "plaidlua", password: url.password,
            database: String(url.path.split(separator: "/").first ?? "postgres"), tls: .disable)
        if let schema = url.queryItems?.first(where: { $0.name == "schema" })?.value {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            try await body(connection, logger)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
