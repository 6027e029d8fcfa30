import FaultyHTTPServer
import Foundation
import NIOConcurrencyHelpers
@testable import PlaidClient
import PlaidLuaTesting
import PlaidModels
import Testing

/// The client against a real loopback server that resets, stalls, answers garbage and answers
/// bursts of 5xx and 429: it retries and times out as docs/client.md says, every call ends, and
/// a create the server may have acted on is never sent twice.
///
/// Every call runs under a hang guard, so a call that never ends fails its test instead of
/// holding the suite.
struct FaultInjectionTests {
    typealias Behaviour = FaultyHTTPServer.Behaviour

    static let authPath = ProcessorAuthGetRequest.endpoint.path
    static let authRequest = ProcessorAuthGetRequest(processorToken: ProcessorToken(Credentials.processorToken))
    static let authAnswer = Behaviour.answer(status: 200, body: FaultBodies.auth)
    static let rateLimited = Behaviour.answer(status: 429, body: Bodies.error(type: "RATE_LIMIT_EXCEEDED", code: "RATE_LIMIT"))

    /// For attempts that are not meant to time out: ample on a machine loaded by parallel
    /// builds, where an answer on loopback has been seen to take most of a second.
    static let attemptTimeout = PlaidClient.Timeout(connect: .seconds(5), total: .seconds(10))
    /// How long a call that should end at a short timeout may take before the test calls it hung:
    /// far beyond the timeout, since a sanitizer on two loaded cores slows everything many times.
    static let hangGuard = Duration.seconds(60)

    // MARK: Reads

    @Test(arguments: Fault.all)
    func readRetriesThroughThreeFaultsThenSucceeds(fault: Fault) async throws {
        try await withFaultyServer(timeout: fault.attemptTimeout, script: { _, index in index < 3 ? fault.behaviour : Self.authAnswer }) { client, server in
            let response = try await success { try await client.send(Self.authRequest) }
            #expect(response.requestID == "1zlMf")
            #expect(server.requestsStarted(Self.authPath) == 4)
        }
    }

    @Test(arguments: Fault.all)
    func readFailingEveryAttemptGivesUpAfterMaxAttemptsWithTheDocumentedKind(fault: Fault) async throws {
        try await withFaultyServer(timeout: fault.attemptTimeout, script: { _, _ in fault.behaviour }) { client, server in
            let error = try await failure { try await client.send(Self.authRequest) }
            #expect(error.kind == fault.kind, "\(error)")
            #expect(error.attempts == 4)
            #expect(server.requestsStarted(Self.authPath) == 4)
        }
    }

    @Test func readRetriesThroughABurstOfMixedServerErrors() async throws {
        let burst: [Behaviour] = [Fault.apiError.behaviour, Fault.badGatewayPage.behaviour, Fault.unavailableEmpty.behaviour]
        try await withFaultyServer(script: { _, index in index < burst.count ? burst[index] : Self.authAnswer }) { client, server in
            _ = try await success { try await client.send(Self.authRequest) }
            #expect(server.arrivals.map(\.behaviour) == burst + [Self.authAnswer])
        }
    }

    @Test func garbageAnswerIsReportedAsNotHTTP() async throws {
        try await withFaultyServer(retry: .none, script: { _, _ in .garbage }) { client, _ in
            let error = try await failure { try await client.send(Self.authRequest) }
            #expect(error.kind == .transportFailure)
            #expect(error.message.contains("/processor/auth/get failed: the answer was not valid HTTP"), "\(error.message)")
        }
    }

    @Test func readRateLimitedEveryAttemptSurfacesPlaidsError() async throws {
        try await withFaultyServer(script: { _, _ in Self.rateLimited }) { client, server in
            let error = try await failure { try await client.send(Self.authRequest) }
            #expect(error.kind == .plaidError)
            #expect(error.plaidError?.errorType == .rateLimitExceeded)
            #expect(error.httpStatus == 429)
            #expect(error.attempts == 4)
            #expect(server.requestsRead(Self.authPath) == 4)
        }
    }

    // MARK: Creates

