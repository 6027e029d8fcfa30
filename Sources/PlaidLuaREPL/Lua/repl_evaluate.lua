-- Evaluates one REPL chunk as `lua`'s REPL does: as an expression when it is one, else as
-- statements. Returns "ok" and the values as text, "incomplete" for an unfinished chunk, or
-- "error" and the message with its traceback.
local source = ...
local support = require "plaidlua.repl"
local chunk, failure = load("return " .. source, "=stdin", "t")
if not chunk then chunk, failure = load(source, "=stdin", "t") end
if not chunk then
  if failure:sub(-5) == "<eof>" then return "incomplete" end
  return "error", failure
end
local traceback = debug and debug.traceback or function(message) return message end
local results = table.pack(xpcall(chunk, function(message)
  local text
  if type(message) == "table" and type(message.kind) == "string" and getmetatable(message) then
    text = support.error_block(message)
  elseif type(message) ~= "string" then
    text = support.readable(message)
  else
    text = message
  end
  local trace = traceback("", 2):gsub("\n\t%[C%]: in function 'xpcall'.*$", "")
  return text .. trace
end))
if not results[1] then return "error", results[2] end
local shown = {}
for index = 2, results.n do shown[#shown + 1] = support.inspect(results[index]) end
return "ok", table.concat(shown, "\t")
