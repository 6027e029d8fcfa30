-- luacheck's settings (scripts/lint-lua.sh): all of PlaidLua's Lua runs on Lua 5.4. The files
-- that change the standard library on purpose say which parts they may change.
std = "lua54"
max_line_length = 140

local writable = { read_only = false }

-- The safe profile narrows the standard library in place.
files["Sources/LuaBridge/Lua/safe.lua"] = {
  globals = { "load", "dofile", "loadfile", "package" },
  read_globals = {
    os = { fields = { getenv = writable }, other_fields = true },
    string = { fields = { dump = writable } },
  },
}

-- Waits are routed through the scripts' own coroutines.
files["Sources/LuaBridge/Lua/coroutine_routing.lua"] = {
  read_globals = { coroutine = { fields = { resume = writable, wrap = writable } } },
}

-- help(client.method) looks for the REPL's ready `client`.
files["Sources/PlaidLuaREPL/Lua/repl.lua"] = { read_globals = { "client" } }
