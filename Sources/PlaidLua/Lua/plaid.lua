-- The Lua half of `require "plaid"`. `core` holds the Swift half (PlaidModule): clients, errors,
-- JSON, masking, time, the models' enums; this file adds logging and concurrency on the
-- runtime's scheduler (`spawn`, `sleep`, `map`).
local core = ...
local task = require "task"
local plaid = {}

for _, name in ipairs { "client", "is_error", "mask", "now", "iso8601", "parse_time", "describe", "env",
                        "null", "version", "processors", "methods", "enums", "store" } do
  plaid[name] = core[name]
end

plaid.spawn = task.spawn
plaid.sleep = task.sleep
plaid.json = { encode = core.json_encode, decode = core.json_decode, null = core.null }

plaid.webhooks = {}
--- Checks a received webhook by Plaid's scheme (ES256 JWT, key fetched by its kid, at most
--- 5 minutes old unless `options.max_age` says otherwise, SHA-256 of the exact body) and returns
--- the decoded body; raises an error with `kind = "webhook"` and the `rule` that failed. `client`
--- defaults to plaid.client().
function plaid.webhooks.verify(body, header, client, options)
  return core.webhooks_verify(body, header, client or plaid.client(), options)
end

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

--- Every change to an account's transactions since `request.cursor` (none: the whole history),
--- through as many `/processor/transactions/sync` pages as it takes. Pages are kept until the
--- last, so when the data changes mid-way (TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION) the
--- sync starts again from the same cursor, up to `max_restarts` times, and nothing is handed
--- out twice. Returns { added, modified, removed, cursor, pages, restarts } with `changes()`, an
--- iterator of (kind, transaction); save `cursor` for the next sync.
function plaid.sync_transactions(client, request, options)
  if type(request) ~= "table" then error("bad argument #2 to 'sync_transactions' (table expected, got " .. type(request) .. ")", 2) end
  local max_restarts = options and options.max_restarts or 3
  local restarts = 0
  while true do
    -- Decoded, the lists stay JSON arrays when written out, even empty.
    local page_request = {}
    local result = { added = core.json_decode("[]"), modified = core.json_decode("[]"), removed = core.json_decode("[]"),
                     pages = 0, restarts = restarts }
    for key, value in pairs(request) do page_request[key] = value end
    local ok, failure = pcall(function()
      repeat
        local page = client:processor_transactions_sync(page_request)
        for _, kind in ipairs { "added", "modified", "removed" } do
          table.move(page[kind], 1, #page[kind], #result[kind] + 1, result[kind])
        end
        result.pages = result.pages + 1
        page_request.cursor = page.next_cursor
      until not page.has_more
    end)
    if ok then
      result.cursor = page_request.cursor
      function result.changes()
        return coroutine.wrap(function()
          for _, kind in ipairs { "added", "modified", "removed" } do
            for _, transaction in ipairs(result[kind]) do coroutine.yield(kind, transaction) end
          end
        end)
      end
      return result
    end
    if not (plaid.is_error(failure) and failure.error_code == "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION")
       or restarts >= max_restarts then
      error(failure, 0)
    end
    restarts = restarts + 1
  end
end

return plaid
