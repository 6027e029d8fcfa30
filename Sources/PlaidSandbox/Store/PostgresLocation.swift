import Foundation

/// Where a shared sandbox's PostgreSQL database is, read from a `postgres://` URL.
///
/// The password is a database credential: it is sent to that server alone, and ``description``
/// never shows it. It comes from the URL or, when the URL has none, from `PGPASSWORD`.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, CaseIterable {
        /// Plain TCP, for a server on loopback.
        case disable
        /// TLS when the server offers it: the default on loopback. A server that declines gets
        /// the password in whatever form it asks for, so this protects nothing on a network.
        case prefer
        /// TLS with the server's certificate verified, or no connection: the default for any
        /// host not on loopback.
        case require
    }

    public var host: String
    public var port: Int
    public var username: String
    var password: String?
    public var database: String
    public var tls: TLSMode
    /// How long to wait for a connection before the call fails.
    public var connectTimeout: Duration
    /// How many connections one sandbox process may hold open.
    public var poolSize: Int
    /// The schema the tables are in, when not the user's default (`public`); made when missing.
    public var schema: String?

    /// Reads `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=…&connect_timeout=S&pool_size=N&schema=NAME]`.
    ///
    /// - Throws: ``PostgresLocationError`` naming the part that is wrong; its message never holds the password.
    public init(url text: String, environment: [String: String]) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              ["postgres", "postgresql"].contains(scheme)
        else { throw PostgresLocationError("it is not a postgres://USER@HOST:PORT/DATABASE URL") }
        guard var host = components.percentEncodedHost, !host.isEmpty else { throw PostgresLocationError("it names no host") }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host.removingPercentEncoding ?? host
        port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw PostgresLocationError("its port \(port) is not between 1 and 65535") }
        guard let user = components.user, !user.isEmpty else { throw PostgresLocationError("it names no user (postgres://USER@…)") }
        username = user
        password = components.password ?? environment["PGPASSWORD"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.isEmpty, !path.contains("/") else { throw PostgresLocationError("it names no database (…/DATABASE)") }
        database = path
        tls = SandboxCall.isLoopback(self.host.lowercased()) ? .prefer : .require
        connectTimeout = .seconds(10)
        poolSize = 16
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw PostgresLocationError("sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value)'")
                }
                tls = mode
            case "connect_timeout":
                guard let seconds = Int(value), (1...3600).contains(seconds) else {
                    throw PostgresLocationError("connect_timeout must be whole seconds from 1 to 3600, not '\(value)'")
                }
                connectTimeout = .seconds(seconds)
            case "pool_size":
                guard let size = Int(value), (1...1000).contains(size) else {
                    throw PostgresLocationError("pool_size must be from 1 to 1000, not '\(value)'")
                }
                poolSize = size
            case "schema":
                guard !value.isEmpty, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                    throw PostgresLocationError("schema must be a name of letters, digits and _, not '\(value)'")
                }
                schema = value
            default:
                throw PostgresLocationError("it has an unknown setting '\(item.name)' (known: sslmode, connect_timeout, pool_size, schema)")
            }
        }
    }

    /// Whether the URL text itself carries a password, which a command line would show to every
    /// user of the machine (`ps`).
    public static func hasPassword(url text: String) -> Bool {
        URLComponents(string: text)?.password != nil
    }

    /// The URL without its password, with the schema when one is named.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(username)@\(shownHost):\(port)/\(database)" + (schema.map { "?schema=\($0)" } ?? "")
    }
}

/// Why a PostgreSQL URL was refused.
public struct PostgresLocationError: Error, CustomStringConvertible {
    public let description: String

    init(_ problem: String) {
        description = "the database URL is not usable: \(problem)"
    }
}