    @Test(arguments: CreateCall.allCases, Fault.reachingTheServer)
    func createThatReachedTheServerIsSentExactlyOnce(call: CreateCall, fault: Fault) async throws {
        // A retry would be answered with success, so repeating the create would pass unnoticed
        // by the caller: only the server's count shows it.
        try await withFaultyServer(timeout: fault.attemptTimeout,
                                   script: { _, index in index == 0 ? fault.behaviour : call.successAnswer }) { client, server in
            let error = try await failure { try await call.send(with: client) }
            #expect(error.kind == fault.kind, "\(error)")
            #expect(error.attempts == 1)
            #expect(server.requestsRead(call.path) == 1)
            #expect(server.requestsStarted(call.path) == 1)
        }
    }

    @Test(arguments: CreateCall.allCases)
    func createTurnedAwayByABurstOfRateLimitsIsRetried(call: CreateCall) async throws {
        try await withFaultyServer(script: { _, index in index < 3 ? Self.rateLimited : call.successAnswer }) { client, server in
            _ = try await success { try await call.send(with: client) }
            #expect(server.requestsRead(call.path) == 4)
        }
    }

    @Test(arguments: CreateCall.allCases)
    func createRateLimitedEveryAttemptGivesUpAfterMaxAttempts(call: CreateCall) async throws {
        try await withFaultyServer(script: { _, _ in Self.rateLimited }) { client, server in
            let error = try await failure { try await call.send(with: client) }
            #expect(error.plaidError?.errorType == .rateLimitExceeded)
            #expect(error.attempts == 4)
            #expect(server.requestsRead(call.path) == 4)
        }
    }

    /// The client cannot tell a reset before the server read the request from one after, so
    /// it treats both as "may have reached the server" and does not repeat the create.
    @Test(arguments: CreateCall.allCases)
    func createWhoseConnectionWasResetIsNotRepeatedEvenUnread(call: CreateCall) async throws {
        try await withFaultyServer(script: { _, index in index == 0 ? .resetBeforeReading : call.successAnswer }) { client, server in
            let error = try await failure { try await call.send(with: client) }
            #expect(error.kind == .connectionReset)
            #expect(error.attempts == 1)
            #expect(server.requestsStarted(call.path) == 1)
            #expect(server.requestsRead(call.path) == 0)
        }
    }

    @Test(arguments: CreateCall.allCases)
    func createRefusedUntilTheServerListensIsRetriedAndSentOnce(call: CreateCall) async throws {
        let refused = try ReservedPort()
        let opener = ServerOpener(port: refused, opensBeforeAttempt: 3, answer: call.successAnswer)
        let client = PlaidClient(
            configuration: .init(environment: .custom(baseURL: "http://127.0.0.1:\(refused.port)"), clientID: Credentials.clientID,
                                 secret: Secret(Credentials.secret), timeout: Self.attemptTimeout, retry: fastRetries),
            gate: opener)
        let outcome = await outcome(within: .seconds(30)) { try await call.send(with: client) }
        try await client.shutdown()
        let server = opener.server
        await server?.shutdown()
        #expect(opener.attempts == 3)
        #expect(server?.requestsRead(call.path) == 1)
        if case .failure(let error)? = outcome { Issue.record(error, "the create failed after the server started listening") }
        if outcome == nil { Issue.record("the create did not end") }
    }

    // MARK: Timeouts

    @Test func stalledCallEndsWithATimeoutAtTheTotalTimeout() async throws {
        let total = Duration.milliseconds(300)
        try await withFaultyServer(retry: .none, timeout: .init(connect: .seconds(2), total: total), script: { _, _ in .stall }) { client, server in
            let error = try await failure(within: Self.hangGuard) { try await client.send(Self.authRequest) }
            #expect(error.kind == .timeout)
            #expect(error.attempts == 1)
        }
    }

    @Test func stalledReadEndsAfterMaxAttemptsEachCutAtTheTotalTimeout() async throws {
        let total = Duration.milliseconds(300)
        try await withFaultyServer(timeout: .init(connect: .seconds(2), total: total), script: { _, _ in .stall }) { client, server in
            let error = try await failure(within: Self.hangGuard) { try await client.send(Self.authRequest) }
            #expect(error.kind == .timeout)
            #expect(error.attempts == 4)
            // On a loaded machine an attempt can run out of its 300 ms before its request is
            // through; the exact count is checked with longer timeouts above.
            #expect((1...4).contains(server.requestsRead(Self.authPath)))
        }
    }

