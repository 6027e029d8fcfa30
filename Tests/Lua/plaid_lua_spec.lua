-- Sources/PlaidLua/Lua/plaid.lua, the Lua half of the plaid module, loaded on its own with a
-- stand-in for its Swift half and the real task scheduler.
local task = require "task"

local root = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../../"

--- A fresh plaid module whose Swift half is `core`.
local function plaid_with(core)
  return assert(loadfile(root .. "Sources/PlaidLua/Lua/plaid.lua"))(core)
end

--- A Swift half that records what plaid.log hands it.
local function recording_core()
  local core = { logged = {}, null = setmetatable({}, { __name = "null" }) }
  for _, name in ipairs { "client", "is_error", "mask", "now", "iso8601", "parse_time", "describe", "env",
                          "json_encode", "json_decode" } do
    core[name] = function() return name end
  end
  function core.log(...) core.logged[#core.logged + 1] = table.pack(...) end
  return core
end

return {
  { "the Swift half's functions and values are the module's", function(t)
    local core = recording_core()
    core.version, core.methods = "2020-09-14", { "accounts_get" }
    local plaid = plaid_with(core)
    for _, name in ipairs { "client", "is_error", "mask", "now", "iso8601", "parse_time", "describe", "env", "null" } do
      t.equal(plaid[name], core[name], name)
    end
    t.equal(plaid.version, "2020-09-14")
    t.equal(plaid.methods[1], "accounts_get")
    t.equal(plaid.json.encode, core.json_encode)
    t.equal(plaid.json.decode, core.json_decode)
    t.equal(plaid.json.null, core.null)
    t.equal(plaid.spawn, task.spawn)
    t.equal(plaid.sleep, task.sleep)
    t.equal(plaid.json_encode, nil, "only the names plaid documents")
  end },
  { "each log function passes its level and every value, nil included", function(t)
    local core = recording_core()
    local plaid = plaid_with(core)
    plaid.log.warn("low balance", 12.5, nil, { id = 1 })
    plaid.log.debug()
    t.equal(#core.logged, 2)
    local warned = core.logged[1]
    t.equal(warned.n, 5)
    t.equal(warned[1], "warn")
    t.equal(warned[2], "low balance")
    t.equal(warned[3], 12.5)
    t.equal(warned[4], nil)
    t.equal(warned[5].id, 1)
    t.equal(core.logged[2].n, 1)
    t.equal(core.logged[2][1], "debug")
    t.truthy(plaid.log.info and plaid.log.error, "info and error exist")
    t.equal(plaid.log.trace, nil)
  end },
  { "map blames the caller for a bad argument", function(t)
    local plaid = plaid_with(recording_core())
    local function each() end
    t.matches(t.fails(plaid.map, nil, each), "bad argument #1 to 'map' %(table expected, got nil%)")
    t.matches(t.fails(plaid.map, {}, "each"), "bad argument #2 to 'map' %(function expected, got string%)")
    for _, concurrency in ipairs { 0, -1, 1.5, "4" } do
      t.matches(t.fails(plaid.map, {}, each, { concurrency = concurrency }),
        "bad argument #3 to 'map' %(concurrency must be a positive integer%)")
    end
    -- Level 2: the position is the line that called map, in this file.
    t.matches(t.fails(function() plaid.map(nil, each) end), "^[^:]*plaid_lua_spec%.lua:%d+: bad argument #1")
  end },
  { "map runs at most 16 calls at once by default, and none for an empty list", function(t)
    local plaid = plaid_with(recording_core())
    local running, most, calls = 0, 0, 0
    local items = {}
    for index = 1, 40 do items[index] = index end
    local results = plaid.map(items, function(item)
      calls = calls + 1
      running = running + 1
      most = math.max(most, running)
      task.sleep(0.001)
      running = running - 1
      return -item
    end)
    t.equal(most, 16)
    t.equal(calls, 40)
    t.equal(#results, 40)
    t.equal(results[40], -40)
    t.equal(next(plaid.map({}, function() calls = calls + 1 end)), nil)
    t.equal(calls, 40)
  end },
  { "map starts no call after a failure and keeps nil results as holes", function(t)
    local plaid = plaid_with(recording_core())
    local called = {}
    local failure = t.fails(plaid.map, { "a", "b", "c", "d" }, function(item, index)
      called[#called + 1] = item
      if index == 2 then error({ code = "E" }) end
    end, { concurrency = 1 })
    t.equal(failure.code, "E", "the error value itself is raised")
    t.equal(table.concat(called, ","), "a,b")
    local results = plaid.map({ 1, 2, 3 }, function(n) if n ~= 2 then return n end end)
    t.equal(results[1], 1)
    t.equal(results[2], nil)
    t.equal(results[3], 3)
  end },
}
