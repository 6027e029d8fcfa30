-- Sources/LuaBridge/Lua/coroutine_routing.lua, run on a copy of the coroutine library with a
-- sentinel of the spec's own standing in for the scheduler's "pending" value. The spec plays the
-- scheduler: it resumes a task (an outer coroutine) and sees what the task yields.
local root = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../../"

--- A routed coroutine library and its pending sentinel.
local function routed()
  local library = {}
  for name, fn in pairs(coroutine) do library[name] = fn end
  local pending = setmetatable({}, { __name = "pending" })
  assert(loadfile(root .. "Sources/LuaBridge/Lua/coroutine_routing.lua", "t",
    { coroutine = library, table = table, setmetatable = setmetatable, error = error }))(pending)
  return library, pending
end

return {
  { "a wait inside a script's coroutine suspends the task, and the result comes back in", function(t)
    local routed_coroutine, pending = routed()
    local script_coroutine = routed_coroutine.create(function(base)
      local delivered = routed_coroutine.yield(pending)
      return base + delivered
    end)
    local task = coroutine.create(function() return routed_coroutine.resume(script_coroutine, 1) end)
    local running, waiting_for = coroutine.resume(task)
    t.truthy(running)
    t.equal(waiting_for, pending, "the task itself waits")
    local ok, problem = routed_coroutine.resume(script_coroutine)
    t.equal(ok, false)
    t.equal(problem, "cannot resume a coroutine that is waiting for a host call to finish")
    local finished, resumed, sum = coroutine.resume(task, 41)
    t.truthy(finished)
    t.equal(resumed, true)
    t.equal(sum, 42)
    t.equal(coroutine.status(task), "dead")
  end },
  { "an ordinary yield goes to the script's resume as before", function(t)
    local routed_coroutine = routed()
    local script_coroutine = routed_coroutine.create(function(a)
      local b = routed_coroutine.yield(a + 1)
      return b * 2
    end)
    local ok, value = routed_coroutine.resume(script_coroutine, 1)
    t.equal(ok, true)
    t.equal(value, 2)
    ok, value = routed_coroutine.resume(script_coroutine, 5)
    t.equal(ok, true)
    t.equal(value, 10)
    t.equal(select("#", routed_coroutine.resume(script_coroutine)), 2, "a dead coroutine's error as usual")
  end },
  { "wrap returns values, routes waits, and raises the coroutine's error", function(t)
    local routed_coroutine, pending = routed()
    local next_value = routed_coroutine.wrap(function(a)
      routed_coroutine.yield(a, "more")
      routed_coroutine.yield(routed_coroutine.yield(pending))
    end)
    local first, second = next_value(7)
    t.equal(first, 7)
    t.equal(second, "more")
    local task = coroutine.create(function() return next_value() end)
    local _, waiting_for = coroutine.resume(task)
    t.equal(waiting_for, pending)
    local _, result = coroutine.resume(task, "answer")
    t.equal(result, "answer")
    local closed = false
    local failing = routed_coroutine.wrap(function()
      local _ <close> = setmetatable({}, { __close = function() closed = true end })
      error({ code = 7 })
    end)
    t.equal(t.fails(failing).code, 7, "the error value itself")
    t.truthy(closed, "the failed coroutine is closed, as Lua's own wrap does")
  end },
}
