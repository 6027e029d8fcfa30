import Foundation
import NIOConcurrencyHelpers
@testable import PlaidClient
import PlaidModels
import Testing

/// Backoff arithmetic, checked with a scripted transport and a manual clock so no test waits.
/// This is the one place the transport is replaced; every other test uses a real server.
struct RetryTimingTests {
    /// Answers from a script and records the simulated time of each attempt.
    final class ScriptedTransport: HTTPTransport {
        private let script: NIOLockedValueBox<[Result<TransportResponse, TransportFailure>]>
        let attemptTimes = NIOLockedValueBox<[Duration]>([])
        let clock: ManualClock

        init(clock: ManualClock, script: [Result<TransportResponse, TransportFailure>]) {
            self.clock = clock
            self.script = NIOLockedValueBox(script)
        }

        func send(_ request: TransportRequest, timeout: PlaidClient.Timeout, maxResponseBytes: Int) async throws -> TransportResponse {
            attemptTimes.withLockedValue { $0.append(clock.elapsed) }
            let next = script.withLockedValue { $0.count > 1 ? $0.removeFirst() : $0[0] }
            return try next.get()
        }

        func shutdown() async throws {}
    }

    /// Time that moves only when the client sleeps.
    final class ManualClock: Sendable {
        private let state = NIOLockedValueBox<(elapsed: Duration, sleeps: [Duration])>((.zero, []))
        var elapsed: Duration { state.withLockedValue { $0.elapsed } }
        var sleeps: [Duration] { state.withLockedValue { $0.sleeps } }

        func retryClock(jitter: Double) -> RetryClock {
            RetryClock(
                now: { self.elapsed },
                sleep: { duration in self.state.withLockedValue { $0.elapsed += duration; $0.sleeps.append(duration) } },
                jitter: { jitter }
            )
        }
    }

    static let serverError = Result<TransportResponse, TransportFailure>.success(TransportResponse(
        status: 500, contentType: "application/json",
        body: Data(Bodies.error(type: "API_ERROR", code: "INTERNAL_SERVER_ERROR").utf8)))
    static let success = Result<TransportResponse, TransportFailure>.success(TransportResponse(
        status: 200, contentType: "application/json", body: Data(Bodies.balance.utf8)))
    static let refused = Result<TransportResponse, TransportFailure>.failure(TransportFailure(reason: .connectionRefused))

    func makeClient(_ transport: ScriptedTransport, retry: PlaidClient.RetryPolicy, jitter: Double) -> PlaidClient {
        PlaidClient(
            configuration: .init(environment: .custom(baseURL: "http://127.0.0.1:9"), clientID: "c", secret: Secret("s"), retry: retry),
            transport: transport, clock: transport.clock.retryClock(jitter: jitter), logger: .init(label: "test"))
    }

    @Test func waitsGrowExponentiallyUpToTheCap() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport(clock: clock, script: [Self.serverError, Self.serverError, Self.serverError, Self.serverError, Self.success])
        let policy = PlaidClient.RetryPolicy(maxAttempts: 5, initialBackoff: .milliseconds(100), maxBackoff: .milliseconds(300), maxTotalTime: .seconds(10))
        _ = try await makeClient(transport, retry: policy, jitter: 1).send(ProcessorBalanceGetRequest(processorToken: "processor-sandbox-x"))
        #expect(clock.sleeps == [.milliseconds(100), .milliseconds(200), .milliseconds(300), .milliseconds(300)])
        #expect(transport.attemptTimes.withLockedValue { $0 } == [.zero, .milliseconds(100), .milliseconds(300), .milliseconds(600), .milliseconds(900)])
    }

    @Test func fullJitterScalesEveryWait() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport(clock: clock, script: [Self.serverError, Self.serverError, Self.success])
        let policy = PlaidClient.RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(100), maxTotalTime: .seconds(10))
        _ = try await makeClient(transport, retry: policy, jitter: 0.25).send(ProcessorBalanceGetRequest(processorToken: "processor-sandbox-x"))
        #expect(clock.sleeps == [.milliseconds(25), .milliseconds(50)])
    }

    @Test func stopsWhenTheNextWaitWouldPassTheTotalTime() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport(clock: clock, script: [Self.serverError])
        let policy = PlaidClient.RetryPolicy(maxAttempts: 10, initialBackoff: .milliseconds(100), maxBackoff: .seconds(10), maxTotalTime: .milliseconds(500))
        let error = try await clientError {
            try await makeClient(transport, retry: policy, jitter: 1).send(ProcessorBalanceGetRequest(processorToken: "processor-sandbox-x"))
        }
        #expect(clock.sleeps == [.milliseconds(100), .milliseconds(200)])
        #expect(error.attempts == 3)
    }

    @Test func writeIsRetriedAfterRefusalButNotAfterAServerError() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport(clock: clock, script: [Self.refused, Self.refused, Self.serverError, Self.success])
        let request = ProcessorTokenCreateRequest(accessToken: "access-sandbox-x", accountID: "a", processor: .dwolla)
        let error = try await clientError {
            try await makeClient(transport, retry: .init(maxAttempts: 5, initialBackoff: .milliseconds(10)), jitter: 1).send(request)
        }
        #expect(error.kind == .plaidError)
        #expect(error.attempts == 3)
        #expect(clock.sleeps.count == 2)
    }
}
