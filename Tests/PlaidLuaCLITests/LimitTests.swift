import Foundation
import PlaidLuaTesting
import Testing

/// `--timeout` and `--memory-limit` end a runaway script with a clear error; the process stays
/// in control and exits 1.
@Suite struct LimitTests {
    @Test func aBusyLoopEndsAtTheTimeout() throws {
        let run = try CommandRun.plaidlua(["--timeout", "0.3", "-e", "local n = 0; while true do n = n + 1 end"])
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("plaidlua: the script ran past --timeout 0.3s\n"))
        #expect(run.standardError.contains("interrupted!"))
    }

    @Test func catchingTheInterruptDoesNotOutliveTheTimeout() throws {
        let run = try CommandRun.plaidlua(["--timeout=0.3", "-e", "while true do pcall(function() while true do end end) end"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("ran past --timeout 0.3s"))
    }

    @Test func aWaitingCallEndsAtTheTimeout() throws {
        let run = try CommandRun.plaidlua(["--timeout", "0.3", "-e", "require('task').sleep(60)"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("ran past --timeout 0.3s"))
        #expect(run.standardError.contains("cancelled"))
    }

    @Test func aScriptWithinItsTimeoutRunsNormally() throws {
        let run = try CommandRun.plaidlua(["--timeout", "10", "-e", "print(6 * 7)"])
        #expect(run.status == 0)
        #expect(run.standardOutput == "42\n")
    }

    @Test func unboundedAllocationStopsAtTheMemoryLimit() throws {
        let run = try CommandRun.plaidlua(["--memory-limit", "16M", "-e", "local t = {}; for i = 1, 1e9 do t[i] = ('x'):rep(100) .. i end"])
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("plaidlua: the script needed more than --memory-limit 16384 KiB\n"))
        #expect(run.standardError.contains("not enough memory"))
    }

    @Test func aScriptCanCatchRunningOutOfMemoryAndGoOn() throws {
        let run = try CommandRun.plaidlua(["--memory-limit", "16M", "-e", """
            local ok, problem = pcall(function() local t = {}; for i = 1, 1e9 do t[i] = ('x'):rep(100) .. i end end)
            collectgarbage()
            print(ok, problem, #('y'):rep(1000))
            """])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == "false\tnot enough memory\t1000\n")
    }

    @Test(arguments: [
        (["--timeout", "soon"], "'--timeout' needs a number of seconds above 0, not 'soon'"),
        (["--timeout", "0"], "'--timeout' needs a number of seconds above 0, not '0'"),
        (["--memory-limit", "12Q"], "'--memory-limit' needs a size such as 64M, 512K or 2G, not '12Q'"),
        (["--memory-limit", "100K"], "'--memory-limit' needs a size such as 64M, 512K or 2G, not '100K'"),
        (["--timeout"], "'--timeout' needs an argument"),
    ])
    func badLimitsAreUsageErrors(arguments: [String], message: String) throws {
        let run = try CommandRun.plaidlua(arguments + ["-e", "print(1)"])
        #expect(run.status == 2)
        #expect(run.standardError == "plaidlua: \(message) (see 'plaidlua --help')\n")
    }
}
