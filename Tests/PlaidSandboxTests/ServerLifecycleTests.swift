import Foundation
import PlaidModels
import PlaidSandbox
import Testing

/// Starting and stopping: port 0 reports the real port, a busy port fails to start, and a
/// stopped server no longer answers. And the sandbox's own HTTP layer, over a raw connection:
/// pipelined requests, `Connection: close`, bytes that are not HTTP, stopping with a connection open.
@Suite struct ServerLifecycleTests {
    @Test func portZeroReportsTheBoundPort() async throws {
        try await TestSandbox.with { sandbox in
            #expect(sandbox.server.port > 0)
            #expect(sandbox.server.baseURL == "http://127.0.0.1:\(sandbox.server.port)")
            let response = try await sandbox.raw("/institutions/get_by_id", json: .object([
                "institution_id": .string("ins_109508"), "country_codes": .array([.string("US")]),
            ]))
            #expect(response.status == 200)
        }
    }

    @Test func startingOnABusyPortFails() async throws {
        try await TestSandbox.with { sandbox in
            var configuration = SandboxConfiguration(dataDirectory: sandbox.dataDirectory)
            configuration.port = sandbox.server.port
            await #expect(throws: (any Error).self) {
                let second = try await SandboxServer.start(configuration)
                await second.stop()
            }
        }
    }

    @Test func stoppedServerRefusesConnections() async throws {
        let directory = TestSandbox.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = SandboxConfiguration(dataDirectory: directory)
        configuration.port = 0
        let server = try await SandboxServer.start(configuration)
        await server.stop()
        let client = TestSandbox.client(server.baseURL, server.credentials.developer)
        await #expect(throws: (any Error).self) {
            try await client.send(InstitutionsGetByIDRequest(institutionID: "ins_109508", countryCodes: [.us]))
        }
        try await client.shutdown()
    }

    /// Three requests in one write: the first has to wait for a write to the store, the second
    /// is a read answered without waiting; the answers still leave in the order asked.
    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await TestSandbox.with { sandbox in
            let keys = sandbox.server.credentials.developer
            let connection = try RawHTTPConnection(port: sandbox.server.port)
            defer { connection.close() }
            connection.send(
                RawHTTPConnection.post("/sandbox/public_token/create", #"{"institution_id": "ins_109508", "initial_products": ["auth"]}"#,
                                       clientID: keys.clientID, secret: keys.secret)
                    + RawHTTPConnection.post("/institutions/get_by_id", #"{"institution_id": "ins_109508", "country_codes": ["US"]}"#,
                                             clientID: keys.clientID, secret: keys.secret)
                    + RawHTTPConnection.post("/no/such/path", "{}", clientID: keys.clientID, secret: keys.secret, closing: true))
            let answers = await connection.readToEnd().text.components(separatedBy: "HTTP/1.1 ").dropFirst()
            #expect(answers.count == 3)
            let expected = [("200", "public-sandbox-"), ("200", "\"institution\""), ("404", "NOT_FOUND")]
            for (answer, (status, content)) in zip(answers, expected) {
                #expect(answer.hasPrefix(status) && answer.contains(content), "\(answer.prefix(300))")
            }
        }
    }

    @Test func connectionCloseIsHonoured() async throws {
        try await TestSandbox.with { sandbox in
            let keys = sandbox.server.credentials.developer
            let connection = try RawHTTPConnection(port: sandbox.server.port)
            defer { connection.close() }
            connection.send(RawHTTPConnection.post("/institutions/get_by_id", #"{"institution_id": "ins_109508", "country_codes": ["US"]}"#,
                                                   clientID: keys.clientID, secret: keys.secret, closing: true))
            let (answer, closed) = await connection.readToEnd()
            #expect(closed)
            #expect(answer.hasPrefix("HTTP/1.1 200"))
            #expect(answer.lowercased().contains("connection: close"))
            let body = answer.components(separatedBy: "\r\n\r\n").dropFirst().joined()
            #expect(answer.lowercased().contains("content-length: \(body.utf8.count)\r\n"))
        }
    }

    @Test func bytesThatAreNotHTTPGet400AndAClosedConnection() async throws {
        try await TestSandbox.with { sandbox in
            let connection = try RawHTTPConnection(port: sandbox.server.port)
            defer { connection.close() }
            connection.send("this is not HTTP\r\n\r\n")
            let (answer, closed) = await connection.readToEnd()
            #expect(answer.hasPrefix("HTTP/1.1 400"))
            #expect(closed, "the server closes the connection")
            // The server still answers everyone else.
            let response = try await sandbox.raw("/institutions/get_by_id", json: .object([
                "institution_id": .string("ins_109508"), "country_codes": .array([.string("US")]),
            ]))
            #expect(response.status == 200)
        }
    }

    /// A client holding a keep-alive connection open does not keep the server from stopping.
    @Test func stoppingClosesAnIdleKeepAliveConnection() async throws {
        let directory = TestSandbox.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = SandboxConfiguration(dataDirectory: directory)
        configuration.port = 0
        let server = try await SandboxServer.start(configuration)
        let keys = server.credentials.developer
        let connection = try RawHTTPConnection(port: server.port)
        defer { connection.close() }
        connection.send(RawHTTPConnection.post("/institutions/get_by_id", #"{"institution_id": "ins_109508", "country_codes": ["US"]}"#,
                                               clientID: keys.clientID, secret: keys.secret))
        #expect(await connection.readSome().hasPrefix("HTTP/1.1 200"))
        // Returns only once every connection is closed: it would wait for this one for ever if
        // stopping left idle connections to their clients.
        await server.stop()
        let (rest, closed) = await connection.readToEnd()
        #expect(closed && rest.isEmpty, "the server closed the connection, with nothing more sent")
    }
}
