import Dispatch
import Foundation
package import LuaBridge
package import PlaidLua
import PlaidModels
import PlaidProfiles
import Synchronization

/// The read-eval-print loop, with `lua`'s rules: a line is first tried as `return <line>` so an
/// expression prints its values; a chunk that is only unfinished continues on the next line;
/// an error prints with its traceback and the loop goes on. On a terminal it edits lines,
/// completes names, keeps history and colours values; otherwise it reads plain lines silently.
package struct REPL {
    let runtime: LuaRuntime
    let context: PlaidContext
    let interrupts: InterruptWatch
    let dataDirectory: String
    let reportError: @Sendable (String) -> Void

    package init(runtime: LuaRuntime, context: PlaidContext, interrupts: InterruptWatch, dataDirectory: String,
                 reportError: @escaping @Sendable (String) -> Void) {
        self.runtime = runtime
        self.context = context
        self.interrupts = interrupts
        self.dataDirectory = dataDirectory
        self.reportError = reportError
    }

    package func run() async {
        // Calls typed here are the REPL's, also after a script given with -i.
        context.run = "repl"
        let interactive = Terminal.isInteractive
        let color = interactive && (context.environment["NO_COLOR"] ?? "").isEmpty
        do {
            try await installSupport(color: color)
        } catch {
            reportError("plaidlua: the REPL could not start: \(error)")
            return
        }
        if interactive {
            print(await banner())
            await runOnTerminal()
        } else {
            await runOnPlainInput()
        }
    }

    // MARK: Reading

    private func runOnTerminal() async {
        let terminal = Terminal()
        terminal.enterSessionMode()
        defer { terminal.restore() }
        try? await runtime.registerModule("plaidlua.terminal", functions: ["restore": { _ in terminal.restore(); return .none }])
        _ = try? await runtime.run("""
            local restore, exit = require("plaidlua.terminal").restore, os.exit
            if exit then os.exit = function(...) restore(); return exit(...) end end
            """, chunkName: "=(repl setup)")
        let historyFile = HistoryFile(path: dataDirectory + "/history", isSecret: context.isSecret)
        let editor = LineEditor(terminal: terminal, history: historyFile.load())
        let runtime = self.runtime
        editor.complete = { text in
            let found = try? await runtime.run("return require('plaidlua.repl').complete(...)", chunkName: "=(completion)",
                                               arguments: [.string(text)])
            guard case .array(let names)? = found?.first else { return [] }
            return names.compactMap(\.stringValue)
        }
        var pending: String?
        while true {
            let remembered = editor.buffer.history.count
            let outcome = await editor.readLine(prompt: await prompt(continued: pending != nil))
            // Written as soon as it joins the history: the chunk may end the process (os.exit).
            if editor.buffer.history.count > remembered, let added = editor.buffer.history.last { historyFile.append(added) }
            switch outcome {
            case .endOfInput:
                return
            case .interrupted:
                pending = nil
            case .line(let line):
                pending = await interrupts.during(secondInterruptEndsProcess: false) {
                    await evaluate(line, continuing: pending, style: "inspect")
                }
            }
        }
    }

    /// Piped lines, as `lua -i` reads them with readline: each prompt is written and the line
    /// read echoed after it (masked, like everything the REPL shows); no banner beyond the version line, and the same ready `client` (left
    /// unset when the environment has no credentials for one).
    private func runOnPlainInput() async {
        _ = try? await runtime.runMain("pcall(function() client = plaid.client() end)", chunkName: "=(repl setup)")
        var pending: String?
        while true {
            write(await prompt(continued: pending != nil))
            guard let line = Swift.readLine(strippingNewline: true) else { break }
            write(context.redact(line) + "\n")
            pending = await interrupts.during(secondInterruptEndsProcess: true) {
                await evaluate(line, continuing: pending, style: "print")
            }
        }
        write("\n")
    }

    /// After what Lua's `print` and `io.write` left in C's buffers, so the order holds.
    private func write(_ text: String) {
        fflush(nil)
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// `_PROMPT` or `_PROMPT2` as `lua` shows them, or the defaults.
    private func prompt(continued: Bool) async -> String {
        let shown = try? await runtime.runMain("return require('plaidlua.repl').prompt(...)", chunkName: "=(prompt)",
                                               arguments: [.boolean(continued)])
        return shown?.first?.stringValue ?? (continued ? ">> " : "> ")
    }

    // MARK: Evaluating

    /// Runs one line (joined to an unfinished chunk) on Lua's main thread; returns the chunk
    /// still unfinished, if any. Only a chunk's first line is tried as an expression, as in `lua`.
    private func evaluate(_ line: String, continuing pending: String?, style: String) async -> String? {
        var source = pending.map { $0 + "\n" + line } ?? line
        if pending == nil, source.hasPrefix("=") { source = "return " + source.dropFirst() }
        do {
            let outcome = try await runtime.runMain(LuaBytes(try REPLSupport.evaluator), chunkName: "=(repl)",
                                                    arguments: [.string(source), .boolean(pending == nil), .string(style)])
            switch outcome.first?.stringValue {
            case "incomplete":
                return source
            case "error":
                reportError(outcome.dropFirst().first?.stringValue ?? "error")
            default:
                if let shown = outcome.dropFirst().first?.stringValue, !shown.isEmpty { print(context.redact(shown)) }
            }
        } catch {
            reportError("\(error)")
        }
        return nil
    }

    // MARK: Set-up

    private func installSupport(color: Bool) async throws {
        let context = self.context
        try await runtime.registerModule("plaidlua.repl", source: REPLSupport.source, functions: [
            "is_secret": { call in
                let text = try call.string(1)
                return .value(.boolean(context.isSecret(text)))
            },
            "readable": { call in .value(.string(call.readableText(1))) },
            "redact": { call in .value(.string(context.redact(try call.string(1)))) },
            "profiles": { _ in
                let names = (try? ProfileConfig.load(environment: context.environment))?.profiles.keys.sorted() ?? []
                return .value(.array(names.map { .string($0) }))
            },
            "methods": { call in
                guard case .userdata(let object) = try call.value(1) else { return .value(.array([])) }
                return .value(.array(type(of: object).luaMethods.keys.sorted().map { .string($0) }))
            },
            "fields": { call in
                guard case .userdata(let object) = try call.value(1) else { return .value(.array([])) }
                return .value(.array(type(of: object).luaFieldNames.map { .string($0) }))
            },
        ], values: ["color": .boolean(color), "client_options": .array(ClientOptions.fieldNames.map { .string($0) })])
        _ = try await runtime.run("help = require('plaidlua.repl').help; plaid = require 'plaid'", chunkName: "=(repl setup)")
    }

    /// Makes the global `client` and says which environment and client_id it uses.
    private func banner() async -> String {
        var lines: [String] = []
        do {
            let described = try await runtime.run("""
                client = plaid.client()
                return client.env, client.client_id, client.base_url
                """, chunkName: "=(repl setup)")
            let values = described.compactMap(\.stringValue)
            var place = values.first ?? "?"
            if values.first == "embedded", values.count > 2 { place += " sandbox at \(values[2])" }
            lines.append("environment: \(place), client_id: \(values.dropFirst().first ?? "?")")
            lines.append("`client` is ready; help() lists its methods. Ctrl-D exits.")
        } catch {
            lines.append("no client: \((error as? LuaError)?.message ?? "\(error)")")
        }
        return lines.joined(separator: "\n")
    }
}
