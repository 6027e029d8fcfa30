internal import CLuaShim

/// Replaces `coroutine.resume` and `coroutine.wrap` so that a host function waiting inside a
/// script's own coroutine suspends the scheduler's task around it instead of returning early
/// from the script's `resume` (which would lose the result). The waiting coroutine yields the
/// pending sentinel; every enclosing `resume` passes it outwards, and when the task is resumed
/// with the result, the result travels back inwards to the coroutine that waits for it.
let coroutineRoutingSource = """
local pending = ...
local rawresume, rawyield, create, status, close = coroutine.resume, coroutine.yield, coroutine.create, coroutine.status, coroutine.close
local pack, unpack = table.pack, table.unpack
local waiting = setmetatable({}, { __mode = "k" })

local function resume(co, ...)
  if waiting[co] then
    return false, "cannot resume a coroutine that is waiting for a host call to finish"
  end
  local results = pack(rawresume(co, ...))
  while results.n == 2 and results[1] and results[2] == pending and status(co) == "suspended" do
    waiting[co] = true
    local delivered = pack(rawyield(pending))
    waiting[co] = nil
    results = pack(rawresume(co, unpack(delivered, 1, delivered.n)))
  end
  return unpack(results, 1, results.n)
end

coroutine.resume = resume
coroutine.wrap = function(body)
  local co = create(body)
  return function(...)
    local results = pack(resume(co, ...))
    if results[1] then return unpack(results, 2, results.n) end
    if status(co) == "dead" then close(co) end
    error(results[2], 0)
  end
end
"""

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
                return .suspend {
                    try await Task.sleep(for: .seconds(seconds))
                    return []
                }
            },
            "yield": { _ in .suspend { await Task.yield(); return [] } },
        ]
    }
}
