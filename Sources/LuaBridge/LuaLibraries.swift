/// Which parts of Lua's standard library a runtime opens.
public enum LuaLibraries: Sendable {
    /// Everything `lua` opens.
    case standard
    /// An allow-list in the spirit of Redis' EVAL: no `io`, `debug`, `os.execute`, `os.getenv`,
    /// `dofile`, `loadfile`, `package.loadlib` or C modules, and `load`/`require` accept text
    /// chunks only. Debian's shared liblua would let `package.loadlib` re-open `os` and `io`, so
    /// it goes too.
    case safe
}

/// Lua run once after the safe profile's libraries are open: it narrows them.
let safeProfileSource = """
local rawload, rawloadfile, searchpath = load, loadfile, package.searchpath
load = function(chunk, name, mode, ...)
  if select("#", ...) > 0 then return rawload(chunk, name, "t", ...) end
  return rawload(chunk, name, "t")
end
dofile, loadfile = nil, nil
local keep = { time = true, date = true, clock = true, difftime = true }
for name in pairs(os) do
  if not keep[name] then os[name] = nil end
end
package.loadlib, package.cpath = nil, ""
local preload = package.searchers[1]
package.searchers = {
  preload,
  function(name)
    local path, message = searchpath(name, package.path)
    if not path then return "\\n\\t" .. message end
    local chunk, failure = rawloadfile(path, "t")
    if not chunk then
      error(("error loading module '%s' from file '%s':\\n\\t%s"):format(name, path, failure), 2)
    end
    return chunk, path
  end,
}
getmetatable("").__metatable = false
"""
