internal import CLuaShim

/// Decodes JSON onto a Lua stack the way `plaid.json.decode` and every answer of a Plaid call
/// do, and reads the result back, so the fuzzer can check that path against
/// ``LuaJSON/decode(_:)`` on the same bytes.
package final class JSONStackProbe {
    private let state: LuaState

    package init() throws {
        state = try LuaState(libraries: .standard, readsEnvironment: false)
    }

    /// The value `text` becomes on the stack, read back; the stack is left as it was.
    package func decodeOnStack(_ text: [UInt8]) throws -> LuaValue {
        let L = state.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        try text.withUnsafeBufferPointer { try LuaJSON.push($0, onto: L) }
        guard lua_gettop(L) == top + 1 else {
            throw LuaJSON.Failure(message: "decoding left \(lua_gettop(L) - top) values on the stack instead of one")
        }
        return try LuaStack(L).value(at: -1)
    }
}
