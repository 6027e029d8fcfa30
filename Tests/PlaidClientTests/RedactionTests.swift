import Foundation
import Logging
@testable import PlaidClient
import PlaidModels
import Testing

/// The secret appears in no log line and no error text; tokens appear only masked.
struct RedactionTests {
    static let maskedAccessToken = "access-sandbox-…c0f6"

    @Test func echoedSecretAndTokenStayOutOfLogsAndErrors() async throws {
        let logs = LogCapture()
        let echo = Bodies.error(
            type: "API_ERROR", code: "INTERNAL_SERVER_ERROR",
            message: "failed for \(Credentials.accessToken) with secret \(Credentials.secret)")
        try await withClient(retry: fastRetries, logger: logs.logger(), reply: { _, _ in .json(status: 500, body: echo) }) { client, _ in
            let error = try await clientError { try await client.send(AccountsGetRequest(accessToken: AccessToken(Credentials.accessToken))) }
            var texts = [error.description, error.message, String(reflecting: error), "\(error.plaidError as Any)"]
            texts += logs.allLines
            #expect(logs.allLines.contains { $0.contains("plaid retry") })
            for text in texts {
                #expect(!text.contains(Credentials.secret), "secret leaked: \(text)")
                #expect(!text.contains(Credentials.accessToken), "token leaked: \(text)")
            }
            #expect(error.description.contains(Self.maskedAccessToken))
            #expect(error.plaidError?.errorMessage.value?.contains(Self.maskedAccessToken) == true)
        }
    }

    @Test func everyEchoedTextOfAPlaidErrorIsCleaned() async throws {
        let leak = "\(Credentials.accessToken) \(Credentials.secret)"
        let echo = #"{"error_type":"INVALID_INPUT","error_code":"INVALID_FIELD","error_message":"bad","display_message":null,"#
            + #""error_code_reason":"\#(leak)","suggested_action":"\#(leak)","causes":[{"detail":"\#(leak)"}],"request_id":"r1"}"#
        try await withClient(retry: fastRetries, reply: { _, _ in .json(status: 400, body: echo) }) { client, _ in
            let error = try await clientError { try await client.send(AccountsGetRequest(accessToken: AccessToken(Credentials.accessToken))) }
            let object = try #require(error.plaidError)
            let texts = [object.errorCodeReason?.value, object.suggestedAction?.value, "\(object.causes ?? [])"]
            for text in texts {
                let text = try #require(text)
                #expect(!text.contains(Credentials.secret), "secret leaked: \(text)")
                #expect(!text.contains(Credentials.accessToken), "token leaked: \(text)")
                #expect(text.contains(Self.maskedAccessToken))
            }
        }
    }

    @Test func transportFailuresCarryNoSecret() async throws {
        let logs = LogCapture()
        try await withClient(timeout: .init(connect: .seconds(1), total: .milliseconds(200)), logger: logs.logger(),
                             reply: { _, _ in .hang }) { client, _ in
            let error = try await clientError { try await client.send(AccountsGetRequest(accessToken: AccessToken(Credentials.accessToken))) }
            for text in [error.description] + logs.allLines {
                #expect(!text.contains(Credentials.secret))
                #expect(!text.contains(Credentials.accessToken))
            }
            #expect(!logs.allLines.isEmpty)
        }
    }

    @Test func secretAndConfigurationNeverPrintTheSecret() {
        let secret = Secret(Credentials.secret)
        let configuration = PlaidClient.Configuration(environment: .sandbox, clientID: Credentials.clientID, secret: secret)
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in ["\(secret)", String(reflecting: secret), "\(configuration)", String(reflecting: configuration), dumped] {
            #expect(!text.contains(Credentials.secret), "leaked in: \(text)")
        }
        #expect("\(configuration)".contains(Credentials.clientID))
    }

    @Test func typedResponsesPrintTokensMasked() async throws {
        let body = #"{"access_token":"\#(Credentials.accessToken)","item_id":"item-1","request_id":"r1"}"#
        try await withClient(reply: { _, _ in .json(status: 200, body: body) }) { client, _ in
            let response = try await client.send(ItemPublicTokenExchangeRequest(publicToken: "public-sandbox-b0e2c4ee-a763-4df5-bfe9-46a46bce993d"))
            #expect(response.accessToken.rawValue == Credentials.accessToken)
            #expect(!"\(response)".contains(Credentials.accessToken))
            #expect("\(response)".contains(Self.maskedAccessToken))
        }
    }
}
