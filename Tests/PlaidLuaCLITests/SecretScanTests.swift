import Foundation
import PlaidLuaTesting
import Testing

/// No API secret and no full token reaches anything PlaidLua prints or writes for people or
/// logs: every shipped workflow, the REPL (piped and on a terminal, with its history), the batch
/// runner (failures, retries, its error file, summary and progress) and `sandbox serve`, all with
/// debug logging on. Each test runs against its own data directory, then searches everything
/// those runs produced for that directory's secrets and for every token its sandbox issued.
/// Masked forms (`access-sandbox-…9f2c`) are what should appear instead.
@Suite(.serialized) struct SecretScanTests {
    private static func script(_ name: String) -> String {
        CommandRun.packageRoot.appendingPathComponent("scripts/\(name).lua").path
    }

    /// Items and tokens for the step workflows, made by a script whose output is a product.
    private static let setup = """
        local plaid = require "plaid"
        local client = plaid.client()
        local function public(institution)
          return client:sandbox_public_token_create { institution_id = institution, initial_products = { "auth", "identity" } }.public_token
        end
        local function item(institution)
          local exchanged = client:item_public_token_exchange { public_token = public(institution) }
          local account = client:accounts_get { access_token = exchanged.access_token }.accounts[1].account_id
          local token = client:processor_token_create { access_token = exchanged.access_token, account_id = account, processor = "dwolla" }
          return { access_token = exchanged.access_token, account_id = account, processor_token = token.processor_token }
        end
        print(plaid.json.encode { public_token = public("ins_109508"), item = item("ins_109508"), capital_one = item("ins_128026") })
        """

