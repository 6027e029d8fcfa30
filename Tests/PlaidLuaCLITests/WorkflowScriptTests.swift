import Foundation
import PlaidLuaTesting
import Testing

/// Every shipped workflow runs as a command against the embedded sandbox.
@Suite struct WorkflowScriptTests {
    /// One data directory per test, so each starts from an empty sandbox.
    private let home = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-workflows-\(UUID().uuidString)").path

    private func script(_ name: String, _ arguments: [String]) throws -> CommandRun {
        try CommandRun.plaidlua([CommandRun.packageRoot.appendingPathComponent("scripts/\(name).lua").path] + arguments,
                                environment: ["PLAIDLUA_HOME": home])
    }

    private func json(_ run: CommandRun) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(run.standardOutput) \(run.standardError)")
    }

    /// A new item's access token and first account, made the way a script would.
    private func newItem(institution: String = "ins_109508") throws -> (accessToken: String, accountID: String) {
        let setup = try CommandRun.plaidlua(["-e", """
            local client = require("plaid").client()
            local public = client:sandbox_public_token_create { institution_id = "\(institution)", initial_products = { "auth" } }
            io.write(public.public_token)
            """], environment: ["PLAIDLUA_HOME": home])
        let exchanged = try json(try script("exchange_public_token", ["--public-token", setup.standardOutput]))
        let accessToken = try #require(exchanged["access_token"] as? String)
        let accounts = try CommandRun.plaidlua(["-e", """
            io.write(require("plaid").client():accounts_get { access_token = os.getenv("TOKEN") }.accounts[1].account_id)
            """], environment: ["PLAIDLUA_HOME": home, "TOKEN": accessToken])
        return (accessToken, accounts.standardOutput)
    }

    @Test func quickstartRunsTheWholeFlowAndShowsTheTokensRevoked() throws {
        let run = try script("quickstart", [])
        #expect(run.status == 0, "\(run.standardError)")
        let result = try json(run)
        let revoked = try #require(result["after_removal"] as? [String: String])
        #expect(revoked == ["processor_token": "ITEM_NOT_FOUND", "access_token": "ITEM_NOT_FOUND"])
        #expect((result["processor_token"] as? String)?.hasPrefix("processor-sandbox-") == true)
        #expect((result["stripe_token"] as? String)?.hasPrefix("btok_") == true)
        #expect(result["ach"] as? String == "routing 011401533, account …0000")
        #expect((result["accounts"] as? [String])?.count == 9)
        #expect(result["owner"] as? String == "Alberta Bobbeth Charleson")
    }

    @Test func quickstartRunsAtEveryInstitutionAndSaysWhyStripeWasSkipped() throws {
        for institution in ["ins_128026", "ins_56", "ins_43", "ins_117650"] {
            let run = try script("quickstart", ["--institution", institution])
            #expect(run.status == 0, "\(institution): \(run.standardError)")
            let result = try json(run)
            #expect(result["after_removal"] as? [String: String] == ["processor_token": "ITEM_NOT_FOUND", "access_token": "ITEM_NOT_FOUND"])
            if ["ins_43", "ins_117650"].contains(institution) {
                #expect(result["stripe_token"] == nil)
                #expect((result["stripe_skipped"] as? String)?.contains("Stripe accepts only US") == true, "\(result)")
            } else {
                #expect((result["stripe_token"] as? String)?.hasPrefix("btok_") == true, "\(institution): \(result)")
            }
        }
    }

    @Test func quickstartForPeopleMasksTokens() throws {
        let run = try script("quickstart", ["--format", "table", "--processor", "galileo"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("processor_token: processor-sandbox-…"))
        #expect(run.standardOutput.range(of: #"access-sandbox-[0-9a-f]{8}-"#, options: .regularExpression) == nil)
        #expect(run.standardOutput.contains("  current: 110.0"))
    }

    @Test func theStepScriptsChainIntoTheProcessorFlow() throws {
        let item = try newItem()
        let created = try json(try script("create_processor_token", ["--access-token", item.accessToken, "--account-id", item.accountID, "--processor", "dwolla"]))
        let token = try #require(created["processor_token"] as? String)
        #expect(token.hasPrefix("processor-sandbox-"))

        let auth = try json(try script("fetch_auth", ["--processor-token", token, "--processor", "dwolla"]))
        let numbers = try #require((auth["numbers"] as? [String: Any])?["ach"] as? [String: Any])
        #expect(numbers["account_id"] as? String == item.accountID)

        let balance = try json(try script("fetch_balance", ["--processor-token", token, "--processor", "dwolla"]))
        let balances = try #require((balance["account"] as? [String: Any])?["balances"] as? [String: Any])
        #expect(balances["current"] as? Double == 110.0)

        let identity = try json(try script("fetch_identity", ["--processor-token", token, "--processor", "dwolla"]))
        #expect(((identity["account"] as? [String: Any])?["owners"] as? [Any])?.isEmpty == false)

        let stripe = try json(try script("create_stripe_token", ["--access-token", item.accessToken, "--account-id", item.accountID]))
        #expect((stripe["stripe_bank_account_token"] as? String)?.hasPrefix("btok_") == true)

        let removed = try script("remove_item", ["--access-token", item.accessToken])
        #expect(removed.status == 0)
        let after = try script("fetch_auth", ["--processor-token", token, "--processor", "dwolla"])
        #expect(after.status == 1)
        #expect(after.standardError.hasPrefix("fetch_auth: ITEM_NOT_FOUND (ITEM_ERROR)"))
        #expect(after.standardOutput.isEmpty)
    }

    @Test func fetchBalancePassesTheMinimumLastUpdated() throws {
        let item = try newItem(institution: "ins_128026")
        let token = try #require(try json(try script("create_processor_token", [
            "--access-token", item.accessToken, "--account-id", item.accountID, "--processor", "dwolla",
        ]))["processor_token"] as? String)
        let withoutBound = try script("fetch_balance", ["--processor-token", token, "--processor", "dwolla"])
        #expect(withoutBound.status == 1)
        #expect(withoutBound.standardError.contains("INVALID_FIELD"))
        let bound = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-86400))
        let withBound = try script("fetch_balance", ["--processor-token", token, "--processor", "dwolla", "--min-last-updated", bound])
        #expect(withBound.status == 0, "\(withBound.standardError)")
        let withAnAge = try script("fetch_balance", ["--processor-token", token, "--processor", "dwolla", "--min-last-updated", "24h"])
        #expect(withAnAge.status == 0, "\(withAnAge.standardError)")
        let garbled = try script("fetch_balance", ["--processor-token", token, "--processor", "dwolla", "--min-last-updated", "yesterday"])
        #expect(garbled.status == 2)
        #expect(garbled.standardError.hasPrefix(
            "fetch_balance: option '--min-last-updated' needs an age such as 24h, 30m or 2d, or an ISO 8601 time"), "\(garbled.standardError)")
        #expect(garbled.standardError.hasSuffix(", not 'yesterday' (see 'plaidlua fetch_balance.lua --help')\n"))
    }

    @Test func aWrongPartnerFailsWithOneLine() throws {
        let item = try newItem()
        let token = try #require(try json(try script("create_processor_token", [
            "--access-token", item.accessToken, "--account-id", item.accountID, "--processor", "dwolla",
        ]))["processor_token"] as? String)
        let run = try script("fetch_identity", ["--processor-token", token, "--processor", "galileo"])
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("fetch_identity: INVALID_PROCESSOR_TOKEN (INVALID_INPUT)"))
        #expect(run.standardError.split(separator: "\n").count == 1)
        #expect(!run.standardError.contains(token))
    }

    @Test(arguments: ["quickstart", "exchange_public_token", "create_processor_token", "create_stripe_token",
                      "fetch_auth", "fetch_balance", "fetch_identity", "remove_item", "about", "sync_transactions", "on_webhook",
                      "check_payment", "audit_permissions"])
    func everyScriptExplainsItself(name: String) throws {
        let run = try script(name, ["--help"])
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("usage: plaidlua \(name).lua [options]"))
    }

    /// A dwolla processor token on the checking account of a new Item.
    private func dwollaToken() throws -> String {
        let item = try newItem()
        let made = try json(try script("create_processor_token", ["--access-token", item.accessToken, "--account-id", item.accountID,
                                                                  "--processor", "dwolla"]))
        return try #require(made["processor_token"] as? String)
    }

    @Test func syncTransactionsGetsTheHistoryOnceThenOnlyWhatChanged() throws {
        let token = try dwollaToken()
        let first = try json(try script("sync_transactions", ["--processor-token", token, "--processor", "dwolla"]))
        #expect(first["first_sync"] as? Bool == true)
        #expect(((first["added"] as? [Any])?.count ?? 0) >= 300)
        let second = try json(try script("sync_transactions", ["--processor-token", token, "--processor", "dwolla"]))
        #expect(second["first_sync"] as? Bool == false)
        #expect((second["added"] as? [Any])?.count == 0, "the cursor was kept between runs")
        let store = URL(fileURLWithPath: home).appendingPathComponent("stores/transaction_cursors.sqlite").path
        let attributes = try FileManager.default.attributesOfItem(atPath: store)
        #expect((attributes[.posixPermissions] as? Int) == 0o600, "the store holds tokens")
        let folder = try FileManager.default.attributesOfItem(atPath: URL(fileURLWithPath: store).deletingLastPathComponent().path)
        #expect((folder[.posixPermissions] as? Int) == 0o700, "the stores' folder is private")
        let safe = try CommandRun.plaidlua(["--safe", CommandRun.packageRoot.appendingPathComponent("scripts/sync_transactions.lua").path,
                                            "--processor-token", token, "--processor", "dwolla"], environment: ["PLAIDLUA_HOME": home])
        #expect(safe.status == 1)
        #expect(safe.standardError.contains("plaid.store is not available under --safe"), "\(safe.standardError)")
    }

    @Test func checkPaymentSaysWhatToDoWithAPayment() throws {
        let token = try dwollaToken()
        let small = try json(try script("check_payment", ["--processor-token", token, "--processor", "dwolla", "--payment-id", "p-1",
                                                          "--amount", "5"]))
        let large = try json(try script("check_payment", ["--processor-token", token, "--processor", "dwolla", "--payment-id", "p-2",
                                                          "--amount", "5000"]))
        #expect(small["decision"] as? String == "ACCEPT")
        #expect(large["decision"] as? String == "REROUTE")
        let notANumber = try script("check_payment", ["--processor-token", token, "--processor", "dwolla", "--payment-id", "p-3",
                                                      "--amount", "lots"])
        #expect(notANumber.status == 1)
        #expect(notANumber.standardError.contains("amount must be a number"))
    }

    @Test func auditPermissionsShowsWhatAPartnerMayRead() throws {
        let token = try dwollaToken()
        let open = try json(try script("audit_permissions", ["--processor-token", token]))
        #expect(open["restricted"] as? Bool == false)
        #expect(open["products"] as? String == "all")
        let limit = try CommandRun.plaidlua(["-e", """
            require("plaid").client():processor_token_permissions_set { processor_token = os.getenv("TOKEN"), products = { "auth" } }
            """], environment: ["PLAIDLUA_HOME": home, "TOKEN": token])
        #expect(limit.status == 0, "\(limit.standardError)")
        let limited = try json(try script("audit_permissions", ["--processor-token", token]))
        #expect(limited["restricted"] as? Bool == true)
        #expect(limited["products"] as? [String] == ["auth"])
        #expect(!(limited["token"] as? String ?? token).contains(String(token.suffix(12))), "the token is masked")
    }

    @Test func aMissingOptionIsAUsageError() throws {
        let run = try script("fetch_auth", ["--processor", "dwolla"])
        #expect(run.status == 2)
        #expect(run.standardError == "fetch_auth: option '--processor-token' is required (see 'plaidlua fetch_auth.lua --help')\n")
    }

    @Test func aWorkflowIsAlsoAModule() throws {
        let run = try CommandRun.plaidlua(["-e", """
            local balance = require "fetch_balance"
            local auth = require "fetch_auth"
            print(type(balance.run), type(balance.handle), balance.spec.name, auth.spec.options[1].name)
            """], environment: ["PLAIDLUA_HOME": home])
        #expect(run.standardOutput == "function\tfunction\tfetch_balance\tprocessor-token\n", "\(run.standardError)")
    }

    @Test func aboutChecksTheScheduler() throws {
        let run = try script("about", ["--tasks", "300"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("300 tasks each slept 0.1 s and returned their own result"))
    }
}
