-- The Lua half of the batch runner, preloaded as `plaidlua.batch`: loads the handler, builds
-- each record's `ctx`, and runs one task per record in flight on the runtime's scheduler. The
-- Swift half (`core`, BatchRunner) reads the input and writes the answers.
local core = ...
local plaid = require "plaid"
local task = require "task"

local batch = {}

-- ctx.retry_after(seconds) raises one of these; the runner waits and runs the record again.
local RetryRequest = {}
RetryRequest.__tostring = function(request)
  return ("the handler asked to retry after %g s"):format(request.seconds)
end

local function fail(message) error(message, 0) end

--- Loads the handler file as `require` would load a module: with its name and the path
--- `require` would find, its folder first on package.path, so a shipped workflow file
--- returns its module. The host reads the file, since a --safe state has no loadfile.
function batch.load(path, name, folder, found_path)
  -- Under --safe the search path is fixed, and already holds the handler's folder.
  if not core.safe then package.path = folder .. "/?.lua;" .. package.path end
  local source, unreadable = core.read_handler(path)
  if not source then fail(unreadable) end
  local chunk, problem = load(source, "@" .. path)
  if not chunk then fail(problem) end
  local loaded = chunk(name, found_path)
  local handler
  if type(loaded) == "function" then
    handler = { handle = loaded }
  elseif type(loaded) == "table" and type(loaded.handle) == "function" then
    handler = loaded
  else
    fail(("%s must return a function(record, ctx) or a table with a handle function, not %s")
      :format(path, type(loaded) == "table" and "a table without handle" or type(loaded)))
  end
  for _, hook in ipairs { "setup", "finish" } do
    if handler[hook] ~= nil and type(handler[hook]) ~= "function" then
      fail(("%s: the handler's %s must be a function, not %s"):format(path, hook, type(handler[hook])))
    end
  end
  return handler
end

--- What every ctx shares: clients made once and reused by every record.
local function shared_context()
  local shared, partners = {}, {}
  function shared.partner(processor)
    if type(processor) ~= "string" then
      error("bad argument #1 to 'partner' (processor name expected, got " .. type(processor) .. ")", 2)
    end
    local client = partners[processor]
    if not client then
      client = plaid.client { processor = processor }
      partners[processor] = client
    end
    return client
  end
  function shared.retry_after(seconds)
    if type(seconds) ~= "number" or seconds < 0 then
      error("bad argument #1 to 'retry_after' (seconds expected, a number of at least 0)", 2)
    end
    error(setmetatable({ seconds = seconds }, RetryRequest), 0)
  end
  local lazy = {
    client = function() return plaid.client() end,
  }
  local context_meta = {}
  function context_meta.__index(ctx, key)
    local known = shared[key]
    if known ~= nil then return known end
    local make = lazy[key]
    if make then
      local value = make()
      rawset(shared, key, value)
      return value
    end
    if key == "log" then
      local prefix = ctx.line and ("line " .. ctx.line .. ": ") or ""
      local log = {}
      for _, level in ipairs { "debug", "info", "warn", "error" } do
        log[level] = function(...) core.log(level, prefix, ...) end
      end
      rawset(ctx, "log", log)
      return log
    end
  end
  return function(fields) return setmetatable(fields, context_meta) end
end

--- A field of a raised table as the output writes it: texts redacted, plain tables copied
--- (to a bounded depth, a cycle cut), anything else as its readable text.
local function cleaned(value, depth, seen)
  local kind = type(value)
  if kind == "string" then return core.redact(value) end
  if kind == "number" or kind == "boolean" or value == plaid.null then return value end
  local meta = getmetatable(value)
  if kind ~= "table" or (type(meta) == "table" and meta.__tostring) or depth > 8 or seen[value] then
    return seen[value] and "<cycle>" or core.readable(value)
  end
  seen[value] = true
  local copy = {}
  for key, field in next, value do
    local key_kind = type(key)
    if key_kind == "string" or key_kind == "number" then
      copy[key_kind == "string" and core.redact(key) or key] = cleaned(field, depth + 1, seen)
    end
  end
  seen[value] = nil
  return copy
end

--- A failure as the output writes it: a Plaid or transport error keeps its fields, and any
--- other value raised reads as text (a table as a Lua constructor). Error lines are for
--- people, so every text is redacted: tokens, the hidden parts of tokens and secrets.
local function error_fields(problem)
  if getmetatable(problem) == RetryRequest then
    return { kind = "retry", message = ("the handler still asked for a retry after %d retries"):format(core.retries) }
  end
  if problem == "not enough memory" and core.memory_limit then
    return { kind = "handler", message = ("the handler needed more than --memory-limit %d KiB: not enough memory")
                                           :format(core.memory_limit // 1024) }
  end
  if type(problem) ~= "table" then
    return { kind = "handler", message = core.readable(problem) }
  end
  local fields = {}
  for key, value in next, problem do
    if type(key) == "string" then fields[core.redact(key)] = cleaned(value, 1, { [problem] = true }) end
  end
  if type(fields.kind) ~= "string" then fields.kind = "handler" end
  if type(fields.message) ~= "string" then fields.message = core.readable(problem) end
  return fields
end

function batch.main(path, name, folder, found_path)
  local handler = batch.load(path, name, folder, found_path)
  local context = shared_context()
  if core.dry_run then
    core.open()
    while core.next() do end
    return
  end
  if handler.setup then handler.setup(context {}) end
  core.open()

  local fatal = nil
  -- The handler's answer for one record: ok and its result, or false and the error's fields.
  local function answer(line, record)
    local attempt = 0
    while true do
      attempt = attempt + 1
      local ok, result = pcall(handler.handle, record, context { line = line, attempt = attempt })
      if not ok and getmetatable(result) == RetryRequest and attempt <= core.retries then
        core.retrying()
        task.sleep(result.seconds)
      elseif ok then
        if result == nil then result = plaid.null end
        return true, result
      else
        return false, error_fields(result)
      end
    end
  end

  local function stop_with(problem)
    if fatal == nil then
      fatal = problem
      core.stop()
    end
  end

  -- A worker answers its record, hands the answer back and takes the next record in one step,
  -- until the input ends or the run stops.
  local function worker(place, line, record)
    local taken = true
    while taken and place do
      taken, place, line, record = pcall(core.finish_and_next, place, line, answer(line, record))
    end
    if not taken then stop_with(place) end
  end

  -- One worker per record in flight, up to the concurrency.
  local workers = {}
  for i = 1, core.concurrency do
    local taken, place, line, record = pcall(core.next)
    if not taken then stop_with(place) end
    if not (taken and place) then break end
    workers[i] = task.spawn(worker, place, line, record)
  end
  for _, running_task in ipairs(workers) do running_task:wait() end
  if fatal ~= nil then error(fatal, 0) end
  if handler.finish then handler.finish(core.summary()) end
end

return batch
