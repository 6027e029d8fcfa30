import Foundation
@testable import PlaidClient
import PlaidModels
import Testing

/// Where credentials may travel: each rule is tried as the attack that would break it, against a
/// real loopback listener that must receive nothing.
struct DestinationTests {
    func configuration(_ url: String, origin: String? = nil, allowed: [String] = []) throws -> PlaidClient.Configuration {
        var configuration = PlaidClient.Configuration(environment: .custom(baseURL: url), clientID: Credentials.clientID,
                                                      secret: Secret(Credentials.secret), retry: .none)
        configuration.credentialsOrigin = origin
        configuration.allowedHosts = try AllowedHosts(allowed, source: "test")
        return configuration
    }

    @Test(arguments: [
        "http://127.0.0.1:8484", "http://localhost:1", "http://[::1]:9", "http://127.3.2.1", "https://sandbox.plaid.com",
        "https://production.plaid.com/",
    ])
    func loopbackAndPlaidsHostsNeedNoAllowList(url: String) throws {
        #expect(try configuration(url).destinationRefusal() == nil)
    }

    @Test(arguments: [
        ("http://sandbox.plaid.com", "plain HTTP to sandbox.plaid.com"),
        ("http://10.0.0.5:8080", "plain HTTP to 10.0.0.5"),
        ("https://evil.example", "evil.example:443 is not Plaid's"),
        ("https://sandbox.plaid.com:8443", "sandbox.plaid.com:8443 is not Plaid's"),
        ("https://sandbox.plaid.com.evil.example", "is not Plaid's"),
        ("https://user:pw@sandbox.plaid.com", "is not an http:// or https:// URL"),
        ("ftp://127.0.0.1", "is not an http:// or https:// URL"),
    ])
    func otherDestinationsAreRefusedNamingTheRule(url: String, rule: String) throws {
        let refusal = try configuration(url).destinationRefusal()
        #expect(refusal?.kind == .destinationRefused)
        #expect(refusal?.message.contains(rule) == true, "\(refusal?.message ?? "no refusal")")
    }

    @Test func anAllowListAdmitsExactHostsAndSubdomainsOverHTTPSOnly() throws {
        let allowed = ["proxy.example.com:8443", "*.corp.example"]
        #expect(try configuration("https://proxy.example.com:8443", allowed: allowed).destinationRefusal() == nil)
        #expect(try configuration("https://proxy.example.com", allowed: allowed).destinationRefusal() != nil)
        #expect(try configuration("https://api.corp.example", allowed: allowed).destinationRefusal() == nil)
        #expect(try configuration("https://corp.example", allowed: allowed).destinationRefusal() != nil)
        #expect(try configuration("https://evilcorp.example", allowed: allowed).destinationRefusal() != nil)
        #expect(try configuration("http://api.corp.example", allowed: allowed).destinationRefusal()?.message.contains("plain HTTP") == true)
        #expect(throws: PlaidClientError.self) { try AllowedHosts(["https://x.example"], source: "PLAIDLUA_ALLOWED_HOSTS") }
        #expect(throws: PlaidClientError.self) { try AllowedHosts(["x.example:99999"], source: "t") }
        #expect(throws: PlaidClientError.self) { try AllowedHosts(["*"], source: "t") }
    }

    @Test func credentialsGoOnlyToTheURLTheyBelongTo() throws {
        // Keys meant for Plaid's sandbox must not reach a loopback listener, nor another port.
        let stolen = try configuration("http://127.0.0.1:9", origin: "https://sandbox.plaid.com").destinationRefusal()
        #expect(stolen?.message.contains("belong to https://sandbox.plaid.com") == true)
        #expect(try configuration("http://127.0.0.1:9", origin: "http://127.0.0.1:8484").destinationRefusal() != nil)
        #expect(try configuration("http://localhost:8484", origin: "http://127.0.0.1:8484").destinationRefusal() == nil)
    }

    @Test func aRefusedClientNeverConnects() async throws {
        let listener = try await TestHTTPServer.start { _, _ in .json(status: 200, body: Bodies.balance) }
        let configuration = try configuration(listener.baseURL, origin: "https://sandbox.plaid.com")
        let client = PlaidClient(configuration: configuration)
        let error = try await clientError { try await client.send(ProcessorBalanceGetRequest(processorToken: ProcessorToken(Credentials.processorToken))) }
        #expect(error.kind == .destinationRefused)
        #expect(error.attempts == 1)
        #expect(listener.connectionCount == 0)
        #expect(!error.description.contains(Credentials.secret))
        try await client.shutdown()
        try await listener.shutdown()
    }

    @Test func aRedirectIsAnErrorAndItsTargetHearsNothing() async throws {
        let target = try await TestHTTPServer.start { _, _ in .json(status: 200, body: Bodies.balance) }
        let redirect = "\(target.baseURL)/processor/balance/get"
        try await withClient(retry: fastRetries, reply: { _, _ in .withHeaders(status: 307, headers: ["Location": redirect], body: "{}") }) { client, _ in
            let error = try await clientError { try await client.send(ProcessorBalanceGetRequest(processorToken: ProcessorToken(Credentials.processorToken))) }
            #expect(error.kind == .unexpectedResponse)
            #expect(error.message.contains("redirect (HTTP 307) to \(redirect)"))
            #expect(error.attempts == 1)
            #expect(!error.isRetryable)
        }
        #expect(target.requests.isEmpty)
        try await target.shutdown()
    }

    @Test func rateLimitsAreRetriedHonouringRetryAfterAndSayTheyAreRetryable() async throws {
        let limited = Bodies.error(type: "RATE_LIMIT_EXCEEDED", code: "RATE_LIMIT")
        let policy = PlaidClient.RetryPolicy(maxAttempts: 1, rateLimitBudget: .seconds(600), rateLimitInitialBackoff: .milliseconds(1),
                                             rateLimitMaxBackoff: .milliseconds(2))
        try await withClient(retry: policy, reply: { _, index in
            index < 2 ? .withHeaders(status: 429, headers: ["Retry-After": "1"], body: limited) : .json(status: 200, body: Bodies.balance)
        }) { client, server in
            let started = ContinuousClock.now
            _ = try await client.send(ProcessorBalanceGetRequest(processorToken: ProcessorToken(Credentials.processorToken)))
            // Two waits of at least the second the server asked for, though the policy's own waits are milliseconds.
            #expect(ContinuousClock.now - started >= .seconds(2))
            #expect(server.requests.count == 3)
        }
        var capped = policy
        capped.limitRetries(to: 1)
        try await withClient(retry: capped, reply: { _, _ in .json(status: 429, body: limited) }) { client, server in
            let error = try await clientError { try await client.send(ProcessorTokenCreateRequest(accessToken: AccessToken(Credentials.accessToken), accountID: "a", processor: .dwolla)) }
            #expect(error.attempts == 2)
            #expect(error.isRetryable)
            #expect(server.requests.count == 2)
        }
    }
}
