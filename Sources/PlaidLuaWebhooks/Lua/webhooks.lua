-- The Lua half of `plaidlua webhooks listen`, preloaded as `plaidlua.webhooks`: verifies each
-- request with plaid.webhooks.verify, answers replays without acting twice, forwards, and runs
-- the handler in a task of its own. The Swift half (`core`, WebhookListener) owns the server.
local core = ...
local plaid = require "plaid"
local task = require "task"

local listener = {}

local function fail(message) error(message, 0) end

--- Loads the handler as batch loads one: its folder first on package.path, read by the host.
local function load_handler(path, name, folder)
  if not core.safe then package.path = folder .. "/?.lua;" .. package.path end
  local source, unreadable = core.read_handler(path)
  if not source then fail(unreadable) end
  local chunk, problem = load(source, "@" .. path)
  if not chunk then fail(problem) end
  local loaded = chunk(name, path)
  if type(loaded) == "function" then return loaded end
  if type(loaded) == "table" and type(loaded.handle) == "function" then return loaded.handle end
  fail(("%s must return a function(webhook, meta) or a table with a handle function, not %s")
    :format(path, type(loaded) == "table" and "a table without handle" or type(loaded)))
end

--- What one line on the screen says about a webhook: type, code and what it is about.
local function describe(webhook)
  local subject = webhook.account_id and ("account " .. tostring(webhook.account_id))
    or webhook.item_id and ("item " .. tostring(webhook.item_id)) or ""
  return ("%s %s %s"):format(tostring(webhook.webhook_type), tostring(webhook.webhook_code), subject)
end

local function handle(handler, client, id, body, header, meta)
  local started = plaid.now()
  local stamp = core.iso8601(meta.received_at)
  local function finish(status, text, what, endpoint, rule)
    core.finish(id, status, text, ("%s  %d  %s  %s"):format(stamp, status, what, meta.path), endpoint, rule, started)
  end
  local ok, webhook, claims = pcall(plaid.webhooks.verify, body, header, client, { max_age = core.max_age })
  if not ok then
    local problem = webhook
    if type(problem) == "table" and problem.kind == "webhook" then
      local status = problem.rule == "key_unavailable" and 503 or 401
      return finish(status, problem.message, problem.message, "webhook (rejected)", problem.rule)
    end
    return finish(503, "cannot verify the webhook now", "cannot verify: " .. core.redact(problem), "webhook (rejected)", "key_unavailable")
  end
  local what = describe(webhook)
  local endpoint = ("webhook %s %s"):format(tostring(webhook.webhook_type), tostring(webhook.webhook_code))
  if not core.first_time(claims.token) then
    return finish(200, "already accepted", what .. " (a replay: acknowledged, not handled again)", endpoint)
  end
  local forwarded, forward_problem = core.forward(body, header)
  if forward_problem then
    return finish(502, forward_problem, what .. " → " .. forward_problem, endpoint, "forward")
  end
  if handler then
    meta.claims = { kid = claims.kid, iat = claims.iat, request_body_sha256 = claims.request_body_sha256 }
    local handled, problem = pcall(handler, webhook, meta)
    if not handled then
      local text = core.redact(problem)
      return finish(500, "the handler failed", what .. " → handler failed: " .. text, endpoint, "handler")
    end
  end
  local note = forwarded and (" → forwarded (HTTP " .. forwarded .. ")") or ""
  finish(200, "ok", what .. note, endpoint)
end

function listener.main(path, name, folder, address)
  local handler = path and load_handler(path, name, folder) or nil
  local client = plaid.client()
  core.ready(address, client.env)
  local running = {}
  while true do
    local id, body, header, meta = core.next()
    if not id then break end
    running[id] = task.spawn(function()
      handle(handler, client, id, body, header, meta)
      running[id] = nil
    end)
  end
  for _, running_task in pairs(running) do running_task:wait() end
end

return listener
