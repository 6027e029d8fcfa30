import Foundation
import PlaidLuaTesting
import Testing

/// The `plaidlua` binary, driven as a subprocess, behaves as `lua` users expect.
@Suite struct CommandLineTests {
    private func scriptFile(_ source: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-\(UUID().uuidString).lua")
        try source.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func executeOptionRunsItsChunk() throws {
        let run = try CommandRun.plaidlua(["-e", "print(6 * 7, 7 / 2, math.type(1))"])
        #expect(run.status == 0)
        #expect(run.standardOutput == "42\t3.5\tinteger\n")
        #expect(run.standardError.isEmpty)
    }

    @Test func joinedExecuteAndRequireRunInCommandLineOrder() throws {
        let run = try CommandRun.plaidlua(["-eorder = {'first'}", "-l", "s=string", "-e", "order[#order + 1] = s.upper('second'); print(table.concat(order, ' '))"])
        #expect(run.standardOutput == "first SECOND\n")
    }

    @Test func scriptGetsArgAndDotsAsLuaSetsThem() throws {
        let script = try scriptFile("print(arg[0] == ..., select('#', ...), ...)\nprint(arg[-1], arg[-2] ~= nil, #arg)\n")
        let run = try CommandRun.plaidlua(["-e", "x=1", script.path, "a", "b c"])
        #expect(run.status == 0)
        #expect(run.standardOutput == "false\t2\ta\tb c\nx=1\ttrue\t2\n")
    }

    @Test func dashReadsTheScriptFromStandardInput() throws {
        let run = try CommandRun.plaidlua(["-", "one"], input: "print('stdin says', ...)")
        #expect(run.standardOutput == "stdin says\tone\n")
    }

    @Test func withoutArgumentsAPipedScriptRunsAsLuaDoes() throws {
        let run = try CommandRun.plaidlua([], input: "io.write('piped', '\\n')")
        #expect(run.status == 0)
        #expect(run.standardOutput == "piped\n")
    }

    @Test func doubleDashEndsTheOptions() throws {
        let script = try scriptFile("print(...)")
        let run = try CommandRun.plaidlua(["--", script.path, "-e"])
        #expect(run.standardOutput == "-e\n")
    }

    @Test func aShebangLineIsSkipped() throws {
        let script = try scriptFile("#!/usr/bin/env plaidlua\nprint('ran')\nerror('line three')\n")
        let run = try CommandRun.plaidlua([script.path])
        #expect(run.standardOutput == "ran\n")
        #expect(run.standardError.contains(":3: line three"))
    }

    @Test func versionNamesPlaidLuaAndLua() throws {
        let run = try CommandRun.plaidlua(["-v"])
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("PlaidLua "))
        #expect(run.standardOutput.hasSuffix(", Lua 5.4.4  Copyright (C) 1994-2022 Lua.org, PUC-Rio\n"), "lua -v's line ends it")
    }