    /// The total timeout covers the body as well as the head: a body that trickles in, each byte
    /// well within any idle timeout, still ends the attempt.
    @Test func bodyThatTricklesInEndsWithATimeoutAtTheTotalTimeout() async throws {
        let total = Duration.milliseconds(300)
        try await withFaultyServer(retry: .none, timeout: .init(connect: .seconds(2), total: total),
                                   script: { _, _ in .dripBody(every: .milliseconds(50)) }) { client, server in
            let error = try await failure(within: Self.hangGuard) { try await client.send(Self.authRequest) }
            #expect(error.kind == .timeout)
            #expect(error.attempts == 1)
        }
    }

    /// Each attempt lasts at least the 300 ms timeout, so a third attempt could start only after
    /// 600 ms, past the 450 ms allowed: the total time, not `maxAttempts`, ends the call.
    @Test func stalledReadStopsRetryingAtTheMaxTotalTime() async throws {
        let policy = PlaidClient.RetryPolicy(maxAttempts: 10, initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(4),
                                             maxTotalTime: .milliseconds(450))
        try await withFaultyServer(retry: policy, timeout: .init(connect: .seconds(2), total: .milliseconds(300)),
                                   script: { _, _ in .stall }) { client, server in
            let error = try await failure { try await client.send(Self.authRequest) }
            #expect(error.kind == .timeout)
            #expect((1...2).contains(error.attempts))
            #expect(server.requestsRead(Self.authPath) <= error.attempts)
        }
    }

    // MARK: Many calls at once

    @Test func fiftyConcurrentCallsAgainstMixedFaultsAllEnd() async throws {
        let cycle: [Behaviour] = [
            .resetBeforeReading, Self.authAnswer, .resetAfterReading, .garbage, Self.rateLimited, .stall,
            Fault.apiError.behaviour, .closeMidBody(status: 200, body: FaultBodies.auth), Fault.badGatewayPage.behaviour,
            .dripBody(every: .milliseconds(20)),
        ]
        let arrivalCount = NIOLockedValueBox(0)
        // Creates get the same faults, except that where a read would be answered a create is
        // answered as a create.
        let script: @Sendable (String, Int) -> Behaviour = { path, _ in
            let behaviour = cycle[arrivalCount.withLockedValue { count in defer { count += 1 }; return count } % cycle.count]
            if path == CreateCall.processorTokenCreate.path, behaviour == Self.authAnswer { return CreateCall.processorTokenCreate.successAnswer }
            return behaviour
        }
        // Attempts get seconds, not milliseconds: on a loaded machine a shorter limit can end every
        // create before it reaches the server, and then the check below would have nothing to see.
        try await withFaultyServer(timeout: .init(connect: .seconds(5), total: .seconds(3)), script: script) { client, server in
            let results = await outcome(within: .seconds(240)) {
                try await withThrowingTaskGroup(of: (Int, Result<Void, PlaidClientError>).self) { group in
                    for call in 0..<50 {
                        group.addTask {
                            do {
                                if call.isMultiple(of: 4) {
                                    _ = try await client.send(ProcessorTokenCreateRequest(
                                        accessToken: AccessToken(Credentials.accessToken), accountID: "acc-\(call)", processor: .dwolla))
                                } else {
                                    _ = try await client.send(Self.authRequest)
                                }
                                return (call, .success(()))
                            } catch let error as PlaidClientError {
                                return (call, .failure(error))
                            }
                        }
                    }
                    return try await group.reduce(into: [:]) { results, pair in results[pair.0] = pair.1 }
                }
            }
            guard case .success(let ended)? = results else {
                Issue.record("not every call ended: \(String(describing: results))")
                return
            }
            #expect(ended.count == 50)
            for case .failure(let error) in ended.values {
                #expect((1...4).contains(error.attempts))
            }
            // Each create's body names its account: after an attempt the server read and did
            // not turn away with a rate limit, no attempt of that create may follow.
            let createArrivals = server.arrivals.filter { $0.path == CreateCall.processorTokenCreate.path && $0.body != nil }
            let accounts = Set(createArrivals.compactMap { Self.accountID(in: $0) })
            #expect(accounts.count > 1, "creates were expected to reach the server")
            for account in accounts {
                let attempts = createArrivals.filter { Self.accountID(in: $0) == account }
                let actedOn = attempts.firstIndex { $0.behaviour != Self.rateLimited }
                if let actedOn {
                    #expect(actedOn == attempts.count - 1, "create for \(account) was sent again after the server read it: \(attempts.map(\.behaviour))")
                }
            }
        }
    }

