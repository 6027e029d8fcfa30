import Foundation
import PlaidModels
@testable import PlaidSandbox
import Testing

/// API keys: in headers or in the body, checked against the keys stored for the data directory.
@Suite struct CredentialsTests {
    private let institution: JSONValue = .object(["institution_id": .string("ins_109508"), "country_codes": .array([.string("US")])])

    @Test func keysAreAcceptedInTheBody() async throws {
        try await TestSandbox.with { sandbox in
            let keys = sandbox.server.credentials.developer
            var body = institution
            if case .object(var members) = body {
                members["client_id"] = .string(keys.clientID)
                members["secret"] = .string(keys.secret)
                body = .object(members)
            }
            let response = try await sandbox.raw("/institutions/get_by_id", json: body, keys: .none)
            #expect(response.status == 200)
            #expect(response.json?["institution"]?["institution_id"] == .string("ins_109508"))
        }
    }

    @Test func wrongSecretIsInvalidAPIKeys() async throws {
        try await TestSandbox.with { sandbox in
            let keys = sandbox.server.credentials.developer
            let wrong = SandboxCredentials.Client(clientID: keys.clientID, secret: String(keys.secret.reversed()))
            let response = try await sandbox.raw("/institutions/get_by_id", json: institution, keys: .client(wrong))
            #expect(response.status == 400)
            #expect(response.json?["error_type"] == .string("INVALID_INPUT"))
            #expect(response.json?["error_code"] == .string("INVALID_API_KEYS"))
        }
    }

    @Test func unknownClientIDIsInvalidAPIKeys() async throws {
        try await TestSandbox.with { sandbox in
            let stranger = SandboxCredentials.Client(clientID: "000000000000000000000000", secret: "x")
            let response = try await sandbox.raw("/institutions/get_by_id", json: institution, keys: .client(stranger))
            #expect(response.json?["error_code"] == .string("INVALID_API_KEYS"))
        }
    }

    @Test func missingKeysAreMissingFields() async throws {
        try await TestSandbox.with { sandbox in
            let response = try await sandbox.raw("/institutions/get_by_id", json: institution, keys: .none)
            #expect(response.status == 400)
            #expect(response.json?["error_code"] == .string("MISSING_FIELDS"))
            #expect(response.json?["error_message"]?.stringValue?.contains("client_id, secret") == true)
        }
    }

    @Test func keysAreGeneratedOncePerDataDirectory() async throws {
        let directory = TestSandbox.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try await SandboxMaintenance.credentials(dataDirectory: directory)
        let second = try await TestSandbox.with(dataDirectory: directory) { $0.server.credentials }
        #expect(first == second)
        #expect(Set(first.processors.keys) == Set(Processor.knownRawValues))
        #expect(first.developer.clientID.count == 24 && first.developer.secret.count == 30)
        let other = try await SandboxMaintenance.credentials(dataDirectory: TestSandbox.makeTemporaryDirectory())
        #expect(other.developer != first.developer)
    }

    @Test func secretComparisonIsExact() {
        let compare = ClientAuthenticator.constantTimeEquals
        #expect(compare(Array("abc".utf8), Array("abc".utf8)))
        #expect(!compare(Array("abc".utf8), Array("abd".utf8)))
        #expect(!compare(Array("abc".utf8), Array("abcd".utf8)))
        #expect(!compare(Array("".utf8), Array("a".utf8)))
    }
}
