internal import CLuaShim
import NIOConcurrencyHelpers

extension LuaRuntime {
    // MARK: Errors into Lua

    static let errorRegistryKey = "LuaBridge.errors"

    /// Pushes the Lua value for a Swift error: Lua errors go back as they came; others become
    /// a table of fields with a readable `tostring`, remembered so the original comes back out.
    func pushError(_ error: any Error, on thread: OpaquePointer) {
        let stack = LuaStack(thread)
        if let error = error as? LuaError {
            if let underlying = error.underlying { return pushError(underlying, on: thread) }
            if let value = error.value, (try? stack.push(value)) != nil { return }
            if error.kind != .cancelled { return stack.pushString(error.message) }
        }
        var fields: [String: LuaValue]
        if let convertible = error as? any LuaErrorConvertible {
            fields = convertible.luaErrorFields
        } else {
            fields = ["kind": .string("swift"), "message": .string(String(describing: error))]
        }
        // Every error value says whether the same call may simply be made again; only an error
        // that knows better (a rate limit, a read that timed out) says yes.
        if fields["retryable"] == nil { fields["retryable"] = .boolean(false) }
        let entries = Dictionary(uniqueKeysWithValues: fields.map { (LuaKey.string(LuaBytes($0.key)), $0.value) })
        if (try? stack.push(.table(entries))) == nil {
            stack.pushString(String(describing: error))
            return
        }
        if luaL_newmetatable(thread, CLUA_HOST_ERROR_METATABLE) != 0 {
            stack.pushString("error")
            lua_setfield(thread, -2, "__name")
            stack.pushHostFunction("__tostring") { call in
                let stack = LuaStack(call.thread)
                let thread = SameThread(call.thread)
                if let error = call.runtime.assumeIsolated({ $0.swiftError(at: 1, on: thread.value) }) {
                    let text = (error as? any LuaErrorConvertible)?.luaErrorMessage ?? String(describing: error)
                    return .value(.string(text))
                }
                lua_getfield(call.thread, 1, "message")
                defer { lua_settop(call.thread, -2) }
                return .value(.string(stack.message(at: -1)))
            }
            lua_setfield(thread, -2, "__tostring")
        }
        lua_setmetatable(thread, -2)
        luaL_getsubtable(thread, clua_registryindex(), Self.errorRegistryKey)
        lua_pushvalue(thread, -2)
        stack.pushUserdata(SwiftErrorBox(error))
        lua_rawset(thread, -3)
        lua_settop(thread, -2)
    }

    /// The Swift error behind an error table this runtime raised, if it is one.
    func swiftError(at index: Int32, on thread: OpaquePointer) -> (any Error)? {
        let index = lua_absindex(thread, index)
        guard luaL_getsubtable(thread, clua_registryindex(), Self.errorRegistryKey) != 0 else {
            lua_settop(thread, -2)
            return nil
        }
        lua_pushvalue(thread, index)
        lua_rawget(thread, -2)
        defer { lua_settop(thread, -3) }
        return (LuaStack(thread).userdata(at: -1) as? SwiftErrorBox)?.error
    }
}

/// Carries a Swift error inside Lua so it comes back out unchanged.
final class SwiftErrorBox: LuaUserdata {
    let error: any Error
    init(_ error: any Error) { self.error = error }
    static let luaTypeName = "swift error"
}
