import Foundation
@testable import PlaidClient
import PlaidLuaTesting
import PlaidModels
import Testing

/// Retries against a real server: transient failures are retried for reads, and writes are
/// repeated only when the server never saw them.
struct RetryTests {
    static let balanceRequest = ProcessorBalanceGetRequest(processorToken: ProcessorToken(Credentials.processorToken))
    static let createRequest = ProcessorTokenCreateRequest(
        accessToken: AccessToken(Credentials.accessToken), accountID: "acc-1", processor: .dwolla)

    @Test(arguments: [
        TestHTTPServer.Reply.json(status: 500, body: Bodies.error(type: "API_ERROR", code: "INTERNAL_SERVER_ERROR")),
        .json(status: 429, body: Bodies.error(type: "RATE_LIMIT_EXCEEDED", code: "RATE_LIMIT")),
        .body(status: 503, contentType: "text/html", body: "<html>maintenance</html>"),
        .closeConnection,
    ])
    func readSucceedsAfterTwoTransientFailures(failure: TestHTTPServer.Reply) async throws {
        try await withClient(retry: fastRetries, reply: { _, index in index < 2 ? failure : .json(status: 200, body: Bodies.balance) }) { client, server in
            let response = try await client.send(Self.balanceRequest)
            #expect(response.requestID == "1zlMf")
            #expect(server.requests.count == 3)
        }
    }

    @Test func readGivesUpAfterMaxAttempts() async throws {
        let failure = Bodies.error(type: "API_ERROR", code: "INTERNAL_SERVER_ERROR")
        try await withClient(retry: fastRetries, reply: { _, _ in .json(status: 500, body: failure) }) { client, server in
            let error = try await clientError { try await client.send(Self.balanceRequest) }
            #expect(error.kind == .plaidError)
            #expect(error.attempts == 4)
            #expect(server.requests.count == 4)
        }
    }

    @Test func clientErrorsAreNotRetried() async throws {
        let failure = Bodies.error(type: "INVALID_INPUT", code: "INVALID_PROCESSOR_TOKEN")
        try await withClient(retry: fastRetries, reply: { _, _ in .json(status: 400, body: failure) }) { client, server in
            let error = try await clientError { try await client.send(Self.balanceRequest) }
            #expect(error.attempts == 1)
            // Under a sanitizer on a loaded machine the 200 ms can run out before the request is
            // through; either way it was sent once at most.
            #expect(server.requests.count <= 1)
        }
    }

    @Test(arguments: [
        TestHTTPServer.Reply.json(status: 500, body: Bodies.error(type: "API_ERROR", code: "INTERNAL_SERVER_ERROR")),
        .json(status: 429, body: "<html>busy</html>"),
        .closeConnection,
    ])
    func writeIsNotRetriedOnceTheServerSawIt(failure: TestHTTPServer.Reply) async throws {
        try await withClient(retry: fastRetries, reply: { _, index in index == 0 ? failure : .json(status: 200, body: Bodies.processorToken) }) { client, server in
            let error = try await clientError { try await client.send(Self.createRequest) }
            #expect(error.attempts == 1)
            #expect(server.requests.count == 1)
        }
    }

    @Test func writeTurnedAwayByTheRateLimitIsRetried() async throws {
        let limited = TestHTTPServer.Reply.json(status: 429, body: Bodies.error(type: "RATE_LIMIT_EXCEEDED", code: "RATE_LIMIT"))
        try await withClient(retry: fastRetries, reply: { _, index in index == 0 ? limited : .json(status: 200, body: Bodies.processorToken) }) { client, server in
            _ = try await client.send(Self.createRequest)
            #expect(server.requests.count == 2)
        }
    }

    @Test func writeTimingOutIsNotRetried() async throws {
        try await withClient(retry: fastRetries, timeout: .init(connect: .seconds(2), total: .milliseconds(200)),
                             reply: { _, _ in .hang }) { client, server in
            let error = try await clientError { try await client.send(Self.createRequest) }
            #expect(error.kind == .timeout)
            #expect(error.attempts == 1)
            #expect(server.requests.count == 1)
        }
    }

    @Test func writeIsRetriedWhenTheConnectionWasRefused() async throws {
        let refused = try ReservedPort()
        let client = PlaidClient(configuration: .init(
            environment: .custom(baseURL: "http://127.0.0.1:\(refused.port)"), clientID: Credentials.clientID,
            secret: Secret(Credentials.secret), retry: fastRetries))
        let error = try await clientError { try await client.send(Self.createRequest) }
        try await client.shutdown()
        refused.release()
        #expect(error.kind == .connectionRefused)
        #expect(error.attempts == 4)
    }

    @Test func rawCallToAnUnknownPathIsTreatedAsAWrite() async throws {
        let failure = Bodies.error(type: "API_ERROR", code: "INTERNAL_SERVER_ERROR")
        try await withClient(retry: fastRetries, reply: { _, _ in .json(status: 500, body: failure) }) { client, server in
            _ = try await clientError { try await client.call(path: "/transfer/create", body: .object([:])) }
            #expect(server.requests.count == 1)
            _ = try await clientError { try await client.call(path: "/transfer/get", body: .object([:]), effect: .read) }
            #expect(server.requests.count == 1 + 4)
        }
    }
}

extension TestHTTPServer.Reply: CustomTestStringConvertible {
    var testDescription: String {
        switch self {
        case .json(let status, _): "JSON \(status)"
        case .body(let status, let type, _): "\(type) \(status)"
        case .withHeaders(let status, let headers, _): "JSON \(status) with \(headers.keys.sorted().joined(separator: ", "))"
        case .closeConnection: "connection closed"
        case .hang: "no answer"
        }
    }
}
