-- Cost of one suspension of a coroutine through the scheduler and Swift:
-- `plaidlua scripts/bench/scheduler.lua [--rounds N] [--tasks T]`. T tasks each call
-- task.yield() (a host call that suspends and resumes through a Swift Task) N/T times.
local plaid = require "plaid"
local cli = require "lib.cli"
local task = require "task"

local options = cli.parse({
  name = "bench/scheduler",
  summary = "Measure suspend/resume round trips per second.",
  options = { { name = "rounds", default = "200000" }, { name = "tasks", default = "100" } },
}, { ... })
local rounds, tasks = math.tointeger(tonumber(options.rounds)), math.tointeger(tonumber(options.tasks))
assert(rounds and rounds > 0 and tasks and tasks > 0, "--rounds and --tasks must be positive integers")

collectgarbage()
local memory_before = collectgarbage("count")
local started = plaid.now()
local workers = {}
for w = 1, tasks do
  workers[w] = task.spawn(function()
    for _ = 1, rounds // tasks do task.yield() end
  end)
end
for w = 1, tasks do workers[w]:wait() end
local elapsed = plaid.now() - started
collectgarbage()
print(plaid.json.encode({
  rounds = rounds,
  tasks = tasks,
  seconds = math.floor(elapsed * 1000) / 1000,
  round_trips_per_second = math.floor(rounds / elapsed),
  lua_kib_before = math.floor(memory_before),
  lua_kib_after = math.floor(collectgarbage("count")),
}, { sort_keys = true }))
