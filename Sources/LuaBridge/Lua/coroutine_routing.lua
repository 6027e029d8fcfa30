-- Routes waits through a script's own coroutines. A host function waiting inside a coroutine
-- the script made yields the pending sentinel (the chunk's argument); coroutine.resume passes it
-- outwards, so the scheduler suspends the whole task instead of the script's resume returning
-- early and losing the result, and when the task is resumed with the result, it travels back
-- inwards to the coroutine that waits for it. coroutine.wrap is rebuilt on that resume.
local pending = ...
local rawresume, rawyield, create, status, close = coroutine.resume, coroutine.yield, coroutine.create, coroutine.status, coroutine.close
local pack, unpack = table.pack, table.unpack
local waiting = setmetatable({}, { __mode = "k" })

local function resume(co, ...)
  if waiting[co] then
    return false, "cannot resume a coroutine that is waiting for a host call to finish"
  end
  local results = pack(rawresume(co, ...))
  while results.n == 2 and results[1] and results[2] == pending and status(co) == "suspended" do
    waiting[co] = true
    local delivered = pack(rawyield(pending))
    waiting[co] = nil
    results = pack(rawresume(co, unpack(delivered, 1, delivered.n)))
  end
  return unpack(results, 1, results.n)
end

coroutine.resume = resume
coroutine.wrap = function(body)
  local co = create(body)
  return function(...)
    local results = pack(resume(co, ...))
    if results[1] then return unpack(results, 2, results.n) end
    if status(co) == "dead" then close(co) end
    error(results[2], 0)
  end
end
