/// The Lua half of the batch runner, preloaded as `plaidlua.batch`: loads the handler, builds
/// each record's `ctx`, and runs one coroutine per record in flight on the runtime's
/// scheduler. The Swift half (`core`) reads the input and writes the answers.
enum BatchDriver {
    static let source = #"""
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
        --- returns its module.
        function batch.load(path, name, folder, found_path)
          package.path = folder .. "/?.lua;" .. package.path
          local chunk, problem = loadfile(path)
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

        local function join(...)
          local parts = table.pack(...)
          for i = 1, parts.n do parts[i] = tostring(parts[i]) end
          return table.concat(parts, " ", 1, parts.n)
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
                log[level] = function(...) core.log(level, prefix .. join(...)) end
              end
              rawset(ctx, "log", log)
              return log
            end
          end
          return function(fields) return setmetatable(fields, context_meta) end
        end

        --- A failure as the output writes it: a Plaid or transport error keeps its fields. Error
        --- lines are for people, so the texts of a table the handler raised have tokens masked too.
        local function error_fields(problem)
          if getmetatable(problem) == RetryRequest then
            return { kind = "retry", message = ("the handler still asked for a retry after %d retries"):format(core.retries) }
          end
          if problem == "not enough memory" and core.memory_limit then
            return { kind = "handler", message = ("the handler needed more than --memory-limit %d KiB: not enough memory")
                                                   :format(core.memory_limit // 1024) }
          end
          if type(problem) ~= "table" then
            return { kind = "handler", message = core.redact(tostring(problem)) }
          end
          local fields = {}
          for key, value in pairs(problem) do
            local kind = type(value)
            if type(key) == "string" and (kind == "string" or kind == "number" or kind == "boolean" or kind == "table"
                                          or value == plaid.null) then
              fields[key] = kind == "string" and core.redact(value) or value
            end
          end
          fields.kind = fields.kind or "handler"
          fields.message = fields.message or core.redact(tostring(problem))
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

          local running, fatal = {}, nil
          local function process(place, line, record)
            local attempt = 0
            while true do
              attempt = attempt + 1
              local ok, result = pcall(handler.handle, record, context { line = line, attempt = attempt })
              if not ok and getmetatable(result) == RetryRequest and attempt <= core.retries then
                core.retrying()
                task.sleep(result.seconds)
              else
                local written, problem
                if ok then
                  if result == nil then result = plaid.null end
                  written, problem = pcall(core.finish, place, line, true, result)
                else
                  written, problem = pcall(core.finish, place, line, false, error_fields(result))
                end
                if not written and fatal == nil then
                  fatal = problem
                  core.stop()
                end
                running[place] = nil
                return
              end
            end
          end

          while true do
            local place, line, record = core.next()
            if not place then break end
            running[place] = task.spawn(process, place, line, record)
          end
          for _, running_task in pairs(running) do running_task:wait() end
          if fatal ~= nil then error(fatal, 0) end
          if handler.finish then handler.finish(core.summary()) end
        end

        return batch
        """#
}
