import Foundation
import NIOConcurrencyHelpers
@testable import PlaidClient
import PlaidLuaTesting
import PlaidModels
import Testing

/// What a client tells its ``PlaidCallObserver`` about each call, against a real server.
struct CallObserverTests {
    /// Keeps every record, after a pause that a caller must wait out: a record that arrives
    /// only once the call has returned to its caller would be missing when the test looks.
    final class Recorder: PlaidCallObserver {
        let records = NIOLockedValueBox<[PlaidCallRecord]>([])

        func record(_ call: PlaidCallRecord) async {
            try? await Task.sleep(for: .milliseconds(50))
            records.withLockedValue { $0.append(call) }
        }

        var all: [PlaidCallRecord] { records.withLockedValue { $0 } }
    }

    func withObservedClient(
        baseURL: String? = nil,
        reply: @escaping @Sendable (TestHTTPServer.ReceivedRequest, Int) -> TestHTTPServer.Reply,
        _ body: (PlaidClient, Recorder) async throws -> Void
    ) async throws {
        let recorder = Recorder()
        try await withClient(retry: fastRetries, baseURL: baseURL, observer: recorder, reply: reply) { client, _ in
            try await body(client, recorder)
        }
    }

    @Test func aCallThatSucceedsAfterRetriesIsOneRecordWithItsAttemptsAndAMaskedToken() async throws {
        let failure = Bodies.error(type: "API_ERROR", code: "INTERNAL_SERVER_ERROR")
        try await withObservedClient(reply: { _, index in
            index < 2 ? .json(status: 500, body: failure) : .json(status: 200, body: Bodies.balance)
        }) { client, recorder in
            let started = Date()
            _ = try await client.send(RetryTests.balanceRequest)
            let record = try #require(recorder.all.first, "the call returned before its record was kept")
            #expect(recorder.all.count == 1)
            #expect(record.endpoint == "processor_balance_get")
            #expect(record.token == "processor-sandbox-…77d1")
            #expect(record.attempts == 3)
            #expect(record.httpStatus == 200)
            #expect(record.requestID == "1zlMf")
            #expect(record.errorType == nil && record.errorCode == nil && record.failure == nil)
            #expect(record.started >= started.addingTimeInterval(-1) && record.latency > .zero)
        }
    }

    @Test func aPlaidErrorIsRecordedWithItsTypeAndCode() async throws {
        let failure = Bodies.error(type: "ITEM_ERROR", code: "ITEM_LOGIN_REQUIRED", requestID: "errReq9")
        try await withObservedClient(reply: { _, _ in .json(status: 400, body: failure) }) { client, recorder in
            _ = try await clientError { try await client.send(RetryTests.balanceRequest) }
            let record = try #require(recorder.all.first)
            #expect(record.errorType == "ITEM_ERROR" && record.errorCode == "ITEM_LOGIN_REQUIRED")
            #expect(record.httpStatus == 400 && record.requestID == "errReq9" && record.attempts == 1)
            #expect(record.failure == nil)
        }
    }

    @Test func aCallWithNoAnswerIsRecordedWithTheReason() async throws {
        let closed = try ReservedPort()
        defer { closed.release() }
        try await withObservedClient(baseURL: "http://127.0.0.1:\(closed.port)", reply: { _, _ in .json(status: 200, body: "{}") }) { client, recorder in
            let error = try await clientError { try await client.send(RetryTests.balanceRequest) }
            #expect(error.kind == .connectionRefused)
            let record = try #require(recorder.all.first)
            #expect(record.failure == "connectionRefused")
            #expect(record.httpStatus == nil)
            #expect(record.attempts == error.attempts && record.attempts == 4)
        }
    }

    @Test func aRawCallToAnUnknownPathIsNamedByItsMaskedPath() async throws {
        try await withObservedClient(reply: { _, _ in .json(status: 200, body: #"{"request_id":"raw1"}"#) }) { client, recorder in
            let path = "/partner/\(Credentials.accessToken)/get"
            _ = try await client.call(path: path, body: .object(["access_token": .string(Credentials.accessToken)]))
            let record = try #require(recorder.all.first)
            #expect(record.endpoint == "/partner/access-sandbox-…c0f6/get")
            #expect(record.token == "access-sandbox-…c0f6")
            #expect(record.requestID == "raw1")
            #expect(!"\(record)".contains("de3ce8ef-33f8-452c-a685-8671031fc0f6"))
            #expect(!"\(record)".contains(Credentials.secret))
        }
    }

    @Test func aResponseThatDoesNotDecodeKeepsTheAttemptsItTook() async throws {
        try await withObservedClient(reply: { _, index in
            index == 0 ? .closeConnection : .json(status: 200, body: #"{"request_id":"x"}"#)
        }) { client, recorder in
            let error = try await clientError { try await client.send(RetryTests.balanceRequest) }
            #expect(error.kind == .unexpectedResponse)
            let record = try #require(recorder.all.first)
            #expect(record.failure == "unexpectedResponse")
            #expect(record.httpStatus == 200)
            #expect(record.attempts == 2)
        }
    }
}
