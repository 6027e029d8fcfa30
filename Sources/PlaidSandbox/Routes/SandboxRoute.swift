import Foundation
import PlaidModels

/// What a route knows about a call besides its body: who is calling, and the request's id and
/// time. Routes always answer in the current API version; ``VersionedShapes`` adapts the result.
struct SandboxCall: Sendable {
    let caller: Caller
    let requestID: String
    let now: Date
    let store: any SandboxStore
    let credentials: SandboxCredentials
    /// Hosts besides loopback that webhook URLs may name (`sandbox serve --webhook-allow`).
    var webhookAllowedHosts: [String] = []

    /// The client id of the partner that stands for `processor`.
    func partnerClientID(for processor: String) -> String? {
        credentials.processors[processor]?.clientID
    }
}

/// A request the sandbox answers: each endpoint's handler, in `Routes/<Endpoint>.swift`, makes
/// its request model conform. The routes are found through the registry (``PlaidAPI/requests``),
/// so there is no list of routes to keep in step.
protocol SandboxServed: PlaidRequest {
    /// Answers a checked request in the current API version; ``VersionedShapes`` adapts it.
    static func answer(_ request: Self, _ call: SandboxCall) async throws -> Response
}

/// One endpoint the sandbox serves: it checks the body against the endpoint's fields, decodes
/// it into the PlaidModels request type, runs the handler and returns the PlaidModels response,
/// so the server and the client share one definition of every message.
struct SandboxRoute: Sendable {
    let endpoint: PlaidEndpoint
    /// - Parameters:
    ///   - body: the parsed body, for checking its fields;
    ///   - text: the body as sent, which the request model decodes from (the model ignores the
    ///     credentials a body may carry).
    let run: @Sendable (_ body: [String: JSONValue], _ text: Data, _ call: SandboxCall) async throws -> any PlaidResponse
    /// The first half of ``run``: the checked and decoded request, or the error it is refused with.
    let decode: @Sendable (_ body: [String: JSONValue], _ text: Data) throws -> any PlaidRequest

    init<Request: SandboxServed>(_ type: Request.Type) {
        endpoint = Request.endpoint
        decode = { body, text in try Self.decode(Request.self, body: body, text: text) }
        run = { body, text, call in
            try await Request.answer(try Self.decode(Request.self, body: body, text: text), call)
        }
    }

    private static func decode<Request: PlaidRequest>(_: Request.Type, body: [String: JSONValue], text: Data) throws -> Request {
        try RequestValidator.validate(body, against: Request.endpoint.requestFields)
        do {
            return try JSONDecoder().decode(Request.self, from: text)
        } catch {
            throw SandboxError.invalidField("the body does not fit \(Request.endpoint.path): \(Self.describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
             .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

/// Every endpoint the sandbox serves, by path: each registered request whose model the sandbox
/// answers (a test checks that is all of them).
enum SandboxRoutes {
    static let all: [String: SandboxRoute] = Dictionary(uniqueKeysWithValues: PlaidAPI.requests.compactMap { type in
        (type as? any SandboxServed.Type).map { served in (type.endpoint.path, SandboxRoute(served)) }
    })
}

// MARK: - Lookups the routes share

extension SandboxCall {
    /// The caller's Item behind an access token.
    func item(accessToken: AccessToken) async throws -> StoredItem {
        guard Self.isWellFormed(accessToken.rawValue, type: "access") else { throw SandboxError.malformedAccessToken }
        return try await store.item(accessToken: accessToken.rawValue, caller: caller)
    }

    /// The account a processor token reaches, refusing tokens made for another client, Items
    /// stuck in an error, and products the token's permissions leave out.
    ///
    /// - Parameter product: the product the endpoint reads, or nil for one every token may call.
    func processorAccount(_ token: ProcessorToken, product: Product?) async throws -> (item: StoredItem, account: SandboxAccount) {
        guard Self.isWellFormed(token.rawValue, type: "processor") else { throw SandboxError.malformedProcessorToken }
        let grant = try await store.processorToken(token.rawValue, caller: caller)
        if let product, !grant.products.isEmpty, !grant.products.contains(product.rawValue) {
            throw SandboxError.productNotPermitted(product.rawValue)
        }
        if let error = grant.item.error { throw error }
        guard let account = grant.item.accounts.first(where: { $0.accountID == grant.accountID }) else {
            throw SandboxError.invalidProcessorToken
        }
        return (grant.item, account)
    }

    /// A processor token as the developer who made it may manage it.
    func ownedProcessorToken(_ token: ProcessorToken) async throws -> ProcessorGrant {
        guard Self.isWellFormed(token.rawValue, type: "processor") else { throw SandboxError.malformedProcessorToken }
        return try await store.ownedProcessorToken(token.rawValue, caller: caller)
    }

    /// A webhook URL the sandbox will store: http(s) with a host on loopback, where a developer's
    /// own receiver runs, or https to a host `sandbox serve --webhook-allow` names. A sandbox
    /// anyone can call must not be a way to send requests anywhere.
    func checkedWebhook(_ url: String) throws -> String {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased(), !host.isEmpty,
              let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http"
        else { throw SandboxError.invalidField("webhook must be an http(s) URL such as http://127.0.0.1:8080/plaid, not \"\(url)\"") }
        if Self.isLoopback(host) { return url }
        guard webhookAllowedHosts.contains(where: { $0.lowercased() == host }) else {
            throw SandboxError.invalidField("webhook: this sandbox sends webhooks only to loopback hosts (127.0.0.1, localhost, ::1), "
                + "not \(host); start it with --webhook-allow \(host) to allow that host")
        }
        guard scheme == "https" else {
            throw SandboxError.invalidField("webhook must use https for a host other than loopback, not \"\(url)\"")
        }
        return url
    }

    /// `localhost`, 127.0.0.0/8 and ::1.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare == "localhost" || bare == "::1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// `<type>-<environment>-<identifier>`, as Plaid checks before looking a token up.
    static func isWellFormed(_ token: String, type: String) -> Bool {
        let parts = token.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0] == type && !parts[1].isEmpty && !parts[2].isEmpty
    }
}
