-- Sources/LuaBridge/Lua/safe.lua, the --safe library profile, run in an environment of its own so
-- it narrows copies of the libraries, not the ones the specs run with.
local root = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../../"

--- The profile applied to fresh copies of the libraries it changes; returns the environment it
--- ran in, the lock it returned, and what it saw as the string metatable.
local function narrowed()
  local string_metatable = {}
  local os_copy = { getenv = function(name) return "value of " .. name end }
  for _, name in ipairs { "time", "date", "clock", "difftime", "execute", "remove", "rename", "tmpname", "exit" } do
    os_copy[name] = os[name]
  end
  local env = {
    load = load, loadfile = loadfile, dofile = dofile,
    setmetatable = setmetatable, error = error, type = type, select = select, pairs = pairs, next = next, tostring = tostring,
    getmetatable = function(value)
      if type(value) == "string" then return string_metatable end
      return getmetatable(value)
    end,
    string = { dump = string.dump },
    os = os_copy,
    package = { searchers = { function() return "\n\tno preload" end }, searchpath = package.searchpath,
                path = "./?.lua", cpath = "./?.so", loadlib = package.loadlib, loaded = {}, preload = {} },
  }
  local lock = assert(loadfile(root .. "Sources/LuaBridge/Lua/safe.lua", "t", env))()
  return env, lock, string_metatable
end

--- A new folder holding `files` (name → content).
local function folder_with(files)
  local folder = os.tmpname()
  os.remove(folder)
  assert(os.execute("mkdir -p '" .. folder .. "'"))
  for name, content in pairs(files) do
    local file = assert(io.open(folder .. "/" .. name, "wb"))
    file:write(content)
    file:close()
  end
  return folder
end

return {
  { "os keeps only its clock functions; dofile, loadfile and string.dump are gone", function(t)
    local env = narrowed()
    for _, name in ipairs { "execute", "remove", "rename", "tmpname", "exit" } do t.equal(env.os[name], nil, name) end
    for _, name in ipairs { "time", "date", "clock", "difftime" } do t.equal(env.os[name], os[name], name) end
    t.equal(env.dofile, nil)
    t.equal(env.loadfile, nil)
    t.equal(env.string.dump, nil)
  end },
  { "load takes text chunks only, whatever mode is asked for", function(t)
    local env = narrowed()
    local binary = string.dump(function() return 1 end)
    local chunk, problem = env.load(binary, "=binary", "b")
    t.equal(chunk, nil)
    t.matches(problem, "attempt to load a binary chunk")
    local text = env.load("return answer", "=text", "b", { answer = 42 })
    t.equal(text(), 42, "the environment argument still applies")
  end },
  { "os.getenv hides credentials, and the names the host adds at lock time", function(t)
    local env, lock = narrowed()
    t.equal(env.os.getenv("HOME"), "value of HOME")
    for _, name in ipairs { "PLAID_SECRET", "github_token", "DB_PASSWORD", "API_KEY", "Authorization" } do
      t.equal(env.os.getenv(name), nil, name)
    end
    t.equal(env.os.getenv("PLAID_CLIENT_ID"), "value of PLAID_CLIENT_ID")
    lock("", { "PLAID_CLIENT_ID" })
    t.equal(env.os.getenv("PLAID_CLIENT_ID"), nil)
    t.matches(t.fails(env.os.getenv, 5), "bad argument #1 to 'getenv' %(string expected, got number%)")
  end },
  { "require's search path and searchers cannot be changed", function(t)
    local env = narrowed()
    t.matches(t.fails(function() env.package.path = "/etc/?" end), "package.path cannot be changed under %-%-safe")
    t.matches(t.fails(function() env.package.cpath = "" end), "package.cpath cannot be changed under %-%-safe")
    t.matches(t.fails(function() env.package.searchers[3] = print end),
      "package.searchers cannot be changed under %-%-safe %(setting '3'%)")
    t.equal(#env.package.searchers, 2)
    t.equal(env.package.loadlib, nil)
    t.equal(env.package.searchpath, nil)
    t.equal(env.package.path, "")
    t.equal(env.package.loaded.package, env.package, "package.loaded holds the guarded table")
    t.equal(getmetatable(env.package), false, "its metatable is hidden")
    env.package.spec_field = 1
    t.equal(env.package.spec_field, 1, "other fields stay writable")
  end },
  { "the string metatable is hidden", function(t)
    local _, _, string_metatable = narrowed()
    t.equal(string_metatable.__metatable, false)
  end },
  { "the lock fixes the search path once", function(t)
    local env, lock = narrowed()
    lock("/scripts/?.lua", {})
    t.equal(env.package.path, "/scripts/?.lua")
    t.matches(t.fails(lock, "/tmp/?.lua", {}), "the safe library is already locked")
    t.equal(env.package.path, "/scripts/?.lua")
  end },
  { "require reads text files from the fixed path only", function(t)
    local folder = folder_with { ["answer.lua"] = "return 42", ["binary.lua"] = string.dump(function() return 1 end) }
    local env, lock = narrowed()
    lock(folder .. "/?.lua", {})
    local search = env.package.searchers[2]
    local chunk, path = search("answer")
    t.equal(path, folder .. "/answer.lua")
    t.equal(chunk(), 42)
    t.matches(search("missing"), "^\n\tno file '" .. folder:gsub("%p", "%%%0") .. "/missing%.lua'")
    t.matches(t.fails(search, "binary"), "error loading module 'binary' from file '.*binary%.lua':\n\t.*binary chunk")
    os.remove(folder .. "/answer.lua")
    os.remove(folder .. "/binary.lua")
    os.remove(folder)
  end },
}
