import Foundation
import PlaidLuaTesting
import Testing

/// `plaidlua batch --memory-limit` and `--timeout`: a handler that allocates without bound fails
/// only its own record, and a run past its deadline stops as a second Ctrl-C stops it, leaving
/// complete lines that `--resume` continues from.
@Suite struct BatchLimitTests {
    /// Memory taken in small pieces with nothing left over, so the budget runs out in the loop.
    static let hog = "while true do held = { held, ('x'):rep(64) } end"

    /// Lines 4, 8 and 12 ask for the hog; every record first waits on a call, so others are in
    /// flight when a hog runs out.
    static let hogRecords = (1...12).map { $0 % 4 == 0 ? "{\"n\": \($0), \"hog\": true}\n" : "{\"n\": \($0)}\n" }.joined()

    static let memoryMessage = "the handler needed more than --memory-limit 16384 KiB: not enough memory"

    /// Runs the batch to its end. One still running after two minutes is killed and fails the
    /// test, so a deadline that never fires cannot hang the suite.
    private func finishedBatch(_ workspace: BatchWorkspace, _ arguments: [String]) throws -> CommandRun {
        let running = try workspace.startBatch(arguments)
        let ended = running.waitUntil(seconds: 120) { running.hasEnded }
        if !ended { running.signal(SIGKILL) }
        #expect(ended, "the run did not end")
        return running.finish()
    }

    private func expectHogsFailedAlone(_ workspace: BatchWorkspace, _ run: CommandRun) throws {
        #expect(run.status == 3, "\(run.standardError)")
        #expect(!run.standardError.contains("PANIC"))
        let lines = try OutputLine.byLine(try workspace.read("out.jsonl"))
        #expect(Set(lines.keys) == Set(1...12))
        for (number, line) in lines {
            if number % 4 == 0 {
                #expect(!line.ok)
                #expect(line.error?["kind"] as? String == "handler")
                #expect(line.error?["message"] as? String == Self.memoryMessage)
            } else {
                #expect(line.ok, "line \(number): \(line.error ?? [:])")
                #expect((line.result as? [String: Any])?["name"] as? String == "First Platypus Bank")
            }
        }
        #expect(run.standardError.contains("12 records: 9 ok, 3 failed"))
    }

