import Foundation
import PlaidLuaTesting
import Testing

/// `plaid.env()` and `plaid.client()` read `PLAID_ENV` with the one parser of environment names,
/// so they agree on what a name means whatever its case.
@Suite struct EnvironmentNameTests {
    private let workspace: BatchWorkspace

    init() throws {
        workspace = try BatchWorkspace()
    }

    private func run(_ script: String, plaidEnv: String) throws -> CommandRun {
        try CommandRun.plaidlua(["-e", script], environment: workspace.environment.merging(
            ["PLAID_ENV": plaidEnv, "PLAID_CLIENT_ID": "client-from-env"]) { $1 }, directory: workspace.folder)
    }

    @Test func aNameInAnotherCaseIsTheSameEnvironment() throws {
        let run = try run("""
            local plaid = require 'plaid'
            local client = plaid.client()
            local env = plaid.env()
            print(env.env, client.env, env.base_url == client.base_url, env.client_id)
            """, plaidEnv: "Embedded")
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == "embedded\tembedded\ttrue\tnil\n")
    }

    @Test func anUnknownNameIsShownAsGivenAndRefusedByClients() throws {
        let run = try run("""
            local plaid = require 'plaid'
            local ok, e = pcall(plaid.client)
            print(plaid.env().env, ok, e.field, e.message)
            """, plaidEnv: "Staging")
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == "Staging\tfalse\tenv\tplaid.client: env 'Staging' is not embedded, sandbox, production or a base URL\n")
    }
}
