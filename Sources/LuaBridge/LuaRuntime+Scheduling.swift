internal import CLuaShim

extension LuaRuntime {
    /// The `task` module: start functions as concurrent tasks, wait for them, sleep.
    static var schedulerFunctions: [String: LuaHostFunction] {
        [
            "spawn": { call in
                let carried = SameThread(call)
                return .value(.userdata(try call.runtime.assumeIsolated { try $0.spawnFromLua(carried.value) }))
            },
            "sleep": { call in
                let seconds = try call.number(1)
                guard seconds >= 0, seconds.isFinite else { throw call.argumentError(1, "a number of seconds >= 0 expected") }
                let clock = call.runtime.options.sleepClock
                return .suspendLight {
                    try await clock.sleep(.seconds(seconds))
                    return []
                }
            },
            "yield": { _ in .suspendLight { await Task.yield(); return [] } },
        ]
    }
}

extension LuaRuntime {
    // MARK: Set-up

    static func installScheduling(in state: LuaState) throws {
        let L = state.L
        luaL_getsubtable(L, clua_registryindex(), errorRegistryKey)
        lua_createtable(L, 0, 1)
        LuaStack(L).pushString("k")
        lua_setfield(L, -2, "__mode")
        lua_setmetatable(L, -2)
        lua_settop(L, -2)

        lua_pushlightuserdata(L, nil)
        lua_createtable(L, 0, 1)
        LuaStack(L).pushHostFunction("__tostring") { call in
            let address = lua_touserdata(call.thread, 1).map { "lightuserdata: 0x" + String(UInt(bitPattern: $0), radix: 16) }
            return .value(.string(address ?? "null"))
        }
        lua_setfield(L, -2, "__tostring")
        lua_setmetatable(L, -2)
        lua_settop(L, -2)

        // A host call waiting inside a script's own coroutine must suspend the task around it (or
        // wait in place), not return early from the script's resume, which would lose the result.
        _ = clua_routecoroutines(L) { thread, coroutine, request in
            guard let thread, let coroutine else { return 0 }
            let carried = SameThread((thread, coroutine))
            return LuaRuntime.owner(of: thread).assumeIsolated {
                $0.answerWaitHook(request, from: carried.value.0, about: carried.value.1)
            }
        }
        try LuaStack(L).preload("task", functions: schedulerFunctions, values: [:])
    }
}
