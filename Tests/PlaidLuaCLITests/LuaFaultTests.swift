import Foundation
import PlaidLuaTesting
import Testing

/// Lua code that fails, loops or allocates without end: each fault ends with a clear error where
/// it happened, and the process stays healthy — it runs more Lua and more calls afterwards, or
/// ends with a message instead of a crash. `--timeout` and `--memory-limit` at the top level
/// are in LimitTests.
@Suite struct LuaFaultTests {
    private let home = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-faults-\(UUID().uuidString)").path

    private func plaidlua(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandRun {
        try CommandRun.plaidlua(arguments, environment: ["PLAIDLUA_HOME": home].merging(environment) { $1 })
    }

    static let unknownToken = "processor-sandbox-00000000-0000-4000-8000-000000000000"

    // MARK: Errors

    @Test func anErrorInABatchHandlerFailsOnlyItsRecordAndTheOthersGoOn() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", (1...6).map { "{\"n\": \($0)}\n" }.joined())
        try workspace.write("handler.lua", """
            return function(record, ctx)
              local name = ctx.client:institutions_get_by_id { institution_id = "ins_109508", country_codes = { "US" } }.institution.name
              if record.n == 3 then local missing; return missing.field end
              return { n = record.n, name = name }
            end
            """)
        let run = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--errors", "failed.jsonl",
                                       "--concurrency", "3", "--ordered"])
        #expect(run.status == 3, "\(run.standardError)")
        let lines = try OutputLine.parse(try workspace.read("out.jsonl"))
        #expect(lines.map(\.line) == Array(1...6))
        let failed = try #require(lines.first { $0.line == 3 })
        #expect(!failed.ok)
        #expect(failed.error?["kind"] as? String == "handler")
        #expect(failed.error?["message"] as? String == "handler.lua:3: attempt to index a nil value (local 'missing')")
        for line in lines where line.line != 3 {
            #expect(line.ok, "line \(line.line): \(line.error ?? [:])")
            #expect((line.result as? [String: Any])?["name"] as? String == "First Platypus Bank")
        }
        #expect(try workspace.read("failed.jsonl") == "{\"n\": 3}\n")
        #expect(run.standardError.contains("6 records: 5 ok, 1 failed"))
    }

    @Test func aFailedCallCaughtByPcallIsAnErrorValueAndLaterCallsWork() throws {
        let run = try plaidlua(["-e", """
            local plaid = require "plaid"
            local partner = plaid.client { processor = "dwolla" }
            local ok, e = pcall(partner.processor_auth_get, partner, { processor_token = "\(Self.unknownToken)" })
            print(ok, plaid.is_error(e), e.kind, e.error_code, e.error_type, e.status)
            print(tostring(e):match("^INVALID_PROCESSOR_TOKEN %(INVALID_INPUT%): could not find matching processor token %[request_id %w+, HTTP 400%]$") ~= nil)
            local bad, v = pcall(partner.processor_auth_get, partner, { processor_tokn = "x" })
            print(bad, v.kind, v.method, v.field)
            local nobody = plaid.client { base_url = "http://127.0.0.1:9", client_id = "id", secret = "s", retries = 0 }
            local down, t = pcall(nobody.processor_auth_get, nobody, { processor_token = "x" })
            print(down, t.kind, t.reason)
            print(partner:sandbox_processor_token_create { institution_id = "ins_109508" }.processor_token:sub(1, 18))
            """])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == """
            false\ttrue\tplaid\tINVALID_PROCESSOR_TOKEN\tINVALID_INPUT\t400
            true
            false\tvalidation\tprocessor_auth_get\tprocessor_tokn
            false\ttransport\tconnectionRefused
            processor-sandbox-

            """)
    }

    @Test func anErrorInsideASpawnedTaskSurfacesOnWaitAndLeavesTheOtherTasksAlone() throws {
        let run = try plaidlua(["-e", """
            local plaid = require "plaid"
            local partner = plaid.client { processor = "dwolla" }
            local failing = plaid.spawn(function() plaid.sleep(0.01); error("boom in a task") end)
            local refused = plaid.spawn(partner.processor_auth_get, partner, { processor_token = "\(Self.unknownToken)" })
            local working = plaid.spawn(function()
              return partner:sandbox_processor_token_create { institution_id = "ins_109508" }.processor_token:sub(1, 18)
            end)
            print(pcall(failing.wait, failing))
            local ok, e = pcall(refused.wait, refused)
            print(ok, plaid.is_error(e), e.error_code)
            print(working:wait(), failing.finished, working.finished)
            local token = partner:sandbox_processor_token_create { institution_id = "ins_109508" }.processor_token
            print(partner:processor_auth_get { processor_token = token }.numbers.ach.routing)
            """])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == """
            false\t(command line):3: boom in a task
            false\ttrue\tINVALID_PROCESSOR_TOKEN
            processor-sandbox-\ttrue\ttrue
            011401533

            """)
    }

    @Test func anUncaughtErrorFromASpawnedTaskEndsTheScriptWithItsMessageAndTraceback() throws {
        let run = try plaidlua(["-e", """
            local task = require("plaid").spawn(function() error("boom in a task") end)
            task:wait()
            print("not reached")
            """])
        #expect(run.status == 1)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.hasPrefix("plaidlua: (command line):1: boom in a task\n"), "\(run.standardError)")
        #expect(run.standardError.contains("stack traceback:"))
    }

    // MARK: Limits inside tasks and handlers

    /// The task loops; the script waits for it, directly or inside pcall. Either way the run
    /// ends at the limit with status 1, even when the script caught the cancelled wait and
    /// finished on its own.
    @Test(arguments: ["busy:wait()", "print(pcall(busy.wait, busy))"])
    func aBusyLoopInASpawnedTaskEndsAtTheTimeout(wait: String) throws {
        let run = try plaidlua(["--timeout", "0.5", "-e", """
            local plaid = require "plaid"
            busy = plaid.spawn(function() while true do end end)
            \(wait)
            """])
        #expect(run.status == 1, "\(run.standardOutput)")
        #expect(run.standardError.hasPrefix("plaidlua: the script ran past --timeout 0.5s"), "\(run.standardError)")
    }

    /// Memory taken in small pieces, so the allocation that fails is small and none is left
    /// over; the failed task keeps all of it until its error has been read.
    static let hog = "local chain; while true do chain = { chain, ('x'):rep(64) } end"

    /// Before the fix the process aborted in both cases ("PANIC: unprotected error in call to Lua
    /// API"): taking the failed coroutine's traceback needed memory it still held.
    @Test(arguments: ["\(hog)", "require('plaid').spawn(function() \(hog) end):wait()"])
    func unboundedAllocationEndsAtTheMemoryLimitWithoutACrash(source: String) throws {
        let run = try plaidlua(["--memory-limit", "16M", "-e", source])
        #expect(run.status == 1, "\(run.standardError)")
        #expect(run.standardError.hasPrefix("plaidlua: the script needed more than --memory-limit 16384 KiB\n"), "\(run.standardError)")
        #expect(run.standardError.contains("not enough memory"))
        #expect(!run.standardError.contains("PANIC"))
    }

    @Test func aTaskThatRanOutOfMemoryLeavesTheProcessAbleToCallPlaid() throws {
        let run = try plaidlua(["--memory-limit", "16M", "-e", """
            local plaid = require "plaid"
            local hog = plaid.spawn(function() \(Self.hog) end)
            print(pcall(hog.wait, hog))
            collectgarbage()
            local partner = plaid.client { processor = "dwolla" }
            local token = partner:sandbox_processor_token_create { institution_id = "ins_109508" }.processor_token
            print(partner:processor_auth_get { processor_token = token }.numbers.ach.routing)
            """])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == "false\tnot enough memory\n011401533\n")
    }

    /// Without `--timeout` (BatchLimitTests), a handler that never returns holds the run until
    /// Ctrl-C. The first stops taking records, the second ends the one in flight, and what
    /// finished is kept for `--resume`.
    @Test func ctrlCEndsABatchWhoseHandlerLoopsForever() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", "{\"n\": 1}\n{\"n\": 2}\n{\"n\": 3}\n")
        try workspace.write("handler.lua", "return function(record) if record.n == 2 then while true do end end return record.n end")
        let running = try workspace.startBatch(["handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--concurrency", "1"])
        #expect(running.waitUntil { ((try? workspace.read("out.jsonl")) ?? "").hasSuffix("\n") }, "the first record never finished")
        // Signals sent close together may arrive as one, so Ctrl-C again until the run ends.
        for _ in 1...10 where !running.hasEnded {
            running.signal(SIGINT)
            running.waitUntil(seconds: 1) { running.hasEnded }
        }
        let run = running.finish(seconds: 30)
        #expect(!running.endedBySignal)
        #expect(run.status == 1, "\(run.standardError)")
        #expect(run.standardError.contains("stopped before the end of the input; run again with --resume"))
        #expect(try workspace.read("out.jsonl") == "{\"line\":1,\"ok\":true,\"result\":1}\n")
    }

    // MARK: --safe

    /// Debian's shared Lua library, whose `luaopen_os` hands back a full `os` to anyone who can
    /// load C code.
    private static var sharedLuaLibrary: String? {
        for folder in ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            if let name = names.sorted().first(where: { $0.hasPrefix("liblua5.4.so") }) { return folder + "/" + name }
        }
        return nil
    }

    /// Each escape prints `escaped` when it works; `--safe` must stop it with an error naming
    /// what is missing. `LIB` and `DIR` stand for the shared Lua library and a folder holding a
    /// Lua file, a binary chunk and a C module made from that library.
    static let escapes: [(name: String, source: String, error: String)] = [
        ("os.execute", #"os.execute("echo escaped")"#, "attempt to call a nil value (field 'execute')"),
        ("io.popen", #"print(io.popen("echo escaped"):read("a"))"#, "attempt to index a nil value (global 'io')"),
        ("io.open", #"print(io.open("DIR/payload.lua") and "escaped")"#, "attempt to index a nil value (global 'io')"),
        ("os.getenv of a secret", #"print(assert(os.getenv("PLAID_SECRET"), "hidden") and "escaped")"#, "hidden"),
        ("os.remove", #"os.remove("DIR/payload.lua"); print("escaped")"#, "attempt to call a nil value (field 'remove')"),
        ("os.rename", #"os.rename("DIR/payload.lua", "DIR/moved.lua"); print("escaped")"#, "attempt to call a nil value (field 'rename')"),
        ("os.tmpname", #"print(os.tmpname() and "escaped")"#, "attempt to call a nil value (field 'tmpname')"),
        ("package.path", #"package.path = "DIR/?.lua"; require("payload")"#, "package.path cannot be changed under --safe"),
        ("package.searchers", #"table.insert(package.searchers, function() return function() print("escaped") end end); require("nothing")"#,
         "package.searchers cannot be changed under --safe"),
        ("a client's base_url", #"require("plaid").client { base_url = "http://127.0.0.1:9", client_id = "i", secret = "s" }; print("escaped")"#,
         "option 'base_url' is not available under --safe"),
        ("a client's secret", #"require("plaid").client { secret = "s" }; print("escaped")"#, "option 'secret' is not available under --safe"),
        ("a raw call outside the API", #"local c = require("plaid").client(); local ok, e = pcall(c.request, c, "/not/an/endpoint", {}); assert(ok or e.kind == "plaid", tostring(e)); print("escaped")"#,
         "under --safe, request takes only the API's paths"),
        ("package.loadlib", #"print(package.loadlib("LIB", "luaopen_os")().execute and "escaped")"#,
         "attempt to call a nil value (field 'loadlib')"),
        ("require of a C module", #"print(require("os-escape").execute and "escaped")"#, "module 'os-escape' not found"),
        ("dofile", #"dofile("DIR/payload.lua")"#, "attempt to call a nil value (global 'dofile')"),
        ("loadfile", #"loadfile("DIR/payload.lua")()"#, "attempt to call a nil value (global 'loadfile')"),
        ("debug", #"print(debug.getregistry() and "escaped")"#, "attempt to index a nil value (global 'debug')"),
        ("string.dump", #"print(assert(load(string.dump(function() return "escaped" end), "=dumped", "b"))())"#,
         "attempt to call a nil value (field 'dump')"),
        ("a binary chunk through require", #"require("dumped")"#, "attempt to load a binary chunk (mode is 't')"),
    ]

    @Test(arguments: escapes.map(\.name))
    func safeModeBlocksTheEscape(name: String) throws {
        let escape = try #require(Self.escapes.first { $0.name == name })
        let library = try #require(Self.sharedLuaLibrary, "no liblua5.4.so to load")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-safe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "print('escaped')".write(to: folder.appendingPathComponent("payload.lua"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("os-escape.so").path, withDestinationPath: library)
        // In the user scripts folder, where a --safe require may look.
        try FileManager.default.createDirectory(atPath: home + "/scripts", withIntermediateDirectories: true)
        let dumped = try plaidlua(["-e", "io.open('\(home)/scripts/dumped.lua', 'wb'):write(string.dump(load(\"print('escaped')\"))):close()"])
        #expect(dumped.status == 0, "\(dumped.standardError)")
        let source = escape.source.replacingOccurrences(of: "LIB", with: library).replacingOccurrences(of: "DIR", with: folder.path)
        let paths = ["LUA_PATH": folder.path + "/?.lua;;", "LUA_CPATH": folder.path + "/?.so", "PLAID_SECRET": "s3cret-for-escapes"]

        // The escape is real: without --safe it works.
        let open = try plaidlua(["-e", source], environment: paths)
        #expect(open.status == 0, "\(open.standardError)")
        #expect(open.standardOutput.contains("escaped"))

        let safe = try plaidlua(["--safe", "-e", source], environment: paths)
        #expect(safe.status == 1)
        #expect(!safe.standardOutput.contains("escaped"))
        #expect(safe.standardError.hasPrefix("plaidlua: "), "\(safe.standardError)")
        #expect(safe.standardError.contains(escape.error), "\(safe.standardError)")
    }
}
