import Foundation
import PlaidModels
import PlaidSandbox
import Testing

/// Starting and stopping: port 0 reports the real port, a busy port fails to start, and a
/// stopped server no longer answers.
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
}