    private static func accountID(in arrival: FaultyHTTPServer.Arrival) -> String? {
        guard let body = arrival.body, let json = try? JSONValue(data: Data(body)) else { return nil }
        return json["account_id"]?.stringValue
    }
}

// MARK: - Faults and calls

/// A way one attempt can fail, with the error kind docs/client.md gives it.
struct Fault: Sendable, CustomTestStringConvertible {
    let behaviour: FaultyHTTPServer.Behaviour
    let kind: PlaidClientError.Kind

    var testDescription: String { behaviour.description }

    /// Faults that hold an attempt until its timeout get one short enough to keep the suite
    /// quick yet long enough for the request to reach the server on a loaded machine, so that
    /// the server's counts stay exact.
    var attemptTimeout: PlaidClient.Timeout {
        switch behaviour {
        case .stall, .dripBody: .init(connect: .seconds(5), total: .seconds(2))
        default: FaultInjectionTests.attemptTimeout
        }
    }

    static let apiError = Fault(
        behaviour: .answer(status: 500, body: Bodies.error(type: "API_ERROR", code: "INTERNAL_SERVER_ERROR")), kind: .plaidError)
    static let badGatewayPage = Fault(
        behaviour: .answer(status: 502, contentType: "text/html", body: "<html>bad gateway</html>"), kind: .responseNotJSON)
    static let unavailableEmpty = Fault(behaviour: .answer(status: 503, contentType: "text/plain", body: ""), kind: .responseNotJSON)
    static let rateLimited = Fault(behaviour: FaultInjectionTests.rateLimited, kind: .plaidError)

    /// Faults after which the server had read the request in full.
    static let reachingTheServer: [Fault] = [
        apiError, badGatewayPage, unavailableEmpty,
        Fault(behaviour: .resetAfterReading, kind: .connectionReset),
        Fault(behaviour: .stall, kind: .timeout),
        Fault(behaviour: .garbage, kind: .transportFailure),
        Fault(behaviour: .closeMidBody(status: 200, body: FaultBodies.auth), kind: .connectionReset),
        Fault(behaviour: .dripBody(every: .milliseconds(50)), kind: .timeout),
    ]

    static let all: [Fault] = reachingTheServer + [
        rateLimited,
        Fault(behaviour: .resetBeforeReading, kind: .connectionReset),
    ]
}

/// The create calls whose repetition would do something twice.
enum CreateCall: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case processorTokenCreate, itemPublicTokenExchange, processorStripeBankAccountTokenCreate

    var testDescription: String { rawValue }

    var path: String {
        switch self {
        case .processorTokenCreate: ProcessorTokenCreateRequest.endpoint.path
        case .itemPublicTokenExchange: ItemPublicTokenExchangeRequest.endpoint.path
        case .processorStripeBankAccountTokenCreate: ProcessorStripeBankAccountTokenCreateRequest.endpoint.path
        }
    }

    var successAnswer: FaultyHTTPServer.Behaviour {
        switch self {
        case .processorTokenCreate: .answer(status: 200, body: Bodies.processorToken)
        case .itemPublicTokenExchange: .answer(status: 200, body: FaultBodies.exchange)
        case .processorStripeBankAccountTokenCreate: .answer(status: 200, body: FaultBodies.stripeToken)
        }
    }

    /// Makes the call and returns the response's request id.
    func send(with client: PlaidClient) async throws -> String {
        let accessToken = AccessToken(Credentials.accessToken)
        switch self {
        case .processorTokenCreate:
            return try await client.send(ProcessorTokenCreateRequest(accessToken: accessToken, accountID: "acc-1", processor: .dwolla)).requestID
        case .itemPublicTokenExchange:
            return try await client.send(ItemPublicTokenExchangeRequest(publicToken: PublicToken("public-sandbox-5c224a01-8314-4491-a06f-39e193d5cddc"))).requestID
        case .processorStripeBankAccountTokenCreate:
            return try await client.send(ProcessorStripeBankAccountTokenCreateRequest(accessToken: accessToken, accountID: "acc-1")).requestID
        }
    }
}

