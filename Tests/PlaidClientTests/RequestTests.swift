import Foundation
import PlaidClient
import PlaidModels
import Testing

/// What the client puts on the wire and what it makes of a successful answer.
struct RequestTests {
    @Test func sendsCredentialHeadersVersionAndJSONBody() async throws {
        try await withClient(reply: { _, _ in .json(status: 200, body: Bodies.processorToken) }) { client, server in
            _ = try await client.send(ProcessorTokenCreateRequest(
                accessToken: AccessToken(Credentials.accessToken), accountID: "acc-1", processor: .unknown("new_partner")))
            let request = try #require(server.requests.first)
            #expect(request.method == "POST")
            #expect(request.uri == "/processor/token/create")
            #expect(request.header("PLAID-CLIENT-ID") == Credentials.clientID)
            #expect(request.header("PLAID-SECRET") == Credentials.secret)
            #expect(request.header("Plaid-Version") == "2020-09-14")
            #expect(request.header("Content-Type") == "application/json")
            #expect(try JSONValue(data: request.body) == .object([
                "access_token": .string(Credentials.accessToken),
                "account_id": .string("acc-1"),
                "processor": .string("new_partner"),
            ]))
        }
    }

    @Test func optionalFieldsAreLeftOutAndExplicitNullsSent() async throws {
        try await withClient(reply: { _, _ in .json(status: 200, body: #"{"request_id":"r1"}"#) }) { client, server in
            _ = try await client.send(ItemRemoveRequest(accessToken: AccessToken(Credentials.accessToken), reasonNote: .null))
            let body = try JSONValue(data: try #require(server.requests.first).body)
            #expect(body["reason_note"] == .null)
            #expect(body["reason_code"] == nil)
        }
    }

    @Test func decodesTypedResponseWithItsRequestID() async throws {
        try await withClient(reply: { _, _ in .json(status: 200, body: Bodies.balance) }) { client, _ in
            let response = try await client.send(ProcessorBalanceGetRequest(processorToken: ProcessorToken(Credentials.processorToken)))
            #expect(response.requestID == "1zlMf")
            #expect(response.account.balances.available == .value(100))
            #expect(response.account.balances.limit == .null)
        }
    }

    @Test func reusesOneKeptAliveConnectionForSequentialCalls() async throws {
        try await withClient(reply: { _, _ in .json(status: 200, body: Bodies.balance) }) { client, server in
            for _ in 0..<3 {
                _ = try await client.send(ProcessorBalanceGetRequest(processorToken: ProcessorToken(Credentials.processorToken)))
            }
            #expect(server.requests.count == 3)
            #expect(server.connectionCount == 1)
        }
    }

    @Test func concurrentCallsShareAPoolNoLargerThanTheConcurrencyLimit() async throws {
        // Ten calls wait for one of two connections, which takes long in a sanitized build sharing
        // two cores with the rest of the suite; the wait counts against the connect timeout.
        try await withClient(timeout: .init(connect: .seconds(60), total: .seconds(90)), maxConcurrentRequests: 2,
                             reply: { _, _ in .json(status: 200, body: Bodies.balance) }) { client, server in
            try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        try await client.send(ProcessorBalanceGetRequest(processorToken: ProcessorToken(Credentials.processorToken))).requestID
                    }
                }
                for try await requestID in group {
                    #expect(requestID == "1zlMf")
                }
            }
            #expect(server.requests.count == 12)
            #expect(server.connectionCount <= 2)
        }
    }

    @Test func rawCallSendsJSONAndReturnsJSON() async throws {
        try await withClient(reply: { _, _ in .json(status: 200, body: #"{"request_id":"raw1","things":[1,2.5,null]}"#) }) { client, server in
            let response = try await client.call(path: "/transactions/sync", body: .object(["cursor": .null, "count": .integer(2)]))
            #expect(response.requestID == "raw1")
            #expect(response.httpStatus == 200)
            #expect(response.json["things"] == .array([.integer(1), .double(2.5), .null]))
            let sent = try #require(server.requests.first)
            #expect(sent.uri == "/transactions/sync")
            #expect(sent.header("PLAID-SECRET") == Credentials.secret)
            #expect(try JSONValue(data: sent.body) == .object(["cursor": .null, "count": .integer(2)]))
        }
    }

    @Test func rawCallRejectsARelativePath() async throws {
        try await withClient(reply: { _, _ in .json(status: 200, body: "{}") }) { client, server in
            let error = try await clientError { try await client.call(path: "accounts/get", body: .object([:])) }
            #expect(error.kind == .invalidRequest)
            #expect(server.requests.isEmpty)
        }
    }
}
