-- Runs Lua spec files: `plaidlua Tests/Lua/runner.lua a_spec.lua b_spec.lua ...`.
--
-- A spec file returns a list of { "what it checks", function(t) ... end } pairs. Each test runs
-- in its own task (a failure is turned into text inside it, since task results cross as plain
-- values); `t` offers assertions that raise with a readable message. The runner prints
-- one line per test and ends with "N passed, M failed"; its exit status is 1 when any failed.
local task = require "task"

local function show(value)
  if type(value) == "string" then return ("%q"):format(value) end
  return tostring(value)
end

local assertions = {}

function assertions.equal(actual, expected, note)
  if actual ~= expected then
    error(("expected %s, got %s%s"):format(show(expected), show(actual), note and (" (" .. note .. ")") or ""), 2)
  end
end

function assertions.truthy(value, note)
  if not value then error("expected a true value" .. (note and (": " .. note) or ""), 2) end
end

function assertions.matches(text, pattern)
  if type(text) ~= "string" or not text:find(pattern) then
    error(("expected text matching %s, got %s"):format(show(pattern), show(text)), 2)
  end
end

--- Calls fn, which must raise; returns the error value.
function assertions.fails(fn, ...)
  local ok, failure = pcall(fn, ...)
  if ok then error("expected an error, but the call succeeded", 2) end
  return failure
end

local passed, failed = 0, 0
for _, file in ipairs { ... } do
  local chunk, problem = loadfile(file)
  if not chunk then
    failed = failed + 1
    print(("not ok - %s: %s"):format(file, problem))
  else
    local tests = chunk()
    local runs = {}
    for index, entry in ipairs(tests) do
      runs[index] = task.spawn(function()
        local ok, failure = pcall(entry[2], assertions)
        return ok, not ok and tostring(failure) or nil
      end)
    end
    for index, entry in ipairs(tests) do
      local ok, failure = runs[index]:wait()
      if ok then
        passed = passed + 1
        print(("ok - %s: %s"):format(file:match("[^/]+$"), entry[1]))
      else
        failed = failed + 1
        print(("not ok - %s: %s: %s"):format(file:match("[^/]+$"), entry[1], failure))
      end
    end
  end
end
print(("%d passed, %d failed"):format(passed, failed))
os.exit(failed == 0 and 0 or 1)
