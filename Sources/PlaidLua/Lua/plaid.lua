-- The Lua half of `require "plaid"`. `core` holds the Swift half (PlaidModule): clients, errors,
-- JSON, masking, time, the models' enums; this file adds logging and concurrency on the
-- runtime's scheduler (`spawn`, `sleep`, `map`).
local core = ...
local task = require "task"
local plaid = {}

for _, name in ipairs { "client", "is_error", "mask", "now", "iso8601", "parse_time", "describe", "env",
                        "null", "version", "processors", "methods", "enums" } do
  plaid[name] = core[name]
end

plaid.spawn = task.spawn
plaid.sleep = task.sleep
plaid.json = { encode = core.json_encode, decode = core.json_decode, null = core.null }

plaid.log = {}
for _, level in ipairs { "debug", "info", "warn", "error" } do
  plaid.log[level] = function(...) core.log(level, ...) end
end

--- Calls fn(item, index) for every item with at most `concurrency` calls in flight and
--- returns the results in input order. The first error stops new calls; it is raised
--- once the calls already running have finished.
function plaid.map(list, fn, options)
  if type(list) ~= "table" then error("bad argument #1 to 'map' (table expected, got " .. type(list) .. ")", 2) end
  if type(fn) ~= "function" then error("bad argument #2 to 'map' (function expected, got " .. type(fn) .. ")", 2) end
  local concurrency = options and options.concurrency or 16
  if math.type(concurrency) ~= "integer" or concurrency < 1 then
    error("bad argument #3 to 'map' (concurrency must be a positive integer)", 2)
  end
  local count, results, next_index, failure = #list, {}, 1, nil
  local function worker()
    while failure == nil and next_index <= count do
      local index = next_index
      next_index = index + 1
      local ok, result = pcall(fn, list[index], index)
      if ok then results[index] = result elseif failure == nil then failure = result end
    end
  end
  local workers = {}
  for w = 1, math.min(concurrency, count) do workers[w] = task.spawn(worker) end
  for w = 1, #workers do workers[w]:wait() end
  if failure ~= nil then error(failure, 0) end
  return results
end

return plaid
