import Foundation
import PlaidModels
@testable import PlaidSandbox
import Testing

/// A configured per-endpoint limit answers RATE_LIMIT_EXCEEDED with HTTP 429.
@Suite struct RateLimitTests {
    @Test func limitedEndpointAnswers429OnceTheBudgetIsSpent() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        try await TestSandbox.with(configure: {
            $0.clock = { clock.now }
            $0.rateLimits = ["processor_auth_get": RateLimit(requests: 2, window: 1)]
        }) { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem())
            let dwolla = sandbox.partner(.dwolla)
            _ = try await dwolla.send(ProcessorAuthGetRequest(processorToken: token))
            _ = try await dwolla.send(ProcessorAuthGetRequest(processorToken: token))
            let limited = await plaidError { try await dwolla.send(ProcessorAuthGetRequest(processorToken: token)) }
            #expect(limited?.errorType == .rateLimitExceeded)
            #expect(limited?.errorCode == "AUTH_LIMIT")
            #expect(limited?.httpStatus == 429)
            _ = try await dwolla.send(ProcessorBalanceGetRequest(processorToken: token))
            clock.advance(by: 0.5)
            _ = try await dwolla.send(ProcessorAuthGetRequest(processorToken: token))
        }
    }

    @Test func rateLimitsParseFromTheCommandLineForm() {
        #expect(RateLimit(parsing: "10/s") == RateLimit(requests: 10, window: 1))
        #expect(RateLimit(parsing: "600/min") == RateLimit(requests: 600, window: 60))
        #expect(RateLimit(parsing: "0/s") == nil)
        #expect(RateLimit(parsing: "ten/s") == nil)
        #expect(RateLimit(parsing: "10/fortnight") == nil)
    }
}
