import Foundation
import NIOHTTP1
import PlaidModels
import Testing

/// Whatever a client sends, the answer is a Plaid error object with the right status, never a
/// 500 or a dropped connection.
@Suite struct BadInputTests {
    /// Checks the error object's shape and returns it.
    @discardableResult
    private func expectPlaidError(_ response: TestSandbox.RawResponse, status: Int, type: String, code: String,
                                  sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue? {
        #expect(response.status == status, sourceLocation: sourceLocation)
        let json = response.json
        #expect(json?["error_type"] == .string(type), sourceLocation: sourceLocation)
        #expect(json?["error_code"] == .string(code), sourceLocation: sourceLocation)
        #expect(json?["error_message"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(json?["display_message"] == .null, sourceLocation: sourceLocation)
        #expect(json?["request_id"]?.stringValue?.count == 15, sourceLocation: sourceLocation)
        #expect(response.header("Content-Type")?.hasPrefix("application/json") == true, sourceLocation: sourceLocation)
        return json
    }

    @Test func malformedJSONIsInvalidBody() async throws {
        try await TestSandbox.with { sandbox in
            let response = try await sandbox.raw("/accounts/get", body: Data("{\"access_token\": ".utf8))
            expectPlaidError(response, status: 400, type: "INVALID_REQUEST", code: "INVALID_BODY")
        }
    }

    @Test func emptyBodyIsInvalidBody() async throws {
        try await TestSandbox.with { sandbox in
            expectPlaidError(try await sandbox.raw("/accounts/get", body: nil), status: 400, type: "INVALID_REQUEST", code: "INVALID_BODY")
        }
    }

    @Test func jsonThatIsNotAnObjectIsInvalidBody() async throws {
        try await TestSandbox.with { sandbox in
            let response = try await sandbox.raw("/accounts/get", body: Data("[1, 2]".utf8))
            expectPlaidError(response, status: 400, type: "INVALID_REQUEST", code: "INVALID_BODY")
        }
    }

    @Test func invalidUTF8IsInvalidBody() async throws {
        try await TestSandbox.with { sandbox in
            let bytes = Data("{\"access_token\": \"".utf8) + Data([0xFF, 0xFE, 0xC3]) + Data("\"}".utf8)
            expectPlaidError(try await sandbox.raw("/accounts/get", body: bytes), status: 400, type: "INVALID_REQUEST", code: "INVALID_BODY")
        }
    }

    @Test(arguments: ["application/x-www-form-urlencoded", "application/jsonp", "application/json-patch+json", "text/plain"])
    func nonJSONContentTypeIsInvalidBody(contentType: String) async throws {
        try await TestSandbox.with { sandbox in
            let response = try await sandbox.raw("/accounts/get", body: Data(#"{"access_token": "access-sandbox-x"}"#.utf8),
                                                 headers: [("Content-Type", contentType)])
            let json = expectPlaidError(response, status: 400, type: "INVALID_REQUEST", code: "INVALID_BODY")
            #expect(json?["error_message"]?.stringValue?.contains(contentType) == true)
        }
    }

    /// The media type in any case, with or without parameters, is JSON: the body is read and the
    /// unknown token refused.
    @Test(arguments: ["application/json", "Application/JSON", "application/json; charset=utf-8", "application/json ;charset=UTF-8"])
    func jsonContentTypeIsRead(contentType: String) async throws {
        try await TestSandbox.with { sandbox in
            let response = try await sandbox.raw("/accounts/get", body: Data(#"{"access_token": "access-sandbox-x"}"#.utf8),
                                                 headers: [("Content-Type", contentType)])
            expectPlaidError(response, status: 400, type: "INVALID_INPUT", code: "INVALID_ACCESS_TOKEN")
        }
    }

    @Test func hugeBodyIsRefusedWith413() async throws {
        try await TestSandbox.with(configure: { $0.maxBodyBytes = 64 * 1024 }) { sandbox in
            let padding = String(repeating: "x", count: 200 * 1024)
            let response = try await sandbox.raw("/accounts/get", json: .object(["access_token": .string(padding)]))
            expectPlaidError(response, status: 413, type: "INVALID_REQUEST", code: "INVALID_BODY")
            let after = try await sandbox.raw("/institutions/get_by_id", json: .object([
                "institution_id": .string("ins_109508"), "country_codes": .array([.string("US")]),
            ]))
            #expect(after.status == 200)
        }
    }

    @Test func missingFieldsAreListed() async throws {
        try await TestSandbox.with { sandbox in
            let response = try await sandbox.raw("/processor/token/create", json: .object(["access_token": .string("access-sandbox-x")]))
            let json = expectPlaidError(response, status: 400, type: "INVALID_REQUEST", code: "MISSING_FIELDS")
            #expect(json?["error_message"]?.stringValue?.contains("account_id, processor") == true)
        }
    }

    @Test func unknownFieldsAreListed() async throws {
        try await TestSandbox.with { sandbox in
            let response = try await sandbox.raw("/accounts/get", json: .object([
                "access_token": .string("access-sandbox-x"), "acces_token": .string("typo"),
            ]))
            let json = expectPlaidError(response, status: 400, type: "INVALID_REQUEST", code: "UNKNOWN_FIELDS")
            #expect(json?["error_message"]?.stringValue?.contains("acces_token") == true)
        }
    }

    @Test func unknownNestedFieldsAreNamedWithTheirPath() async throws {
        try await TestSandbox.with { sandbox in
            let response = try await sandbox.raw("/processor/balance/get", json: .object([
                "processor_token": .string("processor-sandbox-x"), "options": .object(["min_last_updated": .string("x")]),
            ]))
            let json = expectPlaidError(response, status: 400, type: "INVALID_REQUEST", code: "UNKNOWN_FIELDS")
            #expect(json?["error_message"]?.stringValue?.contains("options.min_last_updated") == true)
        }
    }

    /// Neither store keeps U+0000 (PostgreSQL's text cannot), so both refuse it alike.
    @Test(arguments: [
        ("/sandbox/public_token/create", JSONValue.object([
            "institution_id": .string("ins_109508"), "initial_products": .array([.string("auth")]),
            "options": .object(["webhook": .string("http://127.0.0.1/\u{0}hook")]),
        ]), "options.webhook"),
        ("/sandbox/processor_token/create", .object([
            "institution_id": .string("ins_109508"), "options": .object(["override_username": .string("user_good\u{0}")]),
        ]), "options.override_username"),
        ("/sandbox/public_token/create", .object([
            "institution_id": .string("ins_109508"), "initial_products": .array([.string("auth"), .string("\u{0}")]),
        ]), "initial_products[1]"),
    ])
    func aNULCharacterIsRefusedNamingTheField(path: String, body: JSONValue, field: String) async throws {
        try await TestSandbox.with { sandbox in
            let response = try await sandbox.raw(path, json: body)
            let json = expectPlaidError(response, status: 400, type: "INVALID_REQUEST", code: "INVALID_FIELD")
            #expect(json?["error_message"]?.stringValue == "\(field) must not contain the character U+0000")
        }
    }

    @Test func wrongTypesAreInvalidField() async throws {
        try await TestSandbox.with { sandbox in
            let number = try await sandbox.raw("/accounts/get", json: .object(["access_token": .integer(12)]))
            expectPlaidError(number, status: 400, type: "INVALID_REQUEST", code: "INVALID_FIELD")
            let list = try await sandbox.raw("/sandbox/public_token/create", json: .object([
                "institution_id": .string("ins_109508"), "initial_products": .string("auth"),
            ]))
            expectPlaidError(list, status: 400, type: "INVALID_REQUEST", code: "INVALID_FIELD")
            let nullOptions = try await sandbox.raw("/sandbox/public_token/create", json: .object([
                "institution_id": .string("ins_109508"), "initial_products": .array([.string("auth")]), "options": .null,
            ]))
            expectPlaidError(nullOptions, status: 400, type: "INVALID_REQUEST", code: "INVALID_FIELD")
            let secret = try await sandbox.raw("/accounts/get", json: .object([
                "access_token": .string("access-sandbox-x"), "client_id": .bool(true), "secret": .string("s"),
            ]), keys: .none)
            expectPlaidError(secret, status: 400, type: "INVALID_REQUEST", code: "INVALID_FIELD")
        }
    }

    @Test func unknownProductAndEmptyProductListAreInvalidField() async throws {
        try await TestSandbox.with { sandbox in
            let unknown = try await sandbox.raw("/sandbox/public_token/create", json: .object([
                "institution_id": .string("ins_109508"), "initial_products": .array([.string("teleportation")]),
            ]))
            expectPlaidError(unknown, status: 400, type: "INVALID_REQUEST", code: "INVALID_FIELD")
            let empty = try await sandbox.raw("/sandbox/public_token/create", json: .object([
                "institution_id": .string("ins_109508"), "initial_products": .array([]),
            ]))
            expectPlaidError(empty, status: 400, type: "INVALID_REQUEST", code: "INVALID_FIELD")
        }
    }

    @Test func unknownProcessorIsInvalidProcessor() async throws {
        try await TestSandbox.with { sandbox in
            let accessToken = try await sandbox.linkItem()
            let response = try await sandbox.raw("/processor/token/create", json: .object([
                "access_token": .string(accessToken.rawValue),
                "account_id": .string(try await sandbox.accountID(accessToken)),
                "processor": .string("sbv_api"),
            ]))
            expectPlaidError(response, status: 400, type: "INVALID_INPUT", code: "INVALID_PROCESSOR")
        }
    }

    @Test func malformedTokensNameTheExpectedFormat() async throws {
        try await TestSandbox.with { sandbox in
            let access = try await sandbox.raw("/accounts/get", json: .object(["access_token": .string("not-a-token")]))
            let json = expectPlaidError(access, status: 400, type: "INVALID_INPUT", code: "INVALID_ACCESS_TOKEN")
            #expect(json?["error_message"]?.stringValue?.contains("access-<environment>-<identifier>") == true)
            let dwolla = sandbox.server.credentials.processors["dwolla"]!
            let processor = try await sandbox.raw("/processor/auth/get", json: .object(["processor_token": .string("")]),
                                                  keys: .client(dwolla))
            expectPlaidError(processor, status: 400, type: "INVALID_INPUT", code: "INVALID_PROCESSOR_TOKEN")
        }
    }

    @Test func unknownPathIsNotFound() async throws {
        try await TestSandbox.with { sandbox in
            let response = try await sandbox.raw("/transactions/get", json: .object([:]))
            expectPlaidError(response, status: 404, type: "INVALID_REQUEST", code: "NOT_FOUND")
            let root = try await sandbox.raw("/", method: .GET, body: nil)
            expectPlaidError(root, status: 404, type: "INVALID_REQUEST", code: "NOT_FOUND")
        }
    }

    @Test func wrongMethodIsMethodNotAllowed() async throws {
        try await TestSandbox.with { sandbox in
            for method: HTTPMethod in [.GET, .PUT, .DELETE] {
                let response = try await sandbox.raw("/accounts/get", method: method, body: nil)
                expectPlaidError(response, status: 405, type: "INVALID_REQUEST", code: "METHOD_NOT_ALLOWED")
            }
        }
    }

    @Test func serverKeepsAnsweringAfterABarrageOfBadRequests() async throws {
        try await TestSandbox.with { sandbox in
            let bodies: [Data] = ["", "null", "{", "\"x\"", "{\"access_token\": null}", "{\"access_token\": [1]}", "1e999"].map { Data($0.utf8) }
            for body in bodies {
                let response = try await sandbox.raw("/accounts/get", body: body)
                #expect((400..<500).contains(response.status))
                #expect(response.json?["error_code"] != nil)
            }
            #expect(try await sandbox.linkItem().rawValue.hasPrefix("access-sandbox-"))
        }
    }

    @Test(arguments: [JSONValue.integer(5), .object([:]), .null, .string("")])
    func aBadBodyCredentialIsRefusedEvenBesideGoodHeaders(value: JSONValue) async throws {
        try await TestSandbox.with { sandbox in
            let response = try await sandbox.raw("/institutions/get_by_id", json: .object([
                "client_id": value, "institution_id": .string("ins_109508"), "country_codes": .array([.string("US")]),
            ]))
            expectPlaidError(response, status: 400, type: "INVALID_REQUEST", code: "INVALID_FIELD")
        }
    }

    @Test func aMalformedBalanceBoundIsRefusedAtEveryInstitution() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem("ins_109508"))
            let response = try await sandbox.raw("/processor/balance/get", json: .object([
                "processor_token": .string(token.rawValue), "options": .object(["min_last_updated_datetime": .string("yesterday")]),
            ]), keys: .client(sandbox.server.credentials.processors["dwolla"]!))
            let json = expectPlaidError(response, status: 400, type: "INVALID_REQUEST", code: "INVALID_FIELD")
            #expect(json?["error_message"]?.stringValue?.contains("\"yesterday\"") == true)
        }
    }
}
