internal import CLuaShim

/// The Lua (`Lua/coroutine_routing.lua`) that replaces `coroutine.resume` and `coroutine.wrap` so
/// that a host function waiting inside a script's own coroutine suspends the scheduler's task
/// around it instead of returning early from the script's `resume` (which would lose the result).
var coroutineRoutingSource: String {
    get throws { try LuaSourceFiles.luaBridge.source("coroutine_routing") }
}

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
                return .suspend {
                    try await clock.sleep(.seconds(seconds))
                    return []
                }
            },
            "yield": { _ in .suspend { await Task.yield(); return [] } },
        ]
    }
}
