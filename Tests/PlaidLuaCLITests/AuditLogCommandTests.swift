import Foundation
import PlaidLuaTesting
import Testing

/// The audit log end to end: runs of the real binary append to a real `audit.sqlite`, and
/// `plaidlua log` reads and trims it.
@Suite(.serialized) struct AuditLogCommandTests {
    static let fields: Set<String> = ["time", "profile", "env", "endpoint", "token", "request_id", "status", "error_type",
                                      "error_code", "attempts", "latency_ms", "run"]

    /// `plaidlua log ARGUMENTS --json`, one object per line; a line that is not one fails the test.
    func logLines(_ workspace: BatchWorkspace, _ arguments: [String] = []) throws -> [[String: Any]] {
        let run = try CommandRun.plaidlua(["log", "--json"] + arguments, environment: workspace.environment)
        #expect(run.status == 0, "\(run.standardError)")
        return try run.standardOutput.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not an object: \(line)")
            #expect(Set(object.keys) == Self.fields, "\(line)")
            return object
        }
    }

    /// What the tests expect a masked token to look like: its kind, then only its last four.
    func masked(_ token: String) -> String {
        let parts = token.split(separator: "-", maxSplits: 2)
        return "\(parts[0])-\(parts[1])-…\(token.suffix(4))"
    }

    @Test func aBatchsCallsAreListedWithMaskedTokensAndTheRunTheyCameFrom() throws {
        var workspace = try BatchWorkspace()
        let good = try workspace.processorTokens(3)
        let locked = try workspace.processorToken(password: "error_ITEM_LOGIN_REQUIRED")
        try workspace.write("records.jsonl", workspace.tokenRecords(40, tokens: good)
            + #"{"processor_token": "\#(locked)", "processor": "dwolla"}"# + "\n")
        try workspace.write("handler.lua", BatchTests.productHandler)
        let batch = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--concurrency", "16"])
        #expect(batch.status == 3, "\(batch.standardError)")

        // A call that gets no answer at all: nothing listens at the client's base URL.
        let closed = try ReservedPort()
        defer { closed.release() }
        let refusedSecret = "secret-of-the-closed-port-client-7c1d"
        workspace.environment["CLOSED_URL"] = "http://127.0.0.1:\(closed.port)"
        workspace.environment["CLOSED_SECRET"] = refusedSecret
        let refused = try CommandRun.plaidlua(["-e", """
            local client = require("plaid").client { base_url = os.getenv("CLOSED_URL"), client_id = "closed-client",
                                                     secret = os.getenv("CLOSED_SECRET"), retries = 1 }
            local ok, err = pcall(client.processor_auth_get, client, { processor_token = "\(good[0])" })
            io.write(tostring(ok), " ", tostring(err.reason))
            """], environment: workspace.environment)
        #expect(refused.standardOutput == "false connectionRefused", "\(refused.standardError)")

        let all = try logLines(workspace)
        let batchCalls = all.filter { ($0["run"] as? String)?.hasPrefix("batch handler.lua (pid ") == true }
        #expect(batchCalls.count == 41)
        #expect(batchCalls.allSatisfy { $0["endpoint"] as? String == "processor_balance_get" && $0["env"] as? String == "embedded" })
        #expect(batchCalls.allSatisfy { $0["profile"] is NSNull })
        #expect(Set(batchCalls.compactMap { $0["token"] as? String }) == Set((good + [locked]).map(masked)))
        #expect(Set(batchCalls.compactMap { $0["run"] as? String }).count == 1, "one batch, one run label")
        let succeeded = batchCalls.filter { $0["status"] as? Int == 200 }
        #expect(succeeded.count == 40)
        #expect(succeeded.allSatisfy { ($0["request_id"] as? String)?.isEmpty == false && $0["error_type"] is NSNull })
        #expect(batchCalls.allSatisfy { ($0["attempts"] as? Int ?? 0) >= 1 && ($0["latency_ms"] as? Double ?? -1) >= 0 })
        let failed = try #require(batchCalls.first { $0["status"] as? Int == 400 })
        #expect(failed["error_type"] as? String == "ITEM_ERROR")
        #expect(failed["error_code"] as? String == "ITEM_LOGIN_REQUIRED")
        #expect(failed["token"] as? String == masked(locked))
        #expect((failed["request_id"] as? String)?.isEmpty == false)

        // The set-up scripts (-e) made the Item and its tokens: public, access and processor tokens.
        let setUp = all.filter { ($0["run"] as? String)?.hasPrefix("-e (pid ") == true && $0["env"] as? String == "embedded" }
        #expect(Set(setUp.compactMap { $0["endpoint"] as? String }).isSuperset(of: [
            "sandbox_public_token_create", "item_public_token_exchange", "accounts_get", "processor_token_create",
        ]))
        let transport = try #require(all.first { $0["env"] as? String == "http://127.0.0.1:\(closed.port)" })
        #expect(transport["error_type"] as? String == "transport")
        #expect(transport["error_code"] as? String == "connectionRefused")
        #expect(transport["status"] is NSNull)
        #expect(transport["attempts"] as? Int == 2)
        #expect(transport["token"] as? String == masked(good[0]))

        let balance = try logLines(workspace, ["--endpoint", "processor_balance_get"])
        #expect(balance.count == 41)
        #expect(try logLines(workspace, ["--endpoint", "no_such_method"]).isEmpty)

        let errors = try logLines(workspace, ["--errors"])
        #expect(errors.count == 2, "\(errors)")
        #expect(Set(errors.compactMap { $0["error_code"] as? String }) == ["ITEM_LOGIN_REQUIRED", "connectionRefused"])

        #expect(try logLines(workspace, ["--since", "1h"]).count == all.count)
        #expect(try logLines(workspace, ["--since", "2d"]).count == all.count)
        #expect(try logLines(workspace, ["--since", "2999-01-01T00:00:00Z"]).isEmpty)
        let firstBatchCall = try #require(batchCalls.first?["time"] as? String)
        #expect(try logLines(workspace, ["--since", firstBatchCall]).count == all.count - setUp.count)

        let table = try CommandRun.plaidlua(["log", "--errors"], environment: workspace.environment)
        #expect(table.status == 0)
        #expect(table.standardOutput.hasPrefix("time "))
        #expect(table.standardOutput.contains("ITEM_ERROR/ITEM_LOGIN_REQUIRED"))
        #expect(table.standardOutput.contains("transport/connectionRefused"))
        #expect(table.standardOutput.split(separator: "\n").count == 3)

        try expectNoSecretOrFullToken(in: workspace, alsoSecrets: [refusedSecret])

        let keep = try CommandRun.plaidlua(["log", "--prune-older-than", "1h"], environment: workspace.environment)
        #expect(keep.status == 0, "\(keep.standardError)")
        #expect(keep.standardOutput.hasPrefix("removed 0 calls"))
        #expect(try logLines(workspace).count == all.count)
        let prune = try CommandRun.plaidlua(["log", "--prune-older-than", "0s"], environment: workspace.environment)
        #expect(prune.standardOutput.hasPrefix("removed \(all.count) calls"), "\(prune.standardOutput)")
        #expect(try logLines(workspace).isEmpty)
    }

    /// The log's bytes, main file and write-ahead log, hold none of the sandbox's secrets nor
    /// any token the sandbox issued, only their masked forms.
    func expectNoSecretOrFullToken(in workspace: BatchWorkspace, alsoSecrets: [String]) throws {
        let home = try #require(workspace.environment["PLAIDLUA_HOME"])
        var issued: Set<String> = []
        for file in ["sandbox.sqlite", "sandbox.sqlite-wal"] {
            if let data = FileManager.default.contents(atPath: home + "/" + file) {
                issued.formUnion(LeakScan.fullTokens(in: String(decoding: data, as: UTF8.self)))
            }
        }
        let credentials = try CommandRun.plaidlua(["sandbox", "credentials", "--json", "--data", home], environment: workspace.environment)
        let keys = try #require(try JSONSerialization.jsonObject(with: Data(credentials.standardOutput.utf8)) as? [String: Any])
        let partners = try #require(keys["processors"] as? [String: [String: Any]])
        let secrets = ([keys["developer"] as? [String: Any]] + partners.values.map { $0 }).compactMap { $0?["secret"] as? String }
            + alsoSecrets
        #expect(issued.count >= 5, "the search needs tokens to look for")
        #expect(secrets.count >= 2)
        var audit = ""
        for file in ["audit.sqlite", "audit.sqlite-wal"] {
            if let data = FileManager.default.contents(atPath: home + "/" + file) { audit += String(decoding: data, as: UTF8.self) }
        }
        #expect(LeakScan.findings(in: [("audit log", audit)], secrets: secrets, tokens: issued).isEmpty)
        // The control: the masked forms are there, so the bytes searched are the log's rows.
        #expect(issued.filter { $0.hasPrefix("processor-") }.contains { audit.contains(masked($0)) })
    }

    @Test func theLogAndItsWriteAheadLogAre0600AndHoldACallBeforeTheScriptSeesItsResult() throws {
        var workspace = try BatchWorkspace()
        workspace.environment["PLAIDLUA"] = CommandRun.executable.path
        // Once the call returns, another process already finds it in the log: it was committed
        // before the result reached the script. The modes are read while the log is open, when
        // its write-ahead log exists.
        let run = try CommandRun.plaidlua(["-e", """
            local client = require("plaid").client()
            client:sandbox_public_token_create { institution_id = "ins_109508", initial_products = { "auth" } }
            local home = os.getenv("PLAIDLUA_HOME")
            local logged = io.popen(os.getenv("PLAIDLUA") .. " log --json --endpoint sandbox_public_token_create"):read("a")
            local modes = io.popen("stat -c '%a %n' " .. home .. " " .. home .. "/audit.sqlite*"):read("a")
            io.write(logged, "---\\n", modes)
            """], environment: workspace.environment)
        #expect(run.status == 0, "\(run.standardError)")
        let parts = run.standardOutput.components(separatedBy: "---\n")
        #expect(parts.count == 2)
        #expect(parts.first?.contains(#""endpoint":"sandbox_public_token_create""#) == true, "\(run.standardOutput)")
        let home = try #require(workspace.environment["PLAIDLUA_HOME"])
        let modes = Dictionary(uniqueKeysWithValues: (parts.last ?? "").split(separator: "\n").map { line in
            let fields = line.split(separator: " ", maxSplits: 1)
            return (String(fields[1]), String(fields[0]))
        })
        #expect(modes[home + "/audit.sqlite"] == "600", "\(modes)")
        #expect(modes[home + "/audit.sqlite-wal"] == "600", "\(modes)")
        #expect(modes[home + "/audit.sqlite-shm"] == "600", "\(modes)")
        #expect(modes[home] == "700", "\(modes)")
    }

    @Test func eachRunIsNamedByWhatItRan() throws {
        let workspace = try BatchWorkspace()
        let call = #"require("plaid").client():sandbox_public_token_create { institution_id = "ins_109508", initial_products = { "auth" } }"#
        try workspace.write("make_item.lua", call)
        let script = try CommandRun.plaidlua(["make_item.lua"], environment: workspace.environment, directory: workspace.folder)
        #expect(script.status == 0, "\(script.standardError)")
        let repl = try CommandRun.plaidlua(["-i"], input: call + "\n", environment: workspace.environment)
        #expect(repl.status == 0, "\(repl.standardError)")
        let runs = try logLines(workspace).compactMap { $0["run"] as? String }
        #expect(runs.count == 2)
        #expect(runs.first?.hasPrefix("make_item.lua (pid ") == true, "\(runs)")
        #expect(runs.last?.hasPrefix("repl (pid ") == true, "\(runs)")
    }

    @Test func auditOffWritesNoLog() throws {
        var workspace = try BatchWorkspace()
        workspace.environment["PLAIDLUA_AUDIT"] = "off"
        let run = try CommandRun.plaidlua(["-e", """
            require("plaid").client():sandbox_public_token_create { institution_id = "ins_109508", initial_products = { "auth" } }
            """], environment: workspace.environment)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.isEmpty)
        #expect(workspace.exists("home/sandbox.sqlite"), "the run used this home")
        #expect(!workspace.exists("home/audit.sqlite"))
    }

    @Test func aLogThatCannotBeOpenedWarnsOnceAndTheRunGoesOn() throws {
        let workspace = try BatchWorkspace()
        // A directory where the file should be: SQLite cannot open it.
        try FileManager.default.createDirectory(atPath: workspace.path("home/audit.sqlite"), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let run = try CommandRun.plaidlua(["-e", """
            local client = require("plaid").client()
            for _ = 1, 3 do client:sandbox_public_token_create { institution_id = "ins_109508", initial_products = { "auth" } } end
            local other = require("plaid").client { processor = "dwolla" }
            io.write("done")
            """], environment: workspace.environment)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == "done")
        let warnings = run.standardError.split(separator: "\n")
        #expect(warnings.count == 1, "\(run.standardError)")
        #expect(warnings.first?.contains("audit log cannot be opened") == true)
    }

    @Test(arguments: [["--since", "yesterday"], ["--since", "5x"], ["--prune-older-than", "2026-01-01"],
                      ["--prune-older-than", "30d", "--json"], ["--bogus"]])
    func usageErrorsAreOneLineWithStatus2(_ arguments: [String]) throws {
        let workspace = try BatchWorkspace()
        let run = try CommandRun.plaidlua(["log"] + arguments, environment: workspace.environment)
        #expect(run.status == 2)
        #expect(run.standardError.split(separator: "\n").count == 1, "\(run.standardError)")
        #expect(run.standardError.hasPrefix("plaidlua log: "))
        #expect(run.standardOutput.isEmpty)
    }

    @Test func anEmptyHomeHasNothingToShowAndLookingCreatesNoLog() throws {
        let workspace = try BatchWorkspace()
        let run = try CommandRun.plaidlua(["log"], environment: workspace.environment)
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("no calls recorded"))
        #expect(!workspace.exists("home/audit.sqlite"))
    }
}