enum FaultBodies {
    static let auth = #"""
    {"account":{"account_id":"vzeNDwK7KQIm4yEog683uElbp9GRLEFXGK98D","balances":{"available":100,"current":110,
    "iso_currency_code":"USD","limit":null,"unofficial_currency_code":null},"mask":"0000","name":"Plaid Checking",
    "official_name":"Plaid Gold Checking","subtype":"checking","type":"depository"},
    "numbers":{"ach":{"account":"9900009606","account_id":"vzeNDwK7KQIm4yEog683uElbp9GRLEFXGK98D","routing":"011401533",
    "wire_routing":"021000021"}},"request_id":"1zlMf"}
    """#
    static let exchange = #"{"access_token":"access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6","item_id":"M5eVJqLnv3tbzdngLDp9FL5OlDNxlNhlE55op","request_id":"Aim3b"}"#
    static let stripeToken = #"{"stripe_bank_account_token":"btok_5oEetfLzPklE1fwJZ7SG","request_id":"xrQNYZ7Zoh6R7gV"}"#
}

// MARK: - Harness

/// Starts a faulty server running `script`, points a real client at it, runs `body`, and shuts
/// both down whatever happens.
private func withFaultyServer(
    retry: PlaidClient.RetryPolicy = fastRetries,
    timeout: PlaidClient.Timeout = FaultInjectionTests.attemptTimeout,
    script: @escaping @Sendable (String, Int) -> FaultyHTTPServer.Behaviour,
    _ body: (PlaidClient, FaultyHTTPServer) async throws -> Void
) async throws {
    let server = try await FaultyHTTPServer.start(script: script)
    let client = PlaidClient(configuration: .init(
        environment: .custom(baseURL: server.baseURL), clientID: Credentials.clientID,
        secret: Secret(Credentials.secret), timeout: timeout, retry: retry))
    do {
        try await body(client, server)
    } catch {
        try await client.shutdown()
        await server.shutdown()
        throw error
    }
    try await client.shutdown()
    await server.shutdown()
}

struct CallDidNotEnd: Error, CustomStringConvertible {
    let limit: Duration
    var description: String { "the call had not ended after \(limit)" }
}

/// The ``PlaidClientError`` that `operation` fails with within `limit`.
func failure<T: Sendable>(within limit: Duration = .seconds(30), _ operation: @escaping @Sendable () async throws -> T) async throws -> PlaidClientError {
    switch await outcome(within: limit, operation) {
    case nil: throw CallDidNotEnd(limit: limit)
    case .success?: throw UnexpectedSuccess()
    case .failure(let error as PlaidClientError)?: return error
    case .failure(let error)?: throw error
    }
}

/// What `operation` returns within `limit`.
func success<T: Sendable>(within limit: Duration = .seconds(30), _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    guard let result = await outcome(within: limit, operation) else { throw CallDidNotEnd(limit: limit) }
    return try result.get()
}

/// A call gate that starts a server on a port where connections were refused, just before the
/// attempt numbered `opensBeforeAttempt`: the attempts before it are refused, the later ones
/// reach the server.
final class ServerOpener: PlaidCallGate {
    private let port: ReservedPort
    private let opensBeforeAttempt: Int
    private let answer: FaultyHTTPServer.Behaviour
    private let state = NIOLockedValueBox<(attempts: Int, server: FaultyHTTPServer?)>((0, nil))

    var attempts: Int { state.withLockedValue { $0.attempts } }
    var server: FaultyHTTPServer? { state.withLockedValue { $0.server } }

    init(port: ReservedPort, opensBeforeAttempt: Int, answer: FaultyHTTPServer.Behaviour) {
        self.port = port
        self.opensBeforeAttempt = opensBeforeAttempt
        self.answer = answer
    }

    func admit() async throws {
        let attempt = state.withLockedValue { state in state.attempts += 1; return state.attempts }
        guard attempt == opensBeforeAttempt else { return }
        let answer = answer
        port.release()
        let server = try await FaultyHTTPServer.start(port: port.port) { _, _ in answer }
        state.withLockedValue { $0.server = server }
    }

    func willRetry() {}
}
