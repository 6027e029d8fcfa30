internal import CLuaShim
import NIOConcurrencyHelpers

extension LuaRuntime {
    // MARK: Registering Swift

    /// Makes `body` a global Lua function.
    public func register(_ name: String, _ body: @escaping LuaHostFunction) {
        let stack = LuaStack(state.L)
        stack.pushHostFunction(name, body)
        lua_setglobal(state.L, name)
    }

    /// Makes a module that scripts get with `require(name)`, through `package.preload`.
    public func registerModule(_ name: String, functions: [String: LuaHostFunction], values: [String: LuaValue] = [:]) throws {
        let L = state.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        try LuaStack(L).preload(name, functions: functions, values: values)
    }

    /// Makes a module written in Lua: `require(name)` runs `source` once, passing it a table
    /// of the given Swift functions and values, and returns what it returns.
    public func registerModule(_ name: String, source: String, functions: [String: LuaHostFunction], values: [String: LuaValue] = [:]) throws {
        try LuaStack(state.L).preload(name, source: source, functions: functions, values: values)
    }

    /// Under ``LuaLibraries/safe``: fixes `require`'s search path (`?.lua` templates, `;`-separated)
    /// and adds names `os.getenv` must hide, once; later calls and other libraries fail.
    public func lockSafeLibrary(path: String, hiddenVariables: [String]) throws {
        let L = state.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        guard lua_getfield(L, clua_registryindex(), LuaState.safeLockKey) == LUA_TFUNCTION else {
            throw LuaError(kind: .runtime, message: "the runtime has no safe library to lock, or it is locked already")
        }
        lua_pushnil(L)
        lua_setfield(L, clua_registryindex(), LuaState.safeLockKey)
        let stack = LuaStack(L)
        try stack.push(.string(LuaBytes(path)))
        try stack.push(.array(hiddenVariables.map { .string(LuaBytes($0)) }))
        guard clua_pcall(L, 2, 0, 0) == LUA_OK else {
            throw LuaError(kind: .runtime, message: stack.message(at: -1))
        }
    }

    public func setGlobal(_ name: String, _ value: LuaValue) throws {
        try LuaStack(state.L).push(value)
        lua_setglobal(state.L, name)
    }

    public func global(_ name: String) throws -> LuaValue {
        let L = state.L
        lua_getglobal(L, name)
        defer { lua_settop(L, -2) }
        return try LuaStack(L).value(at: -1)
    }

    /// Kilobytes Lua has allocated, as `collectgarbage("count")` reports.
    public var memoryInUse: Double { state.memoryInUse }

    public func collectGarbage() { state.collectGarbage() }
}
