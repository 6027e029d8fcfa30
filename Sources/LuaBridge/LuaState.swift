internal import CLuaShim
#if canImport(Glibc)
import Glibc
#endif

/// Owns one `lua_State`: opens its libraries and closes it exactly once.
///
/// It is deliberately not `Sendable`: a `lua_State` has no locks (`lua_lock` is empty in stock
/// Lua), so only the ``LuaRuntime`` actor that owns it may touch it.
final class LuaState {
    let L: OpaquePointer
    private(set) var isClosed = false

    /// - Parameter memoryLimit: bytes the state may hold at most; past it allocations fail and
    ///   Lua raises "not enough memory" where the script allocated.
    /// - Parameter readsEnvironment: `false` for `lua -E`: `LUA_PATH` and the others are ignored.
    init(libraries: LuaLibraries, searchPaths: LuaSearchPaths = LuaSearchPaths(), readsEnvironment: Bool = true, memoryLimit: Int? = nil) throws {
        guard let L = luaL_newstate() else { throw LuaError(kind: .memory, message: "cannot create a Lua state: out of memory") }
        self.L = L
        if let memoryLimit, clua_limitmemory(L, memoryLimit) == 0 {
            throw LuaError(kind: .memory, message: "cannot set a memory limit: out of memory")
        }
        lua_atpanic(L) { L in
            let message = L.flatMap { lua_tolstring($0, -1, nil) }.map { String(cString: $0) } ?? "unknown error"
            let line = Array("PANIC: unprotected error in call to Lua API (\(message))\n".utf8)
            _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            abort()
        }
        // The package library opens with Lua's compiled-in default paths; ours are set below.
        lua_pushboolean(L, 1)
        lua_setfield(L, clua_registryindex(), "LUA_NOENV")
        switch libraries {
        case .standard:
            luaL_openlibs(L)
        case .safe:
            let libraries: [(String, lua_CFunction)] = [
                ("_G", luaopen_base), ("package", luaopen_package), ("coroutine", luaopen_coroutine),
                ("table", luaopen_table), ("string", luaopen_string), ("math", luaopen_math),
                ("utf8", luaopen_utf8), ("os", luaopen_os),
            ]
            for (name, open) in libraries {
                luaL_requiref(L, name, open, 1)
                clua_pop(L, 1)
            }
        }
        setSearchPaths(searchPaths, readingEnvironment: readsEnvironment)
        if readsEnvironment {
            lua_pushnil(L)
            lua_setfield(L, clua_registryindex(), "LUA_NOENV")
        }
        if libraries == .safe {
            try run(safeProfileSource, name: "=safe profile", keepingResultAs: Self.safeLockKey)
        }
    }

    private func setSearchPaths(_ paths: LuaSearchPaths, readingEnvironment: Bool) {
        guard lua_getglobal(L, "package") == LUA_TTABLE else { return clua_pop(L, 1) }
        for (field, cpath) in [("path", false), ("cpath", true)] {
            lua_getfield(L, -1, field)
            let luaDefault = LuaStack(L).message(at: -1)
            clua_pop(L, 1)
            LuaStack(L).pushString(paths.value(cpath: cpath, luaDefault: luaDefault, readingEnvironment: readingEnvironment))
            lua_setfield(L, -2, field)
        }
        clua_pop(L, 1)
    }

    deinit { close() }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        clua_close(L)
    }

    /// The registry field holding the safe profile's one-shot lock until the host calls it.
    static let safeLockKey = "plaidlua.safe.lock"

    /// Runs trusted set-up code on the main thread (it must not suspend).
    /// - Parameter registryKey: where to keep the chunk's first result, when it has one to keep.
    func run(_ source: String, name: String, arguments: [LuaValue] = [], keepingResultAs registryKey: String? = nil) throws {
        let stack = LuaStack(L)
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        let status = withCharacters(Array(source.utf8)) { clua_loadbuffer(L, $0, $1, name, "t") }
        guard status == LUA_OK else { throw LuaError(kind: .syntax, message: stack.message(at: -1)) }
        for argument in arguments { try stack.push(argument) }
        guard clua_pcall(L, Int32(arguments.count), registryKey == nil ? 0 : 1, 0) == LUA_OK else {
            throw LuaError(kind: .runtime, message: stack.message(at: -1))
        }
        if let registryKey { lua_setfield(L, clua_registryindex(), registryKey) }
    }

    /// Kilobytes in use by Lua, as `collectgarbage("count")` reports.
    var memoryInUse: Double {
        Double(clua_gc(L, LUA_GCCOUNT, 0)) + Double(clua_gc(L, LUA_GCCOUNTB, 0)) / 1024
    }

    func collectGarbage() { _ = clua_gc(L, LUA_GCCOLLECT, 0) }
}
