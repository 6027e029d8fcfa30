import LuaBridge
import PlaidLua

/// The REPL's Lua side (`Lua/repl.lua`): printing values, completing names, `help`. It runs inside
/// the runtime so it can look at any Lua value, including the ones Swift cannot hold (functions, cycles).
enum REPLSupport {
    static var source: String {
        get throws { try LuaSourceFiles.plaidLuaREPL.source("repl") }
    }

    /// Evaluates one chunk as `lua`'s REPL does and returns "ok", "incomplete", or "error"
    /// followed by the text to show (`Lua/repl_evaluate.lua`).
    static var evaluator: String {
        get throws { try LuaSourceFiles.plaidLuaREPL.source("repl_evaluate") }
    }
}
