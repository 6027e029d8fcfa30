import Foundation
@testable import PlaidClient
import PlaidLuaTesting
import PlaidModels
import Testing

/// Each way a call can fail becomes its own error kind that names the host.
struct ErrorTests {
    static let authRequest = ProcessorAuthGetRequest(processorToken: ProcessorToken(Credentials.processorToken))

    @Test func plaidErrorBodyBecomesTypedErrorWithEveryField() async throws {
        let body = Bodies.error(type: "INVALID_INPUT", code: "INVALID_PROCESSOR_TOKEN", message: "bad token", requestID: "req-42")
        try await withClient(reply: { _, _ in .json(status: 400, body: body) }) { client, server in
            let error = try await clientError { try await client.send(Self.authRequest) }
            #expect(error.kind == .plaidError)
            #expect(error.httpStatus == 400)
            #expect(error.requestID == "req-42")
            let plaid = try #require(error.plaidError)
            #expect(plaid.errorType == .invalidInput)
            #expect(plaid.errorCode == "INVALID_PROCESSOR_TOKEN")
            #expect(plaid.errorCodeReason == .some(.null))
            #expect(plaid.errorMessage == .value("bad token"))
            #expect(plaid.displayMessage == .null)
            #expect(plaid.documentationURL == "https://plaid.com/docs/?ref=error")
            #expect(plaid.suggestedAction == .some(.null))
            #expect(plaid.httpStatus == 400)
            #expect(error.description.contains("INVALID_PROCESSOR_TOKEN"))
            #expect(error.description.contains("127.0.0.1:\(server.port)"))
        }
    }

    @Test func nonJSONBodyIsReportedWithStatusAndHost() async throws {
        try await withClient(reply: { _, _ in .body(status: 502, contentType: "text/html", body: "<html>Bad Gateway</html>") }) { client, server in
            let error = try await clientError { try await client.send(Self.authRequest) }
            #expect(error.kind == .responseNotJSON)
            #expect(error.httpStatus == 502)
            #expect(error.message.contains("text/html"))
            #expect(error.message.contains("127.0.0.1:\(server.port)"))
        }
    }

    @Test func successStatusWithNonJSONBodyIsReported() async throws {
        try await withClient(reply: { _, _ in .body(status: 200, contentType: "text/plain", body: "ok") }) { client, _ in
            let error = try await clientError { try await client.call(path: "/accounts/get", body: .object([:])) }
            #expect(error.kind == .responseNotJSON)
            #expect(error.httpStatus == 200)
        }
    }

    @Test func jsonOfTheWrongShapeIsAnUnexpectedResponse() async throws {
        try await withClient(reply: { _, _ in .json(status: 200, body: #"{"request_id":"r9","account":{}}"#) }) { client, _ in
            let error = try await clientError { try await client.send(Self.authRequest) }
            #expect(error.kind == .unexpectedResponse)
            #expect(error.requestID == "r9")
            #expect(error.message.contains("ProcessorAuthGetResponse"))
        }
    }

    @Test func oversizedBodyIsCutOff() async throws {
        let huge = #"{"request_id":"big","padding":""# + String(repeating: "x", count: 64 * 1024) + #""}"#
        try await withClient(maxResponseBytes: 16 * 1024, reply: { _, _ in .json(status: 200, body: huge) }) { client, _ in
            let error = try await clientError { try await client.send(Self.authRequest) }
            #expect(error.kind == .responseTooLarge)
            #expect(error.message.contains("16384 bytes"))
        }
    }

    @Test func refusedConnectionNamesTheHost() async throws {
        let refused = try ReservedPort()
        let port = refused.port
        let client = PlaidClient(configuration: .init(
            environment: .custom(baseURL: "http://127.0.0.1:\(port)"), clientID: Credentials.clientID,
            secret: Secret(Credentials.secret), retry: .none))
        let error = try await clientError { try await client.send(Self.authRequest) }
        try await client.shutdown()
        refused.release()
        #expect(error.kind == .connectionRefused)
        #expect(error.host == "127.0.0.1:\(port)")
        #expect(error.description.contains("127.0.0.1:\(port)"))
        #expect(error.httpStatus == nil)
    }

    @Test func tlsHandshakeFailureIsReportedAndNotRetried() async throws {
        let plainServer = try await TestHTTPServer.start { _, _ in .json(status: 200, body: "{}") }
        let client = PlaidClient(configuration: .init(
            environment: .custom(baseURL: "https://127.0.0.1:\(plainServer.port)"), clientID: Credentials.clientID,
            secret: Secret(Credentials.secret), retry: fastRetries))
        let error = try await clientError { try await client.send(Self.authRequest) }
        try await client.shutdown()
        try await plainServer.shutdown()
        #expect(error.kind == .tlsFailure)
        #expect(error.attempts == 1)
        #expect(error.message.contains("127.0.0.1:\(plainServer.port)"))
        #expect(plainServer.requests.isEmpty)
    }

    @Test func serverThatNeverAnswersTimesOut() async throws {
        try await withClient(timeout: .init(connect: .seconds(2), total: .milliseconds(300)), reply: { _, _ in .hang }) { client, _ in
            let error = try await clientError { try await client.send(Self.authRequest) }
            #expect(error.kind == .timeout)
            #expect(error.message.contains("did not answer /processor/auth/get"))
        }
    }

    @Test func connectionClosedWithoutAnswerIsAReset() async throws {
        // A long total timeout: the close comes at once, but a loaded machine under a sanitizer
        // can take longer than the default 5 s to deliver it, and a timeout is not what is tested.
        try await withClient(timeout: .init(connect: .seconds(10), total: .seconds(60)), reply: { _, _ in .closeConnection }) { client, _ in
            let error = try await clientError { try await client.send(Self.authRequest) }
            #expect(error.kind == .connectionReset)
        }
    }

    @Test func errorKindsDescribeThemselvesWithoutDetails() {
        #expect(PlaidClientError.Kind.connectionRefused.description == "connectionRefused")
        #expect(PlaidClientError.Kind.plaidError != .timeout)
    }
}