    @Test func aFailingScriptExitsOneWithMessageAndTraceback() throws {
        let script = try scriptFile("local function check(t)\n  return t.missing.field\nend\ncheck({})\n")
        let run = try CommandRun.plaidlua([script.path])
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("plaidlua: \(script.path):2: attempt to index a nil value (field 'missing')\nstack traceback:\n"))
        #expect(run.standardError.contains("\(script.path):4: in main chunk"))
        #expect(!run.standardError.contains("Fatal error"))
    }

    @Test func aMissingScriptExitsOne() throws {
        let run = try CommandRun.plaidlua(["/nonexistent/job.lua"])
        #expect(run.status == 1)
        #expect(run.standardError == "plaidlua: cannot open /nonexistent/job.lua\n")
    }

    @Test(arguments: [
        (["-x"], "plaidlua: unrecognized option '-x'"),
        (["-e"], "plaidlua: '-e' needs argument"),
        (["-l", "-v"], "plaidlua: '-l' needs argument"),
        (["-h"], "plaidlua: unrecognized option '-h'"),
        (["--bogus"], "plaidlua: unrecognized option '--bogus'"),
    ])
    func usageErrorsExitTwoWithOneLineAndAHint(arguments: [String], message: String) throws {
        let run = try CommandRun.plaidlua(arguments)
        #expect(run.status == 2)
        #expect(run.standardError == message + " (see 'plaidlua --help')\n")
        #expect(run.standardOutput.isEmpty)
    }

    @Test func warningsAreOffUnlessAsked() throws {
        let quiet = try CommandRun.plaidlua(["-e", "warn('careful')"])
        #expect(quiet.standardError.isEmpty)
        let loud = try CommandRun.plaidlua(["-W", "-e", "warn('careful')"])
        #expect(loud.standardError == "Lua warning: careful\n")
    }

    @Test func ctrlCInterruptsABusyScriptWithATraceback() throws {
        let running = try RunningCommand(["-e", "print('looping'); io.stdout:flush(); local n = 0; while true do n = n + 1 end"])
        #expect(running.waitUntil { running.standardOutputSoFar == "looping\n" })
        running.signal(SIGINT)
        let run = running.finish(seconds: 30)
        #expect(run.status == 1)
        #expect(run.standardError.contains("interrupted!"))
        #expect(run.standardError.contains("stack traceback"))
    }

    /// A C function (a long pattern match) never reaches the hook the first Ctrl-C sets; the second
    /// ends the process by the signal, as with lua.
    @Test func aSecondCtrlCEndsAScriptStuckInACFunction() throws {
        let running = try RunningCommand(["-e", "print('searching'); io.stdout:flush(); string.find(string.rep('a', 200000), '.*b')"])
        #expect(running.waitUntil { running.standardOutputSoFar == "searching\n" })
        // Past the Lua code between the print and the search, however loaded the machine: the
        // search itself takes many seconds.
        Thread.sleep(forTimeInterval: 1)
        running.signal(SIGINT)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(!running.hasEnded, "one Ctrl-C cannot stop a C function")
        running.signal(SIGINT)
        #expect(running.waitUntil(seconds: 10) { running.hasEnded })
        #expect(running.endedBySignal)
    }

    @Test func ctrlCCancelsAWaitingCall() throws {
        let running = try RunningCommand(["-e", "print('waiting'); io.stdout:flush(); require('task').sleep(60); print('woke')"])
        #expect(running.waitUntil { running.standardOutputSoFar == "waiting\n" })
        // Into the wait: a Ctrl-C while Lua code still runs is the busy loop's case ("interrupted!").
        Thread.sleep(forTimeInterval: 0.3)
        running.signal(SIGINT)
        let run = running.finish(seconds: 30)
        #expect(run.status == 1)
        #expect(run.standardOutput == "waiting\n")
        #expect(run.standardError.contains("cancelled"), "\(run.standardError)")
    }

    @Test func helpPrintsUsage() throws {
        let run = try CommandRun.plaidlua(["--help"])
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("usage: plaidlua [options] [script [args]]"))
    }

    @Test func luaInitRunsFirstAndDashEIgnoresIt() throws {
        let withInit = try CommandRun.plaidlua(["-e", "print(greeting)"], environment: ["LUA_INIT": "greeting = 'hi'"])
        #expect(withInit.standardOutput == "hi\n")
        let ignored = try CommandRun.plaidlua(["-E", "-e", "print(greeting)"], environment: ["LUA_INIT": "greeting = 'hi'"])
        #expect(ignored.standardOutput == "nil\n")
        let file = try scriptFile("greeting = 'from file'")
        let fromFile = try CommandRun.plaidlua(["-e", "print(greeting)"], environment: ["LUA_INIT": "@" + file.path])
        #expect(fromFile.standardOutput == "from file\n")
    }

    @Test func luaPathIsHonouredAndUserScriptsAreFound() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-path-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        try "return {name = 'from LUA_PATH'}".write(to: folder.appendingPathComponent("onpath.lua"), atomically: true, encoding: .utf8)
        try "return {name = 'from user scripts'}".write(to: folder.appendingPathComponent("scripts/mine.lua"), atomically: true, encoding: .utf8)
        let run = try CommandRun.plaidlua(["-e", "print(require('onpath').name, require('mine').name)"],
                                          environment: ["LUA_PATH": folder.path + "/?.lua;;", "PLAIDLUA_HOME": folder.path])
        #expect(run.standardOutput == "from LUA_PATH\tfrom user scripts\n")
    }

    /// The scripts folders are part of the default path: what applies without `LUA_PATH`, what
    /// `;;` stands for, and what `-E` keeps; `LUA_PATH_5_4` wins over `LUA_PATH`, and either one
    /// alone replaces the default, as in lua.
    @Test func theScriptsFoldersArePartOfTheDefaultPathThatLuaPathReplaces() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-paths-\(UUID().uuidString)").path
        let shipped = CommandRun.packageRoot.path + "/scripts"
        let prefix = "\(shipped)/?.lua;\(shipped)/?/init.lua;\(home)/scripts/?.lua;\(home)/scripts/?/init.lua;"
        func path(_ environment: [String: String], _ options: [String] = []) throws -> String {
            let run = try CommandRun.plaidlua(options + ["-e", "io.write(package.path)"], environment: environment.merging(["PLAIDLUA_HOME": home]) { $1 })
            #expect(run.status == 0, "\(run.standardError)")
            return run.standardOutput
        }
        let luaDefault = try path([:]).dropFirst(prefix.count)
        #expect(try path([:]) == prefix + luaDefault)
        #expect(luaDefault.hasSuffix("./?.lua;./?/init.lua"), "Lua's own default follows: \(luaDefault)")
        #expect(try path(["LUA_PATH": "x"]) == "x")
        #expect(try path(["LUA_PATH": "x", "LUA_PATH_5_4": "y"]) == "y")
        #expect(try path(["LUA_PATH": "a;;b"]) == "a;" + prefix + luaDefault + ";b")
        #expect(try path(["LUA_PATH": ";;"]) == prefix + luaDefault)
        #expect(try path(["LUA_PATH": "x"], ["-E"]) == prefix + luaDefault)
        let cpath = try CommandRun.plaidlua(["-e", "io.write(package.cpath)"], environment: ["LUA_CPATH": "c;;"])
        #expect(cpath.standardOutput.hasPrefix("c;/usr/local/lib/lua/5.4/?.so"), "\(cpath.standardOutput)")
    }

    @Test func safeModeRemovesWhatCouldEscape() throws {
        let run = try CommandRun.plaidlua(["--safe", "-e", """
            print(os.execute, io, package.loadlib, loadfile, dofile, debug, string.dump, os.remove, os.exit, package.cpath)
            print(os.time() > 0, string.upper('ok'), getmetatable(''), getmetatable(package))
            print(load("\\27Lua", "=binary", "b"))
            """])
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "nil\tnil\tnil\tnil\tnil\tnil\tnil\tnil\tnil\t")
        #expect(lines.dropFirst().first == "true\tOK\tfalse\tfalse")
        #expect(lines.last?.contains("attempt to load a binary chunk") == true)
    }

    @Test func safeModeRefusesOsExecuteWithAClearError() throws {
        let run = try CommandRun.plaidlua(["--safe", "-e", "os.execute('true')"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("attempt to call a nil value (field 'execute')"))
    }

    @Test func interactiveAfterAScriptPrintsExpressionsAndContinuesAfterErrors() throws {
        let script = try scriptFile("answer = 42")
        let run = try CommandRun.plaidlua(["-i", script.path], input: "answer\nfunction twice(x)\n  return 2 * x\nend\ntwice(answer)\nerror('oops')\n'still' .. ' here'\n")
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("PlaidLua "))
        // Prompts, each line echoed after its prompt and the values printed, as lua -i does on a pipe.
        #expect(run.standardOutput.hasSuffix("""
            > answer
            42
            > function twice(x)
            >>   return 2 * x
            >> end
            > twice(answer)
            84
            > error('oops')
            > 'still' .. ' here'
            still here
            > \n
            """), "\(run.standardOutput)")
        #expect(run.standardError.hasPrefix("stdin:1: oops\nstack traceback:"))
    }

    @Test func pipedInteractiveInputHasAReadyClient() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-piped-\(UUID().uuidString)").path
        let run = try CommandRun.plaidlua(["-i"], input: "client.env\n", environment: ["PLAIDLUA_HOME": home])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.hasSuffix("> client.env\nembedded\n> \n"))
    }

    @Test func pipedInteractiveIsLuasREPL() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-piped-\(UUID().uuidString)").path
        let run = try CommandRun.plaidlua(["-e", "_PROMPT = 'in: '", "-i"], input: """
            text = [[two
            lines]]
            =text
            assert(
            1)
            print = nil
            1

            """, environment: ["PLAIDLUA_HOME": home])
        #expect(run.status == 0, "\(run.standardError)")
        // `=` and a first line return their values through print; a continued chunk runs as statements.
        #expect(run.standardOutput.hasSuffix("""
            in: text = [[two
            >> lines]]
            in: =text
            two
            lines
            in: assert(
            >> 1)
            in: print = nil
            in: 1
            in: \n
            """), "\(run.standardOutput)")
        #expect(run.standardError == "error calling 'print' (attempt to call a nil value)\n")
    }

    @Test func pipedInteractivePrintingMasksTokensAndRedactsSecrets() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-piped-\(UUID().uuidString)").path
        let run = try CommandRun.plaidlua(["-i"], input: """
            'processor-sandbox-0a1b2c3d-1111-2222-3333-444455556666'
            ({nested = {token = 'access-sandbox-de3ce8ef-33f8-452c-a685-8671031f9f2c'}}).nested.token
            's3cr3t-value-123'
            'in s3cr3t-value-123 too'

            """, environment: ["PLAIDLUA_HOME": home, "TEST_SECRET": "s3cr3t-value-123"])
        #expect(run.status == 0, "\(run.standardError)")
        // The echoed lines too.
        #expect(run.standardOutput.hasSuffix("""
            > 'processor-sandbox-…6666'
            processor-sandbox-…6666
            > ({nested = {token = 'access-sandbox-…9f2c'}}).nested.token
            access-sandbox-…9f2c
            > '<redacted>'
            <redacted>
            > 'in <redacted> too'
            in <redacted> too
            > \n
            """), "\(run.standardOutput)")
        #expect(!run.standardOutput.contains("0a1b2c3d"))
        #expect(!run.standardOutput.contains("de3ce8ef"))
        #expect(!run.standardOutput.contains("s3cr3t"))
    }

    @Test func pipedInteractiveShowsAPlaidErrorAsLuaWould() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-piped-\(UUID().uuidString)").path
        let token = "processor-sandbox-0a1b2c3d-1111-2222-3333-444455556666"
        let run = try CommandRun.plaidlua(["-i"], input: """
            ok, failure = pcall(client.processor_auth_get, client, {processor_token = '\(token)'})
            failure
            client:processor_auth_get{processor_token = '\(token)'}
            'after the error'

            """, environment: ["PLAIDLUA_HOME": home])
        #expect(run.status == 0, "\(run.standardError)")
        // The value printed with print (its text), then the same error raised: its text and a traceback.
        // The REPL's `client` is the developer's: the error says which client reads a processor token.
        let text = #"INVALID_PROCESSOR_TOKEN \(INVALID_INPUT\): could not find matching processor token \[request_id [A-Za-z0-9]+, HTTP 400\]"#
            + #" — processor_auth_get is a partner's call: read a processor token with its partner's client, "#
            + #"such as plaid\.client \{ processor = "dwolla" \}\n"#
        #expect(run.standardOutput.range(of: #"> failure\n"# + text, options: .regularExpression) != nil, "\(run.standardOutput)")
        #expect(run.standardOutput.hasSuffix("after the error\n> \n"))
        #expect(run.standardError.range(of: "^" + text + #"stack traceback:\n\t\[C\]: in method 'processor_auth_get'\n\tstdin:1: in main chunk\n\t\[C\]: in \?\n$"#,
                                        options: .regularExpression) != nil, "\(run.standardError)")
        #expect(!(run.standardOutput + run.standardError).contains("0a1b2c3d"))
        #expect(!(run.standardOutput + run.standardError).contains("\u{1B}"))
    }

    @Test func pipedInteractiveHelpListsTheMethodsAndDescribesOne() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-piped-\(UUID().uuidString)").path
        let run = try CommandRun.plaidlua(["-i"], input: "help()\nhelp('processor_auth_get')\nhelp(client.processor_auth_get)\n",
                                          environment: ["PLAIDLUA_HOME": home])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.isEmpty)
        let listing = run.standardOutput.components(separatedBy: "\n").drop(while: { !$0.hasPrefix("client methods") })
        #expect(listing.first == "client methods (help(\"name\") for fields and an example):")
        let methods = listing.dropFirst().prefix(while: { $0.hasPrefix("  client:") })
        #expect(methods.count >= 10)
        for name in ["processor_auth_get", "processor_balance_get", "processor_identity_get", "item_public_token_exchange"] {
            #expect(methods.contains { $0.hasPrefix("  client:\(name){...} ") }, "\(name)")
        }
        #expect(listing.dropFirst(methods.count + 1).first?.hasPrefix("also: plaid.describe") == true)
        // Once for the name, once for the function: the same block each time.
        let described = run.standardOutput.components(separatedBy: "client:processor_auth_get{...}  →  POST /processor/auth/get\n").dropFirst()
        #expect(described.count == 2)
        for block in described {
            #expect(block.contains("""
                  a partner's call: use the partner's client, such as partner = plaid.client { processor = "dwolla" }
                  fields:
                    processor_token                      string; required
                                                         Token a partner received for one account.
                  example:
                    partner:processor_auth_get { processor_token = "processor-sandbox-…" }

                """), "\(block)")
        }
    }

    @Test func theEmbeddedSandboxTakesRateLimitsFromTheEnvironment() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-limits-\(UUID().uuidString)").path
        let limited = try CommandRun.plaidlua(["-e", """
            local client = require("plaid").client { retries = 0 }
            local codes = {}
            for i = 1, 3 do
              local ok, problem = pcall(client.institutions_get_by_id, client, { institution_id = "ins_109508", country_codes = { "US" } })
              codes[i] = ok and "ok" or problem.error_code
            end
            print(table.concat(codes, " "))
            """], environment: ["PLAIDLUA_HOME": home, "PLAIDLUA_SANDBOX_RATE_LIMITS": "institutions_get_by_id=2/min"])
        #expect(limited.status == 0, "\(limited.standardError)")
        #expect(limited.standardOutput == "ok ok INSTITUTIONS_GET_BY_ID_LIMIT\n")
        let malformed = try CommandRun.plaidlua(["-e", "require('plaid').client()"],
                                                environment: ["PLAIDLUA_HOME": home, "PLAIDLUA_SANDBOX_RATE_LIMITS": "bogus"])
        #expect(malformed.status == 1)
        #expect(malformed.standardError.hasPrefix("plaidlua: PLAIDLUA_SANDBOX_RATE_LIMITS bogus is not ENDPOINT=N/s"))
    }
}
