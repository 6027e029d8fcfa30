-- The safe library profile (LuaLibraries.safe), run once after its libraries are open. It narrows
-- them: `load` takes text chunks only, no dofile, loadfile or string.dump, `os` keeps only its
-- clock functions, `os.getenv` hides anything that looks like a credential, and `require` reads
-- text files from one fixed search path. It returns the one-shot lock that sets that path and the
-- variables to hide; the host keeps it in the registry and calls it from lockSafeLibrary.
local rawload, rawloadfile, searchpath, rawgetenv = load, loadfile, package.searchpath, os.getenv
local setmetatable, error, type, select, pairs, next, tostring = setmetatable, error, type, select, pairs, next, tostring
load = function(chunk, name, _mode, ...)
  if select("#", ...) > 0 then return rawload(chunk, name, "t", ...) end
  return rawload(chunk, name, "t")
end
dofile, loadfile = nil, nil
string.dump = nil
local keep = { time = true, date = true, clock = true, difftime = true }
for name in pairs(os) do
  if not keep[name] then os[name] = nil end
end

local fixed_path = ""
local hidden_names = {}
local credential_words = { "SECRET", "TOKEN", "PASSWORD", "PASSWD", "KEY", "CREDENTIAL", "AUTH" }
local function hidden(name)
  local upper = name:upper()
  if hidden_names[name] then return true end
  for _, word in pairs(credential_words) do
    if upper:find(word, 1, true) then return true end
  end
  return false
end
os.getenv = function(name)
  if type(name) ~= "string" then error("bad argument #1 to 'getenv' (string expected, got " .. type(name) .. ")", 2) end
  if hidden(name) then return nil end
  return rawgetenv(name)
end

local preload = package.searchers[1]
local searchers = {
  preload,
  function(name)
    local path, message = searchpath(name, fixed_path)
    if not path then return "\n\t" .. message end
    local chunk, failure = rawloadfile(path, "t")
    if not chunk then
      error(("error loading module '%s' from file '%s':\n\t%s"):format(name, path, failure), 2)
    end
    return chunk, path
  end,
}
local real = package
real.loadlib, real.searchpath, real.cpath, real.path, real.searchers = nil, nil, "", "", searchers
local function read_only(table, what)
  return setmetatable({}, {
    __index = table,
    __newindex = function(_, key) error(what .. " cannot be changed under --safe (setting '" .. tostring(key) .. "')", 2) end,
    __len = function() return #table end,
    __pairs = function() return next, table, nil end,
    __metatable = false,
  })
end
local fixed = { path = true, cpath = true, searchers = true, loadlib = true, searchpath = true }
package = setmetatable({}, {
  __index = function(_, key)
    if key == "searchers" then return read_only(searchers, "package.searchers") end
    if key == "path" then return fixed_path end
    return real[key]
  end,
  __newindex = function(_, key, value)
    if fixed[key] then error("package." .. tostring(key) .. " cannot be changed under --safe", 2) end
    real[key] = value
  end,
  __pairs = function() return next, real, nil end,
  __metatable = false,
})
real.loaded.package = package
getmetatable("").__metatable = false

local locked = false
return function(path, names)
  if locked then error("the safe library is already locked", 2) end
  locked = true
  fixed_path = path
  for _, name in pairs(names) do hidden_names[name] = true end
end
