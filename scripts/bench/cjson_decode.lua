-- lua-cjson's side of the JSON benchmark, run with `lua5.4 scripts/bench/cjson_decode.lua FILE
-- ROUNDS`; see json_decode.lua.
local cjson = require "cjson"
local path, rounds = arg[1], math.tointeger(tonumber(arg[2] or "10000"))
local file = assert(io.open(path, "rb"))
local text = file:read("a")
file:close()
local decode = cjson.decode
decode(text)
local started = os.clock()
for _ = 1, rounds do decode(text) end
local seconds = os.clock() - started
print(('{"decodes_per_second": %.1f, "megabytes_per_second": %.2f}'):format(rounds / seconds, rounds * #text / seconds / 1e6))
