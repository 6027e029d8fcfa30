import PlaidClient
import Testing

/// The one reading of environment names: `PLAID_ENV`, profiles' `env` and `plaid.client{env}`.
struct EnvironmentNameTests {
    @Test(arguments: [
        ("embedded", PlaidEnvironment.Name.embedded),
        ("Embedded", .embedded),
        ("sandbox", .server(.sandbox)),
        ("SANDBOX", .server(.sandbox)),
        ("production", .server(.production)),
        ("Production", .server(.production)),
        ("http://127.0.0.1:8080/", .server(.custom(baseURL: "http://127.0.0.1:8080/"))),
        ("HTTPS://Proxy.example.com", .server(.custom(baseURL: "HTTPS://Proxy.example.com"))),
    ])
    func namesAndURLsInAnyCase(text: String, expected: PlaidEnvironment.Name) {
        #expect(PlaidEnvironment.Name(text) == expected)
    }

    @Test(arguments: ["", "development", "staging", "sandbox ", "ftp://example.com", "example.com", "embedded-sandbox"])
    func anythingElseIsNotAName(text: String) {
        #expect(PlaidEnvironment.Name(text) == nil)
    }

    @Test func theNameShownIsTheCanonicalOneAndAURLAsWritten() {
        #expect(PlaidEnvironment.Name("EMBEDDED")?.description == "embedded")
        #expect(PlaidEnvironment.Name("Sandbox")?.description == "sandbox")
        #expect(PlaidEnvironment.Name("PRODUCTION")?.description == "production")
        #expect(PlaidEnvironment.Name("http://LocalHost:4000/")?.description == "http://LocalHost:4000/")
    }

    /// `PLAID_ENV` is read with the same names, and refused with the same list of choices.
    @Test func plaidEnvUsesTheSameReading() throws {
        let sandbox = try PlaidClient.Configuration.fromEnvironment(["PLAID_ENV": "Sandbox", "PLAID_CLIENT_ID": "i", "PLAID_SECRET": "s"])
        #expect(sandbox.environment == .sandbox)
        let embedded = try PlaidClient.Configuration.fromEnvironment(["PLAID_ENV": "EMBEDDED"], embeddedBaseURL: "http://127.0.0.1:4000")
        #expect(embedded.environment == .embedded(baseURL: "http://127.0.0.1:4000"))
        let error = try #require(throws: PlaidClientError.self) {
            try PlaidClient.Configuration.fromEnvironment(["PLAID_ENV": "Staging"])
        }
        #expect(error.message == "PLAID_ENV is \"Staging\"; use \(PlaidEnvironment.Name.choices)")
    }
}
