import Foundation
import PlaidLuaTesting
import Testing

/// `plaidlua batch` run as a user runs it, against the embedded sandbox.
@Suite(.serialized) struct BatchTests {
    /// Balance for most records, identity for records that say so; the partner's client comes
    /// from ctx.
    static let productHandler = """
        return function(record, ctx)
          local client = ctx.partner(record.processor)
          if record.product == "identity" then
            local identity = client:processor_identity_get { processor_token = record.processor_token }
            return { product = "identity", owner = identity.account.owners[1].names[1] }
          end
          local balance = client:processor_balance_get { processor_token = record.processor_token }
          return { product = "balance", current = balance.account.balances.current }
        end
        """

    @Test func tenThousandRecordsWithBadRecordsRateLimitsAndErrorTriggers() throws {
        var workspace = try BatchWorkspace()
        let good = try workspace.processorTokens(8)
        let locked = try workspace.processorToken(password: "error_ITEM_LOGIN_REQUIRED")
        // Lines 1-20 ask for identity at once, past a budget of 5 a second: most get 429 first.
        workspace.environment["PLAIDLUA_SANDBOX_RATE_LIMITS"] = "processor_identity_get=5/s"
        enum Kind { case identity, balance, notJSON, wrongType, locked }
        func kind(_ line: Int) -> Kind {
            if line <= 20 { return .identity }
            switch line % 1000 {
            case 7: return .notJSON
            case 13: return .wrongType
            case 21: return .locked
            default: return .balance
            }
        }
        var input = ""
        for line in 1...10_000 {
            let token = good[line % good.count]
            switch kind(line) {
            case .identity: input += #"{"processor_token": "\#(token)", "processor": "dwolla", "product": "identity"}"#
            case .balance: input += #"{"processor_token": "\#(token)", "processor": "dwolla"}"#
            case .notJSON: input += #"{"processor_token": "\#(token)", "#
            case .wrongType: input += #"{"processor_token": 12345, "processor": "dwolla"}"#
            case .locked: input += #"{"processor_token": "\#(locked)", "processor": "dwolla"}"#
            }
            input += "\n"
        }
        try workspace.write("records.jsonl", input)
        try workspace.write("handler.lua", Self.productHandler)

        let run = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--concurrency", "64",
                                       "--retries", "12", "--summary", "summary.json"])
        #expect(run.status == 3, "\(run.standardError)")
        let lines = try OutputLine.byLine(try workspace.read("out.jsonl"))
        #expect(lines.count == 10_000)
        for number in 1...10_000 {
            let line = try #require(lines[number], "line \(number) has no answer")
            let result = line.result as? [String: Any]
            switch kind(number) {
            case .identity:
                #expect(line.ok, "line \(number): \(line.error ?? [:])")
                #expect(result?["owner"] as? String == "Alberta Bobbeth Charleson")
            case .balance:
                #expect(line.ok, "line \(number): \(line.error ?? [:])")
                #expect(result?["product"] as? String == "balance")
                #expect(result?["current"] as? Double == 110.0)
            case .notJSON:
                #expect(!line.ok)
                #expect(line.error?["kind"] as? String == "input")
                #expect((line.error?["message"] as? String)?.contains("not valid JSON") == true)
            case .wrongType:
                #expect(!line.ok)
                #expect(line.error?["kind"] as? String == "validation")
                #expect(line.error?["field"] as? String == "processor_token")
            case .locked:
                #expect(!line.ok)
                #expect(line.error?["error_code"] as? String == "ITEM_LOGIN_REQUIRED")
                #expect(line.error?["error_type"] as? String == "ITEM_ERROR")
                #expect(line.error?["request_id"] is String)
            }
        }
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(try workspace.read("summary.json").utf8)) as? [String: Any])
        #expect(summary["records"] as? Int == 10_000)
        // Lines 7 and 13 fall among the identity records, so 28 records are bad, not 30.
        #expect(summary["ok"] as? Int == 9_972)
        #expect(summary["failed"] as? Int == 28)
        #expect((summary["retries"] as? Int ?? 0) > 0, "the rate limit forced no retry: \(summary)")
        #expect(run.standardError.contains("10000 records: 9972 ok, 28 failed"))
    }

    @Test func killedAtAnyMomentAndResumedEveryRecordIsAnsweredExactlyOnce() throws {
        let workspace = try BatchWorkspace()
        let tokens = try workspace.processorTokens(4)
        try workspace.write("records.jsonl", workspace.tokenRecords(1_500, tokens: tokens))
        // With HELD_FILE set, every record says it has started, then waits until the kill.
        try workspace.write("handler.lua", """
            local plaid = require "plaid"
            return function(record, ctx)
              local held = os.getenv("HELD_FILE")
              if held then
                assert(io.open(held, "w")):close()
                plaid.sleep(600)
              end
              return ctx.partner("dwolla"):processor_balance_get { processor_token = record.processor_token }.account.mask
            end
            """)
        let arguments = ["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--concurrency", "32", "--resume"]
        func answered() -> Int {
            ((try? workspace.read("out.jsonl")) ?? "").utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        }
        // Killed with records in flight before anything is written, then after a few lines, then
        // deep into the run.
        for killPoint in [0, 40, 600] {
            var thisRun = workspace
            if killPoint == 0 { thisRun.environment["HELD_FILE"] = workspace.path("held") }
            let running = try thisRun.startBatch(arguments)
            if killPoint > 0 {
                #expect(running.waitUntil { answered() >= killPoint }, "never reached \(killPoint) lines")
            } else {
                #expect(running.waitUntil { workspace.exists("held") }, "no record started")
                #expect(answered() == 0)
            }
            running.signal(SIGKILL)
            _ = running.finish()
            #expect(running.endedBySignal)
        }
        let last = try workspace.batch(arguments)
        #expect(last.status == 0, "\(last.standardError)")
        let lines = try OutputLine.byLine(try workspace.read("out.jsonl"))
        #expect(lines.count == 1_500)
        #expect(Set(lines.keys) == Set(1...1_500))
        #expect(lines.values.allSatisfy { $0.ok && $0.result as? String == "0000" })
    }

    @Test func aLineCutByACrashIsRemovedAndItsRecordRunsAgain() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", "{\"n\": 1}\n{\"n\": 2}\n{\"n\": 3}\n")
        try workspace.write("handler.lua", "return function(record) return record.n * 10 end")
        try workspace.write("out.jsonl", "{\"line\":2,\"ok\":true,\"result\":20}\n{\"line\":1,\"ok\":tr")
        let run = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--resume", "--ordered"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try workspace.read("out.jsonl") == """
            {"line":2,"ok":true,"result":20}
            {"line":1,"ok":true,"result":10}
            {"line":3,"ok":true,"result":30}

            """)
        // The whole input: the record answered before and the two run now.
        #expect(run.standardError.contains("3 records: 3 ok, 0 failed (1 done before, 2 now), 0 retries"), "\(run.standardError)")
    }

    @Test func resumingOverAFileThatIsNotBatchOutputIsRefused() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", "{\"n\": 1}\n")
        try workspace.write("handler.lua", "return function(record) return record.n end")
        try workspace.write("out.jsonl", "name,amount\nx,1\n")
        let run = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--resume"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("out.jsonl line 1 is not a line of batch output"))
        #expect(try workspace.read("out.jsonl") == "name,amount\nx,1\n")
    }

    @Test func anExistingOutputIsNeverOverwritten() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", "{\"n\": 1}\n")
        try workspace.write("handler.lua", "return function(record) return record.n end")
        try workspace.write("out.jsonl", "{\"line\":1,\"ok\":true,\"result\":1}\n")
        let run = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl"])
        #expect(run.status == 1)
        #expect(run.standardError == "plaidlua batch: out.jsonl already holds output; pass --resume to continue that run, or remove it\n")
    }

    @Test func csvRecordsAreTablesOfStringsKeyedByTheHeaderWithTypesOnRequest() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.csv", """
            name,amount,note,active\r
            plain,12,,yes\r
            "Doe, Jane",3,"said ""hi""
            on two lines",no\r
            bad,twelve,x,yes\r

            """)
        try workspace.write("handler.lua", """
            return function(record)
              return { name = record.name, amount = record.amount, amount_type = math.type(record.amount),
                       note = record.note or "(none)", active = record.active }
            end
            """)
        let run = try workspace.batch(["handler.lua", "--input", "records.csv", "--output", "out.jsonl", "--ordered",
                                       "--types", "amount=integer,active=boolean", "--errors", "failed.csv"])
        #expect(run.status == 3, "\(run.standardError)")
        #expect(try workspace.read("out.jsonl") == """
            {"line":1,"ok":true,"result":{"active":true,"amount":12,"amount_type":"integer","name":"plain","note":"(none)"}}
            {"line":2,"ok":true,"result":{"active":false,"amount":3,"amount_type":"integer","name":"Doe, Jane","note":"said \\"hi\\"\\non two lines"}}
            {"line":4,"ok":false,"error":{"kind":"input","message":"field 'amount' is 'twelve', which is not an integer"}}

            """)
        #expect(try workspace.read("failed.csv") == "name,amount,note,active\nbad,twelve,x,yes\n")
    }

    @Test func theErrorsFileFeedsBackAsInput() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", "{\"n\": 1}\n{\"n\": -2}\n{\"n\": 3}\n{\"n\": -4}\n")
        try workspace.write("handler.lua", """
            return function(record)
              if record.n < 0 and not os.getenv("FORGIVE") then error("negative: " .. record.n) end
              return math.abs(record.n)
            end
            """)
        let first = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--errors", "failed.jsonl", "--ordered"])
        #expect(first.status == 3)
        #expect(try workspace.read("failed.jsonl") == "{\"n\": -2}\n{\"n\": -4}\n")
        let failures = try OutputLine.parse(try workspace.read("out.jsonl")).filter { !$0.ok }
        #expect(failures.map(\.line) == [2, 4])
        #expect(failures.first?.error?["kind"] as? String == "handler")
        #expect(failures.first?.error?["message"] as? String == "handler.lua:2: negative: -2")

        var forgiving = workspace
        forgiving.environment["FORGIVE"] = "1"
        let again = try forgiving.batch(["handler.lua", "--input", "failed.jsonl", "--output", "retried.jsonl", "--ordered"])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(try workspace.read("retried.jsonl") == "{\"line\":1,\"ok\":true,\"result\":2}\n{\"line\":2,\"ok\":true,\"result\":4}\n")
    }

    @Test func orderedOutputFollowsTheInputWhateverFinishesFirst() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", (1...40).map { "{\"n\": \($0)}\n" }.joined())
        // Earlier records sleep longer, so they finish last.
        try workspace.write("handler.lua", """
            local plaid = require "plaid"
            return function(record) plaid.sleep((41 - record.n) / 1000); return record.n end
            """)
        let unordered = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "free.jsonl", "--concurrency", "40"])
        #expect(unordered.status == 0, "\(unordered.standardError)")
        let finished = try OutputLine.parse(try workspace.read("free.jsonl")).map(\.line)
        #expect(Set(finished) == Set(1...40))
        #expect(finished != Array(1...40))

        let ordered = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "ordered.jsonl", "--concurrency", "40", "--ordered"])
        #expect(ordered.status == 0, "\(ordered.standardError)")
        #expect(try OutputLine.parse(try workspace.read("ordered.jsonl")).map(\.line) == Array(1...40))
    }

    @Test func shardsAreDisjointAndTogetherCoverTheInput() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", (1...101).map { "{\"n\": \($0)}\n" }.joined())
        try workspace.write("handler.lua", "return function(record, ctx) assert(record.n == ctx.line); return record.n end")
        var seen: [Int] = []
        for shard in 0..<3 {
            let run = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "shard\(shard).jsonl", "--shard", "\(shard)/3"])
            #expect(run.status == 0, "\(run.standardError)")
            let lines = try OutputLine.parse(try workspace.read("shard\(shard).jsonl"))
            #expect(lines.allSatisfy { ($0.line - 1) % 3 == shard && $0.ok })
            seen += lines.map(\.line)
        }
        #expect(seen.sorted() == Array(1...101))
    }

    @Test func standardInputAndStandardOutputWork() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("handler.lua", "return function(record) return record.word:upper() end")
        let run = try workspace.batch(["handler.lua", "--input", "-", "--output", "-", "--ordered"],
                                      input: "{\"word\": \"one\"}\n\n{\"word\": \"two\"}\n")
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == "{\"line\":1,\"ok\":true,\"result\":\"ONE\"}\n{\"line\":3,\"ok\":true,\"result\":\"TWO\"}\n")
    }

    @Test func ctrlCLetsRecordsInFlightFinishAndTheRunResumes() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", (1...400).map { "{\"n\": \($0)}\n" }.joined())
        try workspace.write("handler.lua", """
            local plaid = require "plaid"
            return function(record) plaid.sleep(0.02); return record.n end
            """)
        let arguments = ["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--concurrency", "8", "--resume"]
        let running = try workspace.startBatch(arguments)
        #expect(running.waitUntil { ((try? workspace.read("out.jsonl")) ?? "").count > 200 })
        running.signal(SIGINT)
        let stopped = running.finish()
        #expect(stopped.status == 1)
        #expect(stopped.standardError.contains("stopped before the end of the input; run again with --resume"))
        let partial = try OutputLine.byLine(try workspace.read("out.jsonl"))
        #expect(partial.count < 400)
        #expect(partial.values.allSatisfy { $0.ok })

        let resumed = try workspace.batch(arguments)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(resumed.standardError.contains("400 records: 400 ok, 0 failed (\(partial.count) done before, \(400 - partial.count) now)"),
                "\(resumed.standardError)")
        let all = try OutputLine.byLine(try workspace.read("out.jsonl"))
        #expect(Set(all.keys) == Set(1...400))
    }

    @Test func aTerminalShowsProgressThenTheSummary() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", (1...300).map { "{\"n\": \($0)}\n" }.joined())
        try workspace.write("handler.lua", """
            local plaid = require "plaid"
            return function(record) plaid.sleep(0.02); return record.n end
            """)
        let session = try TerminalSession(["batch", workspace.path("handler.lua"), "--input", workspace.path("records.jsonl"),
                                           "--output", workspace.path("out.jsonl"), "--concurrency", "4"],
                                          environment: workspace.environment)
        let during = try session.waitFor("/300 (")
        #expect(during.range(of: #"\d+/300 \(\d+%\)  \d+/s  ETA \d+:\d\d  0 failed  0 retries"#, options: .regularExpression) != nil, "\(during)")
        let after = try session.waitFor("[exited 0]", seconds: 30)
        #expect(after.contains("plaidlua batch: 300 records: 300 ok, 0 failed (0 done before, 300 now), 0 retries"))
        #expect(!after.contains("/300 ("), "the progress line is cleared before the summary")
    }

    @Test func failFastStopsTakingRecordsAtTheFirstFailure() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", (1...500).map { "{\"n\": \($0)}\n" }.joined())
        try workspace.write("handler.lua", "return function(record) assert(record.n ~= 5, 'five'); return record.n end")
        let run = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--concurrency", "1", "--fail-fast"])
        #expect(run.status == 3)
        let lines = try OutputLine.parse(try workspace.read("out.jsonl"))
        #expect(lines.map(\.line) == [1, 2, 3, 4, 5])
        #expect(lines.last?.ok == false)
    }

    @Test func handlersAskForRetriesThroughCtx() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", "{\"n\": 1}\n{\"n\": 2}\n")
        try workspace.write("handler.lua", """
            return {
              handle = function(record, ctx)
                if ctx.attempt < 3 then ctx.retry_after(0.01) end
                return { n = record.n, attempt = ctx.attempt, line = ctx.line }
              end,
              finish = function(summary) io.stderr:write("finish saw ", summary.ok, " ok and ", summary.retries, " retries\\n") end,
            }
            """)
        let run = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--ordered"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try workspace.read("out.jsonl") == """
            {"line":1,"ok":true,"result":{"attempt":3,"line":1,"n":1}}
            {"line":2,"ok":true,"result":{"attempt":3,"line":2,"n":2}}

            """)
        #expect(run.standardError.contains("finish saw 2 ok and 4 retries"))

        let limited = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "limited.jsonl", "--retries", "1"])
        #expect(limited.status == 3)
        let failure = try OutputLine.parse(try workspace.read("limited.jsonl")).first?.error
        #expect(failure?["kind"] as? String == "retry")
    }

    @Test func aShippedWorkflowIsAHandler() throws {
        let workspace = try BatchWorkspace()
        let tokens = try workspace.processorTokens(2)
        try workspace.write("records.csv", "processor_token,processor\n\(tokens[0]),dwolla\n\(tokens[1]),dwolla\nprocessor-sandbox-nothing,dwolla\n")
        let script = CommandRun.packageRoot.appendingPathComponent("scripts/fetch_balance.lua").path
        let run = try workspace.batch([script, "--input", "records.csv", "--output", "out.jsonl", "--ordered"])
        #expect(run.status == 3, "\(run.standardError)")
        let lines = try OutputLine.parse(try workspace.read("out.jsonl"))
        #expect(lines.map(\.ok) == [true, true, false])
        #expect(((lines[0].result as? [String: Any])?["account"] as? [String: Any])?["mask"] as? String == "0000")
        #expect(lines[2].error?["error_code"] as? String == "INVALID_PROCESSOR_TOKEN")
    }

    @Test func aRateCapSpacesTheCalls() throws {
        let workspace = try BatchWorkspace()
        let tokens = try workspace.processorTokens(1)
        try workspace.write("records.jsonl", workspace.tokenRecords(10, tokens: tokens))
        try workspace.write("handler.lua", """
            return function(record, ctx) return ctx.partner(record.processor):processor_balance_get { processor_token = record.processor_token }.request_id end
            """)
        let run = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--rate", "20",
                                       "--concurrency", "10", "--summary", "summary.json"])
        #expect(run.status == 0, "\(run.standardError)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(try workspace.read("summary.json").utf8)) as? [String: Any])
        #expect(summary["calls"] as? Int == 10)
        // Ten calls at 20 a second cannot all start within 0.45 s.
        #expect((summary["elapsed_seconds"] as? Double ?? 0) >= 0.45)
    }

    @Test func dryRunReadsEverythingAndWritesNothing() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", "{\"n\": 1}\n[1, 2]\n{\"n\": 3}\n")
        try workspace.write("handler.lua", "return function(record) error('must not run') end")
        let run = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--dry-run"])
        #expect(run.status == 3)
        #expect(!workspace.exists("out.jsonl"))
        #expect(run.standardError.contains("3 records: 2 readable, 1 unreadable"))
    }

    /// An installed user has no scripts/ folder at hand: a shipped workflow's name is a handler,
    /// while a file of that path in the current folder still comes first.
    @Test func aShippedScriptsNameIsAHandlerAndALocalFileComesFirst() throws {
        let workspace = try BatchWorkspace()
        let tokens = try workspace.processorTokens(2)
        try workspace.write("records.jsonl", workspace.tokenRecords(2, tokens: tokens))
        let shipped = try workspace.batch(["fetch_balance", "--input", "records.jsonl", "--output", "out.jsonl"])
        #expect(shipped.status == 0, "\(shipped.standardError)")
        let lines = try OutputLine.parse(try workspace.read("out.jsonl"))
        #expect(lines.count == 2 && lines.allSatisfy(\.ok))
        #expect(lines.allSatisfy { (($0.result as? [String: Any])?["account"] as? [String: Any])?["balances"] != nil }, "balances came back")

        try workspace.write("fetch_balance.lua", "return function(record) return { local_handler = true } end")
        let local = try workspace.batch(["fetch_balance.lua", "--input", "records.jsonl", "--output", "local.jsonl"])
        #expect(local.status == 0, "\(local.standardError)")
        #expect(try OutputLine.parse(try workspace.read("local.jsonl")).allSatisfy { ($0.result as? [String: Any])?["local_handler"] as? Bool == true })

        let missing = try workspace.batch(["no_such_workflow", "--input", "records.jsonl", "--output", "missing.jsonl"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("cannot read the handler no_such_workflow"), "\(missing.standardError)")
    }

    @Test func aBadHandlerFailsBeforeAnyRecordIsTouched() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", "{\"n\": 1}\n")
        try workspace.write("number.lua", "return 42")
        try workspace.write("broken.lua", "return function(record")
        for (handler, message) in [("number.lua", "number.lua must return a function(record, ctx) or a table with a handle function, not number"),
                                   ("broken.lua", "broken.lua:1:"),
                                   ("missing.lua", "cannot read the handler missing.lua")] {
            let run = try workspace.batch([handler, "--input", "records.jsonl", "--output", "out.jsonl"])
            #expect(run.status == 1)
            #expect(run.standardError.contains(message), "\(run.standardError)")
            #expect(!workspace.exists("out.jsonl"))
        }
    }

    @Test(arguments: [
        (["--shard", "3/3"], "--shard 3/3 is not K/N with 0 <= K < N"),
        (["--concurrency", "0"], "--concurrency must be from 1 to 10000"),
        (["--input-format", "xml"], "--input-format must be jsonl or csv"),
        (["--types", "amount=money"], "--types entry 'amount=money' is not"),
        (["--frobnicate"], "Unknown option '--frobnicate'"),
    ])
    func usageErrorsExitTwoWithOneLine(extra: [String], message: String) throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", "{\"n\": 1}\n")
        try workspace.write("handler.lua", "return function(record) return record end")
        let run = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl"] + extra)
        #expect(run.status == 2)
        #expect(run.standardError.contains(message), "\(run.standardError)")
        #expect(run.standardError.split(separator: "\n").count == 1)
    }
}
