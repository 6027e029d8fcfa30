import PlaidClient
import Testing

/// Reading the configuration from PLAID_* variables.
struct ConfigurationTests {
    @Test func readsCredentialsAndDefaultsTheVersion() throws {
        let configuration = try PlaidClient.Configuration.fromEnvironment([
            "PLAID_ENV": "production", "PLAID_CLIENT_ID": "id-1", "PLAID_SECRET": "secret-1",
        ])
        #expect(configuration.environment == .production)
        #expect(configuration.environment.baseURL == "https://production.plaid.com")
        #expect(configuration.clientID == "id-1")
        #expect(configuration.secret == Secret("secret-1"))
        #expect(configuration.plaidVersion == "2020-09-14")
    }

    @Test func versionAndBaseURLCanBeOverridden() throws {
        let configuration = try PlaidClient.Configuration.fromEnvironment([
            "PLAID_ENV": "http://127.0.0.1:8080/", "PLAID_VERSION": "2019-05-29",
        ])
        #expect(configuration.environment == .custom(baseURL: "http://127.0.0.1:8080/"))
        #expect(configuration.environment.baseURL == "http://127.0.0.1:8080")
        #expect(configuration.plaidVersion == "2019-05-29")
    }

    @Test func unsetEnvironmentPrefersTheEmbeddedSandbox() throws {
        let embedded = try PlaidClient.Configuration.fromEnvironment([:], embeddedBaseURL: "http://127.0.0.1:4000")
        #expect(embedded.environment == .embedded(baseURL: "http://127.0.0.1:4000"))
        let withoutEmbedded = try PlaidClient.Configuration.fromEnvironment(["PLAID_CLIENT_ID": "i", "PLAID_SECRET": "s"])
        #expect(withoutEmbedded.environment == .sandbox)
    }

    @Test func plaidHostsNeedCredentials() throws {
        let error = try #require(throws: PlaidClientError.self) {
            try PlaidClient.Configuration.fromEnvironment(["PLAID_ENV": "sandbox", "PLAID_CLIENT_ID": "id"])
        }
        #expect(error.kind == .invalidConfiguration)
        #expect(error.message.contains("PLAID_SECRET"))
    }

    @Test func unknownEnvironmentNameIsRejected() throws {
        let error = try #require(throws: PlaidClientError.self) {
            try PlaidClient.Configuration.fromEnvironment(["PLAID_ENV": "development"])
        }
        #expect(error.message.contains("development"))
    }

    @Test func embeddedWithoutARunningSandboxIsRejected() throws {
        #expect(throws: PlaidClientError.self) {
            try PlaidClient.Configuration.fromEnvironment(["PLAID_ENV": "embedded"])
        }
    }
}