    @Test func everyShippedWorkflowKeepsSecretsAndTokensOutOfItsOutputAndLogs() throws {
        let scan = try LeakScan("workflows")
        let made = try scan.run("setup", ["-e", Self.setup], productOutput: true)
        #expect(made.status == 0, "\(made.standardError)")
        let setup = try #require(try JSONSerialization.jsonObject(with: Data(made.standardOutput.utf8)) as? [String: Any])
        let publicToken = try #require(setup["public_token"] as? String)
        let item = try #require(setup["item"] as? [String: String])
        let capitalOne = try #require(setup["capital_one"] as? [String: String])
        let accessToken = try #require(item["access_token"]), accountID = try #require(item["account_id"])
        let processorToken = try #require(item["processor_token"])

        func workflow(_ name: String, _ arguments: [String], succeeds: Bool = true, productOutput: Bool = false) throws {
            let run = try scan.run("\(name) \(arguments.first ?? "")", [Self.script(name)] + arguments, productOutput: productOutput)
            #expect((run.status == 0) == succeeds, "\(name) \(arguments): \(run.standardError)")
        }
        // For people: every result as a listing.
        try workflow("quickstart", ["--format", "table"])
        try workflow("quickstart", ["--institution", "ins_117650", "--processor", "galileo", "--format", "table"])
        try workflow("exchange_public_token", ["--public-token", publicToken, "--format", "table"])
        try workflow("create_processor_token", ["--access-token", accessToken, "--account-id", accountID, "--processor", "galileo",
                                                "--format", "table"])
        try workflow("create_stripe_token", ["--access-token", accessToken, "--account-id", accountID, "--format", "table"])
        for name in ["fetch_auth", "fetch_balance", "fetch_identity"] {
            try workflow(name, ["--processor-token", processorToken, "--processor", "dwolla", "--format", "table"])
        }
        try workflow("about", ["--tasks", "20"])
        // Failures, each with a token in the request: a public token used twice, the wrong
        // partner, Capital One without a bound, a token given where the processor's name goes.
        try workflow("exchange_public_token", ["--public-token", publicToken], succeeds: false)
        try workflow("fetch_identity", ["--processor-token", processorToken, "--processor", "galileo"], succeeds: false)
        try workflow("fetch_balance", ["--processor-token", try #require(capitalOne["processor_token"]), "--processor", "dwolla"],
                     succeeds: false)
        try workflow("fetch_auth", ["--processor-token", processorToken, "--processor", processorToken], succeeds: false)
        try workflow("remove_item", ["--access-token", accessToken, "--format", "table"])
        try workflow("fetch_auth", ["--processor-token", processorToken, "--processor", "dwolla"], succeeds: false)
        try workflow("create_stripe_token", ["--access-token", accessToken, "--account-id", accountID], succeeds: false)
        // For programs: JSON carries the full tokens on purpose; its logs still may not.
        try workflow("quickstart", [], productOutput: true)
        try workflow("fetch_auth", ["--processor-token", try #require(capitalOne["processor_token"]), "--processor", "dwolla"],
                     productOutput: true)

        #expect(scan.observed.contains { $0.text.contains("processor-sandbox-…") }, "the listings show masked tokens")
        #expect(scan.observed.contains { $0.text.contains("plaid request") }, "debug logging was on")
        let tokens = scan.issuedTokens()
        #expect(tokens.isSuperset(of: scan.products.reduce(into: Set<String>()) { $0.formUnion(LeakScan.fullTokens(in: $1.text)) }))
        scan.expectNoLeaks(secrets: try scan.sandboxSecrets(), tokens: tokens)
    }

    /// Lines a user types: make every kind of token, look at them, and cause errors whose
    /// requests carry tokens (a reused public token, a processor token at the developer's
    /// client, a token passed instead of a request table, a call with a wrong secret).
    private static let replSession = [
        "pub = client:sandbox_public_token_create{institution_id = 'ins_109508', initial_products = {'auth'}}",
        "pub.public_token",
        "item = client:item_public_token_exchange{public_token = pub.public_token}",
        "item.access_token",
        "acct = client:accounts_get{access_token = item.access_token}.accounts[1]",
        "tok = client:processor_token_create{access_token = item.access_token, account_id = acct.account_id, processor = 'dwolla'}",
        "tok.processor_token",
        "stripe = client:processor_stripe_bank_account_token_create{access_token = item.access_token, account_id = acct.account_id}",
        "stripe.stripe_bank_account_token, tok.processor_token, item.access_token",
        "partner = plaid.client{processor = 'dwolla'}",
        "partner:processor_auth_get{processor_token = tok.processor_token}.numbers.ach",
        "client:item_public_token_exchange{public_token = pub.public_token}",
        "client:processor_auth_get{processor_token = tok.processor_token}",
        "partner:processor_auth_get(tok.processor_token)",
        "ok, failure = pcall(partner.processor_balance_get, partner, tok.processor_token)",
        "failure",
        "intruder = plaid.client{base_url = client.base_url, client_id = client.client_id, secret = os.getenv('WRONG_SECRET')}",
        "intruder:accounts_get{access_token = item.access_token}",
        "client, partner, plaid.env()",
        "client:item_remove{access_token = item.access_token}",
        "partner:processor_identity_get{processor_token = tok.processor_token}",
    ]

    private static let wrongSecret = "wrong-secret-0123456789abcdef"

    @Test func thePipedREPLShowsTokensMaskedAndNoSecret() throws {
        let scan = try LeakScan("repl-piped")
        scan.environment["WRONG_SECRET"] = Self.wrongSecret
        let run = try scan.run("plaidlua -i", ["-i"], input: Self.replSession.joined(separator: "\n") + "\n")
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("btok_…"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("access-sandbox-…"), "\(run.standardOutput)")
        #expect(run.standardError.contains("processor_auth_get: the request must be a table"), "\(run.standardError)")
        #expect(run.standardError.contains("INVALID_API_KEYS"), "\(run.standardError)")
        #expect(run.standardError.contains("ITEM_NOT_FOUND"), "\(run.standardError)")
        scan.expectNoLeaksWithoutProducts(secrets: try scan.sandboxSecrets() + [Self.wrongSecret], tokens: scan.issuedTokens())
    }

    @Test func theREPLOnATerminalKeepsSecretsAndTokensOffTheScreenAndOutOfHistory() throws {
        let scan = try LeakScan("repl-terminal")
        scan.environment["WRONG_SECRET"] = Self.wrongSecret
        let session = try TerminalSession([], environment: scan.environment)
        scan.observeScreen("banner", try session.waitFor("Ctrl-D exits.\n>"))
        for (step, line) in Self.replSession.enumerated() {
            try session.press("C-l")
            try session.type(line)
            // Each step ends once a marker typed after it has printed.
            try session.type("'step \(step) done'")
            let screen = try session.waitFor("\n\"step \(step) done\"", seconds: 30)
            #expect(screen.contains("\n\"step \(step) done\""), "step \(step) never finished: \(screen)")
            scan.observeScreen("step \(step): \(line)", screen)
        }
        try session.press("C-d")
        let exited = try session.waitFor("[exited 0]")
        #expect(exited.contains("[exited 0]"))
        scan.observeScreen("after exit", exited)
        #expect(scan.observed.contains { $0.text.contains("access-sandbox-…") && $0.text.contains("btok_…") }, "tokens were shown masked")
        let history = scan.home + "/history"
        scan.observeFile("history", at: history)
        #expect(((try? String(contentsOfFile: history, encoding: .utf8)) ?? "").contains("pub = client:sandbox_public_token_create"))
        scan.expectNoLeaksWithoutProducts(secrets: try scan.sandboxSecrets() + [Self.wrongSecret], tokens: scan.issuedTokens())
    }

    /// Makes tokens and keeps them in a side file (a product); returns only masked forms and
    /// ids, so every full token in an output line would be the runner's doing. The `case` of a
    /// record picks a failure, most with a token in the failing request.
    private static let tokenHandler = """
        local plaid = require "plaid"
        local function keep(token)
          local file = assert(io.open(os.getenv("TOKENS_FILE"), "a"))
          file:write(token, "\\n")
          file:close()
          return token
        end
        local function exists(path)
          local file = io.open(path)
          if file then file:close() end
          return file ~= nil
        end
        return function(record, ctx)
          -- On a terminal, the first record waits until the test has seen the progress line.
          local progress_seen = os.getenv("PROGRESS_SEEN_FILE")
          if progress_seen and ctx.line == 1 then
            while not exists(progress_seen) do plaid.sleep(0.02) end
          end
          local partner = ctx.partner("dwolla")
          local options = record.password and { override_password = record.password } or nil
          local token = keep(partner:sandbox_processor_token_create { institution_id = "ins_109508", options = options }.processor_token)
          ctx.log.info("made", token)
          plaid.log.warn("made", token)
          if record.case == "error string" then error("cannot use " .. token) end
          if record.case == "error table" then error({ message = "cannot use " .. token, token = token }) end
          if record.case == "token for request" then return partner:processor_auth_get(token) end
          if record.case == "token for processor" then return plaid.client { processor = token } end
          if record.case == "token in path" then return partner:request("/processor/auth/get/" .. token, { processor_token = token }) end
          if record.case == "wrong secret" then
            local intruder = plaid.client { base_url = partner.base_url, client_id = partner.client_id, secret = os.getenv("WRONG_SECRET") }
            return intruder:processor_balance_get { processor_token = token }
          end
          -- Items made with an error password fail their reads; Balance is not rate limited, so
          -- those records end with the Item's error.
          if record.password then return partner:processor_balance_get { processor_token = token } end
          if record.case == "retry once" and ctx.attempt == 1 then ctx.retry_after(0.01) end
          if record.case == "developer" then
            local client = ctx.client
            local public = keep(client:sandbox_public_token_create { institution_id = "ins_109508", initial_products = { "auth" } }.public_token)
            local access = keep(client:item_public_token_exchange { public_token = public }.access_token)
            local account = client:accounts_get { access_token = access }.accounts[1].account_id
            local stripe = keep(client:processor_stripe_bank_account_token_create { access_token = access, account_id = account }
              .stripe_bank_account_token)
            ctx.log.debug("stripe", stripe, "access", access)
            return { access = plaid.mask(access), stripe = plaid.mask(stripe), account = account }
          end
          local auth = partner:processor_auth_get { processor_token = token }
          return { token = plaid.mask(token), account = auth.account.account_id }
        end
        """

    /// Cases of `tokenHandler` and the error kind and code each one's line must have.
    private static let failingCases: [(record: String, kind: String, code: String?)] = [
        (#"{"case": "error string"}"#, "handler", nil),
        (#"{"case": "error table"}"#, "handler", nil),
        (#"{"case": "token for request"}"#, "validation", nil),
        (#"{"case": "token for processor"}"#, "validation", nil),
        (#"{"case": "token in path"}"#, "plaid", "NOT_FOUND"),
        (#"{"case": "wrong secret"}"#, "plaid", "INVALID_API_KEYS"),
        (#"{"case": "locked", "password": "error_ITEM_LOGIN_REQUIRED"}"#, "plaid", "ITEM_LOGIN_REQUIRED"),
        (#"{"case": "server error", "password": "error_INTERNAL_SERVER_ERROR"}"#, "plaid", "INTERNAL_SERVER_ERROR"),
    ]

    private static var tokenRecords: String {
        let succeeding = (1...16).map { _ in #"{"case": "read"}"# } + [#"{"case": "retry once"}"#, #"{"case": "developer"}"#,
                                                                      #"{"case": "developer"}"#]
        return (failingCases.map(\.record) + succeeding).map { $0 + "\n" }.joined()
    }

    @Test func theBatchRunnerAddsNoSecretOrTokenToItsLinesErrorsSummaryOrLogs() throws {
        let scan = try LeakScan("batch")
        let wrongSecret = "wrong-secret-fedcba9876543210"
        scan.environment["TOKENS_FILE"] = scan.path("tokens.txt")
        scan.environment["WRONG_SECRET"] = wrongSecret
        // Auth reads past 10 a second get RATE_LIMIT_EXCEEDED, which the clients retry.
        scan.environment["PLAIDLUA_SANDBOX_RATE_LIMITS"] = "processor_auth_get=10/s"
        try scan.write("handler.lua", Self.tokenHandler)
        try scan.write("records.jsonl", Self.tokenRecords)

        let run = try scan.run("batch", ["batch", "handler.lua", "--input", "records.jsonl", "--output", "out.jsonl",
                                         "--errors", "failed.jsonl", "--summary", "summary.json", "--concurrency", "8",
                                         "--retries", "4", "--ordered"])
        #expect(run.status == 3, "\(run.standardError)")
        let lines = try OutputLine.parse(try String(contentsOfFile: scan.path("out.jsonl"), encoding: .utf8))
        #expect(lines.count == Self.failingCases.count + 19)
        for (index, expected) in Self.failingCases.enumerated() {
            let line = lines.first { $0.line == index + 1 }
            #expect(line?.ok == false, "\(expected.record)")
            #expect(line?.error?["kind"] as? String == expected.kind, "\(expected.record): \(line?.error ?? [:])")
            if let code = expected.code { #expect(line?.error?["error_code"] as? String == code, "\(expected.record)") }
        }
        // The rest succeed, unless a read stayed rate limited through all its retries.
        for line in lines where line.line > Self.failingCases.count && !line.ok {
            #expect(line.error?["error_type"] as? String == "RATE_LIMIT_EXCEEDED", "line \(line.line): \(line.error ?? [:])")
        }
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scan.path("summary.json"))))
                                   as? [String: Any])
        #expect((summary["retries"] as? Int ?? 0) > 0, "\(summary)")
        let records = Self.tokenRecords.split(separator: "\n").map(String.init)
        let failedRecords = try String(contentsOfFile: scan.path("failed.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(failedRecords.sorted() == lines.filter { !$0.ok }.map { records[$0.line - 1] }.sorted())
        for name in ["out.jsonl", "failed.jsonl", "summary.json"] { scan.observeFile(name, at: scan.path(name)) }

        // The same run on a terminal, where a progress line is drawn while it runs; the run
        // cannot end before the test has seen it.
        let progressSeen = scan.path("progress-seen")
        let session = try TerminalSession(["batch", scan.path("handler.lua"), "--input", scan.path("records.jsonl"),
                                           "--output", scan.path("terminal.jsonl"), "--errors", scan.path("terminal-failed.jsonl"),
                                           "--concurrency", "4", "--retries", "4"],
                                          environment: scan.environment.merging(["PROGRESS_SEEN_FILE": progressSeen]) { $1 })
        var screen = try session.screen()
        let deadline = Date().addingTimeInterval(120)
        var sawProgress = false
        while !screen.contains("[exited"), Date() < deadline {
            scan.observeScreen("batch on a terminal", screen)
            if !sawProgress, screen.range(of: #"\d+/27 \("#, options: .regularExpression) != nil {
                sawProgress = true
                FileManager.default.createFile(atPath: progressSeen, contents: nil)
            }
            Thread.sleep(forTimeInterval: 0.05)
            screen = try session.screen()
        }
        scan.observeScreen("batch on a terminal, at the end", screen)
        #expect(screen.contains("[exited 3]"), "\(screen)")
        #expect(sawProgress, "no progress line was seen")
        for name in ["terminal.jsonl", "terminal-failed.jsonl"] { scan.observeFile(name, at: scan.path(name)) }

        let kept = (try? String(contentsOfFile: scan.path("tokens.txt"), encoding: .utf8)) ?? ""
        scan.keepProduct("tokens the handler kept", kept)
        let tokens = scan.issuedTokens()
        #expect(LeakScan.fullTokens(in: kept).count >= 2 * 27 && tokens.isSuperset(of: LeakScan.fullTokens(in: kept)))
        scan.expectNoLeaks(secrets: try scan.sandboxSecrets() + [wrongSecret], tokens: tokens)
    }

    @Test func aShippedWorkflowAsAHandlerWritesItsFailuresWithoutTheTokens() throws {
        let scan = try LeakScan("batch-workflow")
        let made = try scan.run("setup", ["-e", """
            local plaid = require "plaid"
            local client = plaid.client()
            local function token()
              local public = client:sandbox_public_token_create { institution_id = "ins_109508", initial_products = { "auth" } }
              local access = client:item_public_token_exchange { public_token = public.public_token }.access_token
              local account = client:accounts_get { access_token = access }.accounts[1].account_id
              return client:processor_token_create { access_token = access, account_id = account, processor = "dwolla" }.processor_token, access
            end
            local good = token()
            local revoked, access = token()
            client:item_remove { access_token = access }
            print(good, revoked)
            """], productOutput: true)
        #expect(made.status == 0, "\(made.standardError)")
        let tokens = made.standardOutput.split(whereSeparator: \.isWhitespace).map(String.init)
        try #require(tokens.count == 2)
        let rows = ["\(tokens[0]),dwolla", "\(tokens[1]),dwolla", "\(tokens[0]),galileo", "\(tokens[0]),dwolla"]
        try scan.write("records.csv", "processor_token,processor\n" + rows.map { $0 + "\n" }.joined())

        let run = try scan.run("batch fetch_auth", ["batch", Self.script("fetch_auth"), "--input", "records.csv", "--output", "out.jsonl",
                                                    "--errors", "failed.csv", "--summary", "summary.json", "--ordered"])
        #expect(run.status == 3, "\(run.standardError)")
        let lines = try OutputLine.parse(try String(contentsOfFile: scan.path("out.jsonl"), encoding: .utf8))
        #expect(lines.map(\.ok) == [true, false, false, true])
        #expect(lines.compactMap { $0.error?["error_code"] as? String } == ["ITEM_NOT_FOUND", "INVALID_PROCESSOR_TOKEN"])
        for name in ["out.jsonl", "summary.json"] { scan.observeFile(name, at: scan.path(name)) }
        // The errors file is input for the next run, so it holds the failed records exactly as
        // read (in the order they failed), tokens included, and nothing the runner added.
        let failed = try String(contentsOfFile: scan.path("failed.csv"), encoding: .utf8)
        let failedRows = failed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(failedRows.first == "processor_token,processor")
        #expect(failedRows.dropFirst().sorted() == ["", rows[1], rows[2]].sorted(), "\(failed)")
        scan.keepProduct("the errors file", failed)
        let secrets = try scan.sandboxSecrets()
        #expect(LeakScan.findings(in: [("failed.csv", failed)], secrets: secrets, tokens: []).isEmpty)
        scan.expectNoLeaks(secrets: secrets, tokens: scan.issuedTokens())
    }

    @Test func sandboxServeLogsEveryRequestWithoutKeysOrTokens() throws {
        let scan = try LeakScan("serve")
        let keys = try scan.sandboxCredentials()
        let developer = try #require(keys["developer"]), dwolla = try #require(keys["dwolla"]), galileo = try #require(keys["galileo"])
        let wrongSecret = "wrong-secret-00112233445566778899"
        let server = try RunningCommand(["sandbox", "serve", "--port", "0", "--data", scan.home, "--rate-limit", "processor_auth_get=2/s"],
                                        environment: scan.environment)
        var baseURL: String?
        #expect(server.waitUntil {
            baseURL = server.standardOutputSoFar.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+/).map { String($0.output) }
            return baseURL != nil
        }, "serve never said where it listens")
        let url = try #require(baseURL)
        // Clients configured as for a real Plaid environment: keys from the environment.
        var clients = ["PLAID_ENV": url, "PLAID_CLIENT_ID": developer.clientID, "PLAID_SECRET": developer.secret,
                       "PLAID_DWOLLA_CLIENT_ID": dwolla.clientID, "PLAID_DWOLLA_SECRET": dwolla.secret,
                       "PLAID_GALILEO_CLIENT_ID": galileo.clientID, "PLAID_GALILEO_SECRET": galileo.secret]
        let quickstart = try scan.run("quickstart", [Self.script("quickstart"), "--format", "table"], environment: clients)
        #expect(quickstart.status == 0, "\(quickstart.standardError)")
        let calls = try scan.run("calls", ["-e", """
            local plaid = require "plaid"
            local client, partner = plaid.client(), plaid.client { processor = "dwolla" }
            local made = partner:sandbox_processor_token_create { institution_id = "ins_109508" }
            local token = made.processor_token
            io.stderr:write("kept ", #token, " characters\\n")
            -- Six reads against a budget of two a second: the client retries the 429s.
            pcall(plaid.map, { 1, 2, 3, 4, 5, 6 }, function() return partner:processor_auth_get { processor_token = token } end)
            local failures = {}
            for _, call in ipairs {
              function() return client:processor_auth_get { processor_token = token } end,
              function() return partner:request("/processor/auth/get/" .. token, { processor_token = token }) end,
              function() return partner:request("/processor/identity/get", { processor_token = token, secret = os.getenv("WRONG_SECRET") }) end,
              function() return plaid.client { processor = "galileo" }:processor_balance_get { processor_token = token } end,
            } do
              local ok, problem = pcall(call)
              failures[#failures + 1] = ok and "ok" or tostring(problem)
            end
            plaid.log.info(table.concat(failures, "\\n"))
            """], environment: clients.merging(["WRONG_SECRET": wrongSecret]) { $1 })
        #expect(calls.status == 0, "\(calls.standardError)")
        clients["PLAID_SECRET"] = wrongSecret
        let refused = try scan.run("wrong secret", ["-e", """
            require("plaid").client():institutions_get_by_id { institution_id = "ins_109508", country_codes = { "US" } }
            """], environment: clients)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("INVALID_API_KEYS"), "\(refused.standardError)")

        server.signal(SIGTERM)
        let served = server.finish(seconds: 30)
        #expect(served.status == 0, "\(served.standardError)")
        scan.observe("serve stdout", served.standardOutput)
        scan.observe("serve stderr", served.standardError)
        #expect(served.standardError.contains(" POST /processor/auth/get 429"), "rate limits were met")
        #expect(served.standardError.contains(" POST /processor/auth/get/processor-sandbox-…"), "\(served.standardError)")
        scan.expectNoLeaksWithoutProducts(secrets: keys.values.map(\.secret) + [wrongSecret], tokens: scan.issuedTokens())
    }
}

extension LeakScan {
    /// For runs that put no token anywhere on purpose: the search is proved on the tokens
    /// themselves instead, by finding each in a text made to hold it.
    func expectNoLeaksWithoutProducts(secrets: [String], tokens: Set<String>, sourceLocation: SourceLocation = #_sourceLocation) {
        keepProduct("every token, listed", tokens.sorted().joined(separator: "\n"))
        expectNoLeaks(secrets: secrets, tokens: tokens, sourceLocation: sourceLocation)
    }
}
