-- Sources/PlaidLuaBatch/Lua/batch.lua, the Lua half of `plaidlua batch`, loaded on its own: the Swift
-- half (`core`: the input, the output, redaction) is a stand-in that records what it is handed.
local plaid = require "plaid"

local root = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../../"

--- A fresh batch driver whose handler file holds `handler_source` (nil: unreadable) and whose
--- input is `records`, a list of { line = …, record = … }; `settings` override core's fields.
local function driver(handler_source, records, settings)
  local core = { safe = true, retries = 2, dry_run = false, concurrency = 4, finished = {}, logged = {}, retried = 0, read = 0 }
  for key, value in pairs(settings or {}) do core[key] = value end
  records = records or {}
  function core.read_handler(path)
    if handler_source == nil then return nil, "cannot open " .. path end
    return handler_source
  end
  function core.open() core.opened = true end
  function core.next()
    core.read = core.read + 1
    local entry = records[core.read]
    if entry then return core.read, entry.line, entry.record end
  end
  function core.finish_and_next(place, line, ok, value)
    if core.unwritable then error(core.unwritable, 0) end
    core.finished[place] = { line = line, ok = ok, value = value }
    if not core.stopped then return core.next() end
  end
  function core.retrying() core.retried = core.retried + 1 end
  function core.stop() core.stopped = true end
  function core.summary()
    core.summarized = { ok = #records }
    return core.summarized
  end
  function core.redact(text) return (text:gsub("secret%-%w+", "<redacted>")) end
  function core.readable(value) return "readable " .. tostring(value) end
  function core.log(...) core.logged[#core.logged + 1] = table.pack(...) end
  return assert(loadfile(root .. "Sources/PlaidLuaBatch/Lua/batch.lua"))(core), core
end

local function run(handler_source, records, settings)
  local batch, core = driver(handler_source, records, settings)
  batch.main("jobs/h.lua", "h", "jobs", "jobs/h.lua")
  return core
end

return {
  { "a handler file returns a function or a table with handle", function(t)
    local batch = driver("return function(record) return record end")
    t.equal(type(batch.load("h.lua", "h", ".", "./h.lua").handle), "function")
    batch = driver("return { handle = function() end, setup = function() end, rate = 5 }")
    local handler = batch.load("h.lua", "h", ".", "./h.lua")
    t.equal(type(handler.setup), "function")
    t.equal(handler.rate, 5, "the handler's own table is kept")
  end },
  { "a handler of another shape is refused, saying what it returned", function(t)
    local function refusal(source) return t.fails(driver(source).load, "h.lua", "h", ".", "./h.lua") end
    t.equal(refusal("return 42"), "h.lua must return a function(record, ctx) or a table with a handle function, not number")
    t.equal(refusal("return { setup = function() end }"),
      "h.lua must return a function(record, ctx) or a table with a handle function, not a table without handle")
    t.equal(refusal("return { handle = print, finish = 'later' }"), "h.lua: the handler's finish must be a function, not string")
  end },
  { "an unreadable or broken handler file says why", function(t)
    t.equal(t.fails(driver(nil).load, "h.lua", "h", ".", "./h.lua"), "cannot open h.lua")
    t.matches(t.fails(driver("return function(").load, "jobs/h.lua", "h", "jobs", "jobs/h.lua"), "^jobs/h%.lua:1: ")
  end },
  { "the handler is loaded as require would load it, its folder first on package.path", function(t)
    local source = "local name, path = ...; return { handle = print, name = name, path = path, search = package.path }"
    local before = package.path
    local batch = driver(source, nil, { safe = false })
    local handler = batch.load("jobs/h.lua", "jobs.h", "/work/jobs", "/work/jobs/h.lua")
    local changed = package.path
    package.path = before
    t.equal(handler.name, "jobs.h")
    t.equal(handler.path, "/work/jobs/h.lua")
    t.equal(changed, "/work/jobs/?.lua;" .. before)
    t.equal(handler.search, changed)
    driver(source).load("jobs/h.lua", "jobs.h", "/work/jobs", "/work/jobs/h.lua")
    t.equal(package.path, before, "under --safe the search path stays fixed")
  end },
  { "every record's result goes to its place, nil as null, then finish gets the summary", function(t)
    local core = run([[
      return {
        setup = function(ctx) ctx.log.info("setup", ctx.line) end,
        handle = function(record, ctx)
          if record.n == 2 then return nil end
          return { double = record.n * 2, line = ctx.line, attempt = ctx.attempt }
        end,
        finish = function(summary) summary.finished = true end,
      }
    ]], { { line = 1, record = { n = 1 } }, { line = 3, record = { n = 2 } }, { line = 4, record = { n = 3 } } })
    t.truthy(core.opened)
    t.equal(core.finished[1].value.double, 2)
    t.equal(core.finished[1].value.attempt, 1)
    t.equal(core.finished[3].line, 4)
    t.equal(core.finished[3].value.line, 4)
    t.equal(core.finished[2].ok, true)
    t.equal(core.finished[2].value, plaid.null)
    t.equal(core.logged[1][3], "setup")
    t.equal(core.logged[1].n, 4, "setup's ctx belongs to no record")
    t.equal(core.logged[1][4], nil)
    t.truthy(core.summarized.finished, "finish got the summary")
  end },
  { "a raised table keeps its string fields, redacted, with cycles cut", function(t)
    local core = run([[
      return function(record)
        if record == "text" then error("secret-abc went wrong", 0) end
        if record == "bare" then error(setmetatable({}, { __tostring = function() return "bare problem" end })) end
        local detail = { token = "secret-xyz", amount = 1.5, null = require("plaid").null }
        detail.again = detail
        error({ kind = "plaid", message = "secret-abc failed", detail = detail, [1] = "dropped",
                shown = setmetatable({}, { __tostring = function() return "shown" end }) })
      end
    ]], { { line = 1, record = "table" }, { line = 2, record = "text" }, { line = 3, record = "bare" } })
    local fields = core.finished[1].value
    t.equal(core.finished[1].ok, false)
    t.equal(fields.kind, "plaid")
    t.equal(fields.message, "<redacted> failed")
    t.equal(fields[1], nil)
    t.equal(fields.detail.token, "<redacted>")
    t.equal(fields.detail.amount, 1.5)
    t.equal(fields.detail.null, plaid.null)
    t.equal(fields.detail.again, "<cycle>")
    t.equal(fields.shown, "readable shown")
    t.equal(core.finished[2].value.kind, "handler")
    t.equal(core.finished[2].value.message, "readable secret-abc went wrong")
    t.equal(core.finished[3].value.kind, "handler")
    t.equal(core.finished[3].value.message, "readable bare problem")
  end },
  { "retry_after runs the record again, at most core.retries times", function(t)
    local core = run([[
      return function(record, ctx)
        if record == "always" or ctx.attempt == 1 then ctx.retry_after(0) end
        if record == "negative" then ctx.retry_after(-1) end
        return ctx.attempt
      end
    ]], { { line = 1, record = "once" }, { line = 2, record = "always" }, { line = 3, record = "negative" } })
    t.equal(core.finished[1].value, 2)
    t.equal(core.finished[2].value.kind, "retry")
    t.equal(core.finished[2].value.message, "the handler still asked for a retry after 2 retries")
    t.matches(core.finished[3].value.message, "bad argument #1 to 'retry_after' %(seconds expected, a number of at least 0%)")
    t.equal(core.retried, 1 + 2 + 1)
  end },
  { "ctx.log names the record's line", function(t)
    local core = run([[
      return { setup = function(ctx) ctx.log.warn("starting") end,
               handle = function(_, ctx) ctx.log.info("fetched", 2) end }
    ]], { { line = 7, record = {} } })
    t.equal(#core.logged, 2)
    t.equal(core.logged[1][1], "warn")
    t.equal(core.logged[1][2], "")
    t.equal(core.logged[1][3], "starting")
    t.equal(core.logged[2][1], "info")
    t.equal(core.logged[2][2], "line 7: ")
    t.equal(core.logged[2][4], 2)
  end },
  { "partner checks its argument", function(t)
    local core = run("return function(_, ctx) ctx.partner(5) end", { { line = 1, record = {} } })
    t.matches(core.finished[1].value.message, "bad argument #1 to 'partner' %(processor name expected, got number%)")
  end },
  { "a dry run reads every record and runs no handler code", function(t)
    local core = run("return { setup = function() error('ran') end, handle = function() error('ran') end }",
      { { line = 1, record = {} }, { line = 2, record = {} } }, { dry_run = true })
    t.truthy(core.opened)
    t.equal(core.read, 3, "two records, then the end")
    t.equal(next(core.finished), nil)
  end },
  { "an answer that cannot be written stops the run and is raised at the end", function(t)
    local batch, core = driver("return { handle = function() return 1 end, finish = function() error('finish ran') end }",
      { { line = 1, record = {} } }, { unwritable = "disk full" })
    t.equal(t.fails(batch.main, "h.lua", "h", ".", "./h.lua"), "disk full")
    t.truthy(core.stopped)
  end },
  { "as many workers as the concurrency keep records in flight, and each record is answered once", function(t)
    local records = {}
    for i = 1, 7 do records[i] = { line = 10 + i, record = { n = i } } end
    local core = run([[
      local task = require "task"
      local busy, most = 0, 0
      return function(record)
        busy = busy + 1
        most = math.max(most, busy)
        task.sleep(0.002 * (record.n % 3))
        busy = busy - 1
        return most
      end]], records, { concurrency = 3 })
    local most = 0
    for place = 1, 7 do
      t.equal(core.finished[place].line, 10 + place)
      most = math.max(most, core.finished[place].value)
    end
    t.equal(core.finished[8], nil)
    t.equal(most, 3, "three records at once, never more")
    t.equal(core.read, 10, "seven records, then the end for each of the three workers")
  end },
  { "a record that cannot be taken stops the run and is raised at the end", function(t)
    local batch, core = driver("return function() return 1 end", { { line = 1, record = {} }, { line = 2, record = {} } })
    local next_record = core.next
    function core.next()
      if core.read == 1 then error("input unreadable", 0) end
      return next_record()
    end
    t.equal(t.fails(batch.main, "h.lua", "h", ".", "./h.lua"), "input unreadable")
    t.truthy(core.stopped)
    t.equal(core.finished[1].line, 1, "the record in flight was still answered")
  end },
  { "running out of memory is told with the limit", function(t)
    local core = run("return function() error('not enough memory', 0) end", { { line = 1, record = {} } },
      { memory_limit = 64 * 1024 })
    t.equal(core.finished[1].value.message, "the handler needed more than --memory-limit 64 KiB: not enough memory")
  end },
}
