import Foundation
import PlaidLuaTesting
import Testing

/// The REPL driven through a real pseudo-terminal; each test asserts what the screen shows.
@Suite(.serialized) struct REPLTests {
    private let home = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-repl-\(UUID().uuidString)").path

    private func start(_ extra: [String: String] = [:]) throws -> TerminalSession {
        let session = try TerminalSession([], environment: ["PLAIDLUA_HOME": home].merging(extra) { $1 })
        try session.waitFor("Ctrl-D exits.\n>")
        return session
    }

    @Test func theBannerNamesTheEnvironmentAndClientButNoSecret() throws {
        let session = try start()
        let screen = try session.screen()
        #expect(screen.contains("PlaidLua 0.1.0"))
        #expect(screen.contains("environment: embedded sandbox at http://127.0.0.1:"))
        #expect(screen.contains("client_id: "))
        #expect(!screen.lowercased().contains("secret"))
    }

    @Test func expressionsPrintTheirValuesPrettily() throws {
        let session = try start()
        try session.type("1 + 1")
        try session.type("{3, 2, name = 'x', nested = {ok = true}, t = 'access-sandbox-de3ce8ef-33f8-452c-a685-8671031f9f2c'}")
        let screen = try session.waitFor("access-sandbox-…")
        #expect(screen.contains("> 1 + 1\n2\n"))
        #expect(screen.contains(#"""
            {
              3,
              2,
              name = "x",
              nested = { ok = true },
              t = "access-sandbox-…9f2c"
            }
            """#))
    }

    @Test func aMultiLineFunctionContinuesWithTheSecondPrompt() throws {
        let session = try start()
        try session.type("function twice(x)")
        try session.type("return 2 * x")
        try session.type("end")
        try session.type("twice(21)")
        let screen = try session.waitFor("> twice(21)\n42")
        #expect(screen.contains(">> return 2 * x\n>> end\n> twice(21)\n42"))
    }

    @Test func tabCompletesTheClientsProcessorMethods() throws {
        let session = try start()
        try session.type("client:processor_au", enter: false)
        try session.press("Tab")
        let completed = try session.waitFor("client:processor_auth_get")
        #expect(completed.contains("> client:processor_auth_get"))
        try session.press("C-u")
        try session.type("client:proc", enter: false)
        try session.press("Tab", "Tab")
        // The terminal wraps the listing at its width, inside names too.
        let listed = try session.waitFor("processor_account_get").replacingOccurrences(of: "\n", with: "")
        #expect(listed.contains("processor_balance_get"))
        #expect(listed.contains("processor_identity_get"))
        #expect(listed.contains("processor_token_create"))
    }

    @Test func tabCompletesFieldNamesInsideARequestTable() throws {
        let session = try start()
        try session.type("client:processor_auth_get{proc", enter: false)
        try session.press("Tab")
        // capture-pane trims the space after '=' at the end of the line.
        #expect(try session.waitFor("processor_token =").contains("> client:processor_auth_get{processor_token ="))
    }

    @Test func controlRFindsAnEarlierLine() throws {
        let session = try start()
        try session.type("first_value = 11")
        try session.type("second_value = 22")
        try session.press("C-r")
        try session.type("first", enter: false)
        try session.waitFor("(reverse-i-search)'first': first_value = 11")
        try session.press("Enter")
        try session.type("first_value * 2")
        try session.waitFor("> first_value * 2\n22")
    }

    @Test func anErrorPrintsWithItsTracebackAndTheSessionGoesOn() throws {
        let session = try start()
        try session.type("error('boom')")
        try session.type("client:processor_auth_get{processor_token = 'processor-sandbox-00000000-0000-0000-0000-000000000000'}")
        try session.type("'still here'")
        let screen = try session.waitFor("\"still here\"")
        #expect(screen.contains("stdin:1: boom\nstack traceback:"))
        #expect(screen.contains("Plaid error INVALID_API_KEYS") || screen.contains("Plaid error INVALID_PROCESSOR_TOKEN"))
        #expect(screen.contains("request_id:"))
        #expect(!screen.contains("processor-sandbox-00000000-0000-0000-0000-000000000000"))
    }

    @Test func controlCCancelsTheCallInFlight() throws {
        let session = try start()
        // The spawned task runs only once the line's own call waits, so when its text shows,
        // that call is in flight and Ctrl-C is a signal again (it is a key while a line is edited).
        try session.type("plaid.spawn(function() print('call' .. ' in flight') end); plaid.sleep(60)")
        try session.waitFor("\ncall in flight\n")
        try session.press("C-c")
        try session.waitFor("cancelled")
        try session.type("6 * 7")
        let screen = try session.waitFor("> 6 * 7\n42")
        #expect(screen.contains("cancelled"))
        #expect(screen.contains("> 6 * 7\n42"))
    }

    @Test func controlCCancelsTheLineBeingTyped() throws {
        let session = try start()
        try session.type("this is not lua", enter: false)
        try session.press("C-c")
        try session.type("1")
        let screen = try session.waitFor("\n1\n")
        #expect(screen.contains("> this is not lua^C\n> 1\n1"))
    }

    @Test func historyIsKeptAcrossRunsWithoutSecrets() throws {
        let first = try start()
        try first.type("answer = 40 + 2")
        try first.type("my_secret = 'hunter2'")
        try first.press("C-d")
        try first.waitFor("[exited 0]")
        let history = try String(contentsOfFile: home + "/history", encoding: .utf8)
        #expect(history.contains("answer = 40 + 2"))
        #expect(!history.contains("hunter2"))

        let second = try start()
        try second.press("Up")
        let screen = try second.waitFor("answer = 40 + 2")
        #expect(screen.hasSuffix("> answer = 40 + 2\n"))
    }

    @Test func helpDescribesAMethod() throws {
        let session = try start()
        try session.type("help(client.processor_auth_get)")
        let screen = try session.waitFor("example:")
        #expect(screen.contains("client:processor_auth_get{...}  →  POST /processor/auth/get"))
        #expect(screen.contains("processor_token"))
        #expect(screen.contains("required"))
    }

    @Test func controlDOnAnEmptyLineExits() throws {
        let session = try start()
        try session.press("C-d")
        #expect(try session.waitFor("[exited").contains("Ctrl-D exits.\n>\n[exited 0]"))
    }

    @Test func historyIsSavedAsEachLineIsAcceptedSoOsExitLosesNothing() throws {
        let first = try start()
        try first.type("kept_line = 7")
        try first.type("my_secret = 'hunter2'")
        try first.type("os.exit(0)")
        try first.waitFor("[exited 0]")
        let history = try String(contentsOfFile: home + "/history", encoding: .utf8)
        #expect(history.contains("kept_line = 7\n"))
        #expect(!history.contains("hunter2"))

        let second = try start()
        // Up once shows `os.exit(0)`; the secret line was never written, so the next is ours.
        try second.press("Up", "Up")
        let screen = try second.waitFor("> kept_line = 7")
        #expect(screen.hasSuffix("> kept_line = 7\n"))
    }

    @Test func tabCompletesGlobalsAndFieldsAfterADot() throws {
        let session = try start()
        try session.type("pri", enter: false)
        try session.press("Tab")
        try session.waitFor("> print")
        try session.type("('completed')")
        try session.waitFor("> print('completed')\ncompleted")
        try session.type("plaid.enu", enter: false)
        try session.press("Tab")
        try session.waitFor("> plaid.enums")
        try session.type(" ~= nil")
        let screen = try session.waitFor("> plaid.enums ~= nil\ntrue")
        #expect(screen.contains("> print('completed')\ncompleted\n"))
        #expect(screen.contains("> plaid.enums ~= nil\ntrue\n"))
    }

    @Test func valuesAreColouredOnATerminal() throws {
        let session = try start()
        try session.type("{1, 'x', true, plaid.null}")
        try session.waitFor("> {1, 'x', true, plaid.null}\n{ 1, \"x\", true, null }")
        let screen = try session.screen(escapes: true)
        for painted in ["\u{1B}[36m1", "\u{1B}[32m\"x\"", "\u{1B}[33mtrue", "\u{1B}[35mnull"] {
            #expect(screen.contains(painted), "\(screen.debugDescription)")
        }
    }

    @Test func noColorLeavesValuesUncoloured() throws {
        let session = try start(["NO_COLOR": "1"])
        try session.type("{1, 'x', true, plaid.null}")
        try session.waitFor("> {1, 'x', true, plaid.null}\n{ 1, \"x\", true, null }")
        let screen = try session.screen(escapes: true)
        #expect(screen.contains("> {1, 'x', true, plaid.null}\n{ 1, \"x\", true, null }\n"))
        #expect(!screen.contains("\u{1B}["), "\(screen.debugDescription)")
    }
}
