-- Throughput of API calls through the scheduler: `plaidlua scripts/bench/calls.lua [--calls N]
-- [--concurrency C]`. Reads balances with one processor token against the configured
-- environment (the embedded sandbox by default) and prints calls per second and Lua's memory
-- before and after, as JSON.
local plaid = require "plaid"
local cli = require "lib.cli"

local options = cli.parse({
  name = "bench/calls",
  summary = "Measure processor_balance_get calls per second at a given concurrency.",
  options = {
    { name = "calls", default = "5000" },
    { name = "concurrency", default = "64" },
  },
}, { ... })
local calls, concurrency = math.tointeger(tonumber(options.calls)), math.tointeger(tonumber(options.concurrency))
assert(calls and calls > 0 and concurrency and concurrency > 0, "--calls and --concurrency must be positive integers")

local partner = plaid.client { processor = "dwolla", concurrency = concurrency }
local token = partner:sandbox_processor_token_create { institution_id = "ins_109508" }.processor_token

local function run(count)
  local list = {}
  for i = 1, count do list[i] = i end
  plaid.map(list, function() return partner:processor_balance_get { processor_token = token }.request_id end,
    { concurrency = concurrency })
end

run(math.min(calls, 200))
collectgarbage()
local memory_before = collectgarbage("count")
local started = plaid.now()
run(calls)
local elapsed = plaid.now() - started
-- Each full cycle halves Lua's string table at most once; settle it before measuring.
for _ = 1, 8 do collectgarbage() end
print(plaid.json.encode({
  calls = calls,
  concurrency = concurrency,
  seconds = math.floor(elapsed * 1000) / 1000,
  calls_per_second = math.floor(calls / elapsed),
  lua_kib_before = math.floor(memory_before),
  lua_kib_after = math.floor(collectgarbage("count")),
}, { sort_keys = true }))