    @Test func unboundedAllocationFailsOnlyItsOwnRecord() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", Self.hogRecords)
        try workspace.write("handler.lua", """
            return function(record, ctx)
              local name = ctx.client:institutions_get_by_id { institution_id = "ins_109508", country_codes = { "US" } }.institution.name
              local held
              if record.hog then \(Self.hog) end
              return { n = record.n, name = name }
            end
            """)
        let run = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--memory-limit", "16M",
                                       "--concurrency", "4", "--errors", "failed.jsonl"])
        try expectHogsFailedAlone(workspace, run)
        // The errors file is in the order records finished, which four at a time need not keep.
        let failed = try workspace.read("failed.jsonl").split(separator: "\n").sorted()
        #expect(failed == ["{\"n\": 12, \"hog\": true}", "{\"n\": 4, \"hog\": true}", "{\"n\": 8, \"hog\": true}"])
    }

    /// The hog fills the budget and keeps it while it waits, so the call's response arrives with
    /// no memory left. Before the fix the process aborted ("PANIC: unprotected error in call to
    /// Lua API"): the runner's push of the response had nowhere to raise its error.
    @Test func memoryKeptAcrossACallFailsItsRecordWithoutACrash() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", Self.hogRecords)
        try workspace.write("handler.lua", """
            return function(record, ctx)
              local client, request = ctx.client, { institution_id = "ins_109508", country_codes = { "US" } }
              local held
              if record.hog then pcall(function() while true do held = { held } end end) end
              local name = client:institutions_get_by_id(request).institution.name
              if record.hog then \(Self.hog) end
              return { n = record.n, name = name }
            end
            """)
        let run = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--memory-limit", "16M",
                                       "--concurrency", "1"])
        try expectHogsFailedAlone(workspace, run)
    }

    /// Outside a record there is no record to fail: the run stops, naming the limit.
    @Test func aSetupHookThatRunsOutOfMemoryStopsTheRunNamingTheLimit() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", "{\"n\": 1}\n")
        try workspace.write("handler.lua", """
            return {
              setup = function() local held; \(Self.hog) end,
              handle = function(record) return record.n end,
            }
            """)
        let run = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--memory-limit", "16M"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("\nplaidlua batch: \(Self.memoryMessage)\n"), "\(run.standardError)")
        #expect(!run.standardError.contains("PANIC"))
        #expect(!workspace.exists("out.jsonl"))
    }

    /// Records before 7 finish at once; 7 loops and catches what stops it, when `SPIN` is set.
    static let spinningHandler = """
        return function(record)
          if record.n == 7 and os.getenv("SPIN") then while true do pcall(function() while true do end end) end end
          return record.n
        end
        """

    static let timeoutMessage = "plaidlua batch: the run passed --timeout 1s; run again with --resume to finish the remaining records\n"

    @Test func aBusyLoopEndsAtTheTimeoutWithCompleteLines() throws {
        var workspace = try BatchWorkspace()
        workspace.environment["SPIN"] = "1"
        try workspace.write("records.jsonl", (1...20).map { "{\"n\": \($0)}\n" }.joined())
        try workspace.write("handler.lua", Self.spinningHandler)
        let run = try finishedBatch(workspace, ["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--concurrency", "1",
                                                "--timeout", "1", "--summary", "summary.json"])
        #expect(run.status == 1, "\(run.standardError)")
        #expect(run.standardError.hasSuffix("\n" + Self.timeoutMessage), "\(run.standardError)")
        let output = try workspace.read("out.jsonl")
        #expect(output.hasSuffix("\n"))
        #expect(try OutputLine.parse(output).map(\.line) == Array(1...6))
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(try workspace.read("summary.json").utf8)) as? [String: Any])
        #expect(summary["interrupted"] as? Bool == true)
    }

    /// Records 5, 10, 15 and 20 wait far past the deadline; their calls are cancelled and, like
    /// the records a second Ctrl-C cuts off, they write nothing.
    @Test func callsInFlightAtTheTimeoutAreCancelledAndWriteNothing() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", (1...20).map { "{\"n\": \($0)}\n" }.joined())
        try workspace.write("handler.lua", """
            local plaid = require "plaid"
            return function(record)
              if record.n % 5 == 0 then plaid.sleep(600) end
              return record.n
            end
            """)
        let run = try finishedBatch(workspace, ["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--concurrency", "4",
                                                "--timeout", "1"])
        #expect(run.status == 1, "\(run.standardError)")
        #expect(run.standardError.hasSuffix("\n" + Self.timeoutMessage), "\(run.standardError)")
        let lines = try OutputLine.byLine(try workspace.read("out.jsonl"))
        #expect(Set(lines.keys) == Set((1...20).filter { $0 % 5 != 0 }))
        #expect(lines.values.allSatisfy { $0.ok })
    }

    @Test func aRunStoppedByTheTimeoutResumesToExactlyOneLinePerRecord() throws {
        var spinning = try BatchWorkspace()
        spinning.environment["SPIN"] = "1"
        try spinning.write("records.jsonl", (1...20).map { "{\"n\": \($0)}\n" }.joined())
        try spinning.write("handler.lua", Self.spinningHandler)
        let arguments = ["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--concurrency", "3", "--resume"]
        let stopped = try finishedBatch(spinning, arguments + ["--timeout", "1"])
        #expect(stopped.status == 1, "\(stopped.standardError)")
        let partial = try OutputLine.byLine(try spinning.read("out.jsonl"))
        #expect(partial[7] == nil)

        var calm = spinning
        calm.environment["SPIN"] = nil
        let resumed = try calm.batch(arguments + ["--timeout", "600"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(resumed.standardError.contains("20 records: 20 ok, 0 failed (\(partial.count) done before, \(20 - partial.count) now)"),
                "\(resumed.standardError)")
        let output = try calm.read("out.jsonl")
        #expect(output.split(separator: "\n").count == 20)
        let lines = try OutputLine.byLine(output)
        #expect(Set(lines.keys) == Set(1...20))
        #expect(lines.allSatisfy { $0.value.ok && $0.value.result as? Int == $0.key })
    }

    @Test(arguments: [
        (["--timeout", "soon"], "--timeout needs a number of seconds above 0, not 'soon'"),
        (["--timeout=0"], "--timeout needs a number of seconds above 0, not '0'"),
        (["--memory-limit", "12Q"], "--memory-limit needs a size such as 64M, 512K or 2G, not '12Q'"),
        (["--memory-limit", "100K"], "--memory-limit needs a size such as 64M, 512K or 2G, not '100K'"),
        (["--memory-limit"], "Missing value for '--memory-limit <size>'"),
    ])
    func badLimitsAreUsageErrors(extra: [String], message: String) throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", "{\"n\": 1}\n")
        try workspace.write("handler.lua", "return function(record) return record end")
        let run = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl"] + extra)
        #expect(run.status == 2)
        #expect(run.standardError == "plaidlua batch: \(message) (see 'plaidlua batch --help')\n")
        #expect(!workspace.exists("out.jsonl"))
    }

    @Test func helpListsBothLimits() throws {
        let run = try CommandRun.plaidlua(["batch", "--help"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("--timeout <seconds>"))
        #expect(run.standardOutput.contains("--memory-limit <size>"))
    }
}
