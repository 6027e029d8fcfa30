import Foundation
import LuaBridge

/// The read-eval-print loop, with `lua`'s rules: a line is first tried as `return <line>` so an
/// expression prints its values; a chunk that is only unfinished (its syntax error ends at
/// `<eof>`) continues on the next line; an error prints with its traceback and the loop goes on.
struct LineREPL {
    let runtime: LuaRuntime
    let prompts: Bool
    let reportError: @Sendable (String) -> Void

    /// Compiles and runs one chunk inside the runtime's scheduler, so calls that wait work
    /// here as in scripts. Returns `"ok"`, `"incomplete"`, or `"error", message`.
    private static let evaluator = """
        local source = ...
        local chunk, failure = load("return " .. source, "=stdin", "t")
        if not chunk then chunk, failure = load(source, "=stdin", "t") end
        if not chunk then
          if failure:sub(-5) == "<eof>" then return "incomplete" end
          return "error", failure
        end
        local traceback = debug and debug.traceback or function(message) return message end
        local results = table.pack(xpcall(chunk, function(message)
          if type(message) ~= "string" then
            local meta = getmetatable(message)
            message = (type(meta) == "table" and meta.__tostring) and tostring(message)
              or ("(error object is a %s value)"):format(type(message))
          end
          local text = traceback(message, 2)
          return (text:gsub("\\n\\t%[C%]: in function 'xpcall'.*$", ""))
        end))
        if not results[1] then return "error", results[2] end
        if results.n > 1 then print(table.unpack(results, 2, results.n)) end
        return "ok"
        """

    func run() async {
        var pending: String?
        while true {
            if prompts {
                FileHandle.standardOutput.write(Data((pending == nil ? "> " : ">> ").utf8))
            }
            guard let line = readLine(strippingNewline: true) else {
                if prompts { FileHandle.standardOutput.write(Data("\n".utf8)) }
                return
            }
            var source = pending.map { $0 + "\n" + line } ?? line
            if pending == nil, source.hasPrefix("=") { source = "return " + source.dropFirst() }
            do {
                let outcome = try await runtime.run(Self.evaluator, chunkName: "=(repl)", arguments: [.string(source)])
                switch outcome.first?.stringValue {
                case "incomplete":
                    pending = source
                case "error":
                    pending = nil
                    reportError(outcome.dropFirst().first?.stringValue ?? "error")
                default:
                    pending = nil
                }
            } catch {
                pending = nil
                reportError("\(error)")
            }
        }
    }
}
