import Foundation
import PlaidLuaTesting
import Testing

/// `Plaid-Version` on the typed methods: an older version's shape comes back as the server sent
/// it, and a version nobody knows is refused when the client is made.
@Suite struct VersionTests {
    private let home = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-versions-\(UUID().uuidString)").path

    @Test func anOlderVersionReturnsItsOwnShapeFromTypedMethods() throws {
        let run = try CommandRun.plaidlua(["-e", """
            local plaid = require 'plaid'
            local token = plaid.client { processor = 'dwolla' }:sandbox_processor_token_create { institution_id = 'ins_109508' }.processor_token
            local old = plaid.client { processor = 'dwolla', version = '2019-05-29' }:processor_auth_get { processor_token = token }
            local new = plaid.client { processor = 'dwolla' }:processor_auth_get { processor_token = token }
            print(#old.numbers, old.numbers[1].routing ~= nil, new.numbers.ach ~= nil)
            """], environment: ["PLAIDLUA_HOME": home])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == "1\ttrue\ttrue\n")
    }

    @Test func anUnknownVersionIsRefusedListingTheKnownOnes() throws {
        let run = try CommandRun.plaidlua(["-e", """
            local ok, e = pcall(require('plaid').client, { version = '2021-01-01' })
            print(ok, e.field, e.message)
            """], environment: ["PLAIDLUA_HOME": home])
        #expect(run.standardOutput.hasPrefix("false\tversion\t"), "\(run.standardOutput)\(run.standardError)")
        #expect(run.standardOutput.contains("2021-01-01"))
        #expect(run.standardOutput.contains("2020-09-14, 2019-05-29, 2018-05-22, 2017-03-08"))
        let fromEnvironment = try CommandRun.plaidlua(["-e", "require('plaid').client()"], environment: ["PLAIDLUA_HOME": home, "PLAID_VERSION": "latest"])
        #expect(fromEnvironment.status == 1)
        #expect(fromEnvironment.standardError.contains("Plaid-Version 'latest' is not one PlaidLua knows"))
    }
}
