import LuaBridge
import PlaidLua

/// The Lua half of the batch runner (`Lua/batch.lua`), preloaded as `plaidlua.batch`: loads the
/// handler, builds each record's `ctx`, and runs one coroutine per record in flight on the
/// runtime's scheduler. The Swift half (`core`) reads the input and writes the answers.
enum BatchDriver {
    static var source: String {
        get throws { try LuaSourceFiles.plaidLuaBatch.source("batch") }
    }
}
