-- The bridge's side of the JSON benchmark: `plaidlua scripts/bench/json_decode.lua FILE ROUNDS`
-- turns the JSON bytes of FILE into a Lua table ROUNDS times with plaid.json.decode and prints
-- {"decodes_per_second": R, "megabytes_per_second": M}. Its twin, cjson_decode.lua, does the
-- same under lua5.4 with lua-cjson.
local plaid = require "plaid"
local path, rounds = arg[1], math.tointeger(tonumber(arg[2] or "10000"))
local file = assert(io.open(path, "rb"))
local text = file:read("a")
file:close()
local decode = plaid.json.decode
decode(text)
local started = os.clock()
for _ = 1, rounds do decode(text) end
local seconds = os.clock() - started
print(('{"decodes_per_second": %.1f, "megabytes_per_second": %.2f}'):format(rounds / seconds, rounds * #text / seconds / 1e6))
