-- Shows what this PlaidLua is and runs a small concurrency check of its scheduler:
-- `plaidlua scripts/about.lua [--tasks N]`.
local cli = require "lib.cli"
local task = require "task"

local options = cli.parse({
  name = "about",
  summary = "Show PlaidLua's version and check that tasks wait concurrently.",
  options = { { name = "tasks", default = "100", help = "how many tasks sleep at once" } },
}, { ... })

local count = tonumber(options.tasks)
if not count or count < 1 or count % 1 ~= 0 then
  io.stderr:write(("about: --tasks must be a positive integer, not '%s'\n"):format(options.tasks))
  os.exit(2)
end

print(_VERSION .. " on PlaidLua")
local started = os.clock()
local tasks = {}
for i = 1, count do
  tasks[i] = task.spawn(function(n) task.sleep(0.1); return n end, i)
end
local sum = 0
for i = 1, count do sum = sum + tasks[i]:wait() end
assert(sum == count * (count + 1) // 2, "a task returned another task's result")
print(("%d tasks each slept 0.1 s and returned their own result (cpu %.3f s)"):format(count, os.clock() - started))
