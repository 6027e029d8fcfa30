import AsyncHTTPClient
import Foundation
import Synchronization
import NIOCore
import NIOHTTP1
import PlaidClient
import PlaidLuaTesting
import PlaidModels
@testable import PlaidSandbox

/// A real sandbox on a loopback port 0 with its SQLite file in a fresh temporary directory, and
/// the clients a test drives it with. Use ``with(_:configure:)`` so everything is shut down.
///
/// In the test command's PostgreSQL pass (``TestPostgres/sandboxSuitesUsePostgres``) its state
/// is in a PostgreSQL schema of its own instead, one per data directory, so the same suites check
/// both stores.
final class TestSandbox: Sendable {
    let server: SandboxServer
    let dataDirectory: String
    /// The developer's client, as a script would use it.
    let developer: PlaidClient
    private let http: HTTPClient
    /// Every other client a test made, shut down with the sandbox.
    private let otherClients = Mutex<[PlaidClient]>([])

    private init(server: SandboxServer, dataDirectory: String) {
        self.server = server
        self.dataDirectory = dataDirectory
        self.developer = Self.client(server.baseURL, server.credentials.developer)
        self.http = HTTPClient(eventLoopGroupProvider: .singleton)
    }

    /// Runs `body` against a new sandbox, then stops it and deletes its data directory.
    @discardableResult
    static func with<T>(
        configure: (inout SandboxConfiguration) -> Void = { _ in },
        dataDirectory: String? = nil,
        _ body: (TestSandbox) async throws -> T
    ) async throws -> T {
        let directory = dataDirectory ?? makeTemporaryDirectory()
        var configuration = SandboxConfiguration(dataDirectory: directory)
        configuration.port = 0
        if TestPostgres.sandboxSuitesUsePostgres {
            configuration.database = try PostgresLocation(url: try SharedDatabases.url(for: directory), environment: [:])
        }
        configure(&configuration)
        let sandbox = TestSandbox(server: try await SandboxServer.start(configuration), dataDirectory: directory)
        do {
            let result = try await body(sandbox)
            await sandbox.shutdown(removing: dataDirectory == nil)
            return result
        } catch {
            await sandbox.shutdown(removing: dataDirectory == nil)
            throw error
        }
    }

    static func makeTemporaryDirectory() -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-sandbox-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    private func shutdown(removing: Bool) async {
        try? await developer.shutdown()
        for client in otherClients.withLock({ $0 }) { try? await client.shutdown() }
        try? await http.shutdown()
        await server.stop()
        if removing { try? FileManager.default.removeItem(atPath: dataDirectory) }
    }

    /// A client with a processor partner's keys.
    func partner(_ processor: Processor) -> PlaidClient {
        keep(Self.client(server.baseURL, server.credentials.processors[processor.rawValue]!))
    }

    /// A developer client that asks for another API version.
    func developer(version: String) -> PlaidClient {
        keep(Self.client(server.baseURL, server.credentials.developer, version: version))
    }

    private func keep(_ client: PlaidClient) -> PlaidClient {
        otherClients.withLock { $0.append(client) }
        return client
    }

    static func client(_ baseURL: String, _ keys: SandboxCredentials.Client, version: String = "2020-09-14") -> PlaidClient {
        PlaidClient(configuration: PlaidClient.Configuration(
            environment: .custom(baseURL: baseURL), clientID: keys.clientID, secret: Secret(keys.secret),
            plaidVersion: version, retry: .none))
    }

    // MARK: Raw HTTP, for what the typed client would refuse to send

    struct RawResponse {
        let status: Int
        let headers: [(String, String)]
        let body: Data
        var json: JSONValue? { try? JSONValue(data: body) }

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    /// Which API keys a raw request carries in its headers.
    enum RawKeys {
        case developer, none
        case client(SandboxCredentials.Client)
    }

    /// Sends bytes as they are, with the developer's keys in the headers unless told otherwise.
    ///
    /// - Parameter sender: the HTTP client to send with, when a test needs connections of its own.
    func raw(_ path: String, method: HTTPMethod = .POST, body: Data?, keys: RawKeys = .developer,
             headers extra: [(String, String)] = [("Content-Type", "application/json")],
             through sender: HTTPClient? = nil, timeout: TimeAmount = .seconds(30)) async throws -> RawResponse {
        var request = HTTPClientRequest(url: server.baseURL + path)
        request.method = method
        let client: SandboxCredentials.Client? = switch keys {
        case .developer: server.credentials.developer
        case .none: nil
        case .client(let client): client
        }
        if let keys = client {
            request.headers.add(name: "PLAID-CLIENT-ID", value: keys.clientID)
            request.headers.add(name: "PLAID-SECRET", value: keys.secret)
        }
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await (sender ?? http).execute(request, timeout: timeout)
        let collected = try await response.body.collect(upTo: 10 * 1024 * 1024)
        return RawResponse(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                           body: Data(collected.readableBytesView))
    }

    func raw(_ path: String, json: JSONValue, keys: RawKeys = .developer,
             headers: [(String, String)] = [("Content-Type", "application/json")]) async throws -> RawResponse {
        try await raw(path, body: try json.data(), keys: keys, headers: headers)
    }

    // MARK: The processor flow's steps

    /// Links an Item at `institution` and returns its access token.
    func linkItem(_ institution: String = "ins_109508", password: String? = nil) async throws -> AccessToken {
        let created = try await developer.send(SandboxPublicTokenCreateRequest(
            institutionID: institution, initialProducts: [.auth, .identity],
            options: password.map { SandboxPublicTokenCreateOptions(overridePassword: .value($0)) }))
        return try await developer.send(ItemPublicTokenExchangeRequest(publicToken: created.publicToken)).accessToken
    }

    /// The id of the Item's account named `name`.
    func accountID(_ accessToken: AccessToken, named name: String = "Plaid Checking") async throws -> String {
        let accounts = try await developer.send(AccountsGetRequest(accessToken: accessToken)).accounts
        return accounts.first { $0.name == name }!.accountID
    }

    /// A processor token for `processor` on the Item's account named `account`.
    func processorToken(_ accessToken: AccessToken, account: String = "Plaid Checking",
                        processor: Processor = .dwolla) async throws -> ProcessorToken {
        try await developer.send(ProcessorTokenCreateRequest(
            accessToken: accessToken, accountID: try await accountID(accessToken, named: account), processor: processor
        )).processorToken
    }
}

/// The Plaid error a failed call carried.
func plaidError(of call: () async throws -> some Any) async -> PlaidError? {
    do {
        _ = try await call()
        return nil
    } catch let error as PlaidClientError {
        return error.plaidError
    } catch {
        return nil
    }
}

/// One PostgreSQL store per data directory a test names, made on first use, so sandboxes
/// started one after the other on the same directory share their state as they do in SQLite.
enum SharedDatabases {
    private static let byDirectory = Mutex<[String: String]>([:])

    static func url(for directory: String) throws -> String {
        try byDirectory.withLock { urls in
            if let url = urls[directory] { return url }
            let url = try TestPostgres.newStoreURL()
            urls[directory] = url
            return url
        }
    }
}
