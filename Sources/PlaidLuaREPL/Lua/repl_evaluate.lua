-- Evaluates one REPL chunk as `lua`'s REPL does. The first line of a chunk is tried as
-- `return <line>` (so an expression shows its values); otherwise, and for every longer chunk,
-- the text is compiled as it is. `style` says how values are shown: "print" hands them to the
-- global `print`, as `lua` does (tokens masked); "inspect" renders them for a terminal.
-- Returns "incomplete" for an unfinished chunk; "error" and the text to show; "ok" and the
-- text to show ("" once print has shown them).
local source, first_line, style = ...
local support = require "plaidlua.repl"

local chunk, failure
if first_line then chunk = load("return " .. source, "=stdin", "t") end
if not chunk then chunk, failure = load(source, "=stdin", "t") end
if not chunk then
  if failure:sub(-5) == "<eof>" then return "incomplete" end
  return "error", failure
end

local traceback = debug and debug.traceback or function(message) return message end

--- lua's message handler: the string, or what __tostring makes of the object (with no
--- traceback), or "(error object is a T value)" followed by what it holds; a Plaid or
--- PlaidLua error keeps its traceback, and on a terminal it reads as a block.
local function handler(raised)
  local text
  local with_traceback = true
  if support.is_error_value(raised) then
    text = style == "inspect" and support.error_block(raised) or tostring(raised)
  elseif type(raised) == "string" or math.type(raised) then
    text = tostring(raised)
  else
    local meta = getmetatable(raised)
    local described = type(meta) == "table" and meta.__tostring and tostring(raised)
    if type(described) == "string" then
      text, with_traceback = described, false
    else
      text = ("(error object is a %s value) %s"):format(type(raised), support.readable(raised))
    end
  end
  if not with_traceback then return text end
  local trace = traceback("", 2):gsub("\n\t%[C%]: in function 'xpcall'.*$", "\n\t[C]: in ?")
  return text .. trace
end

local results = table.pack(xpcall(chunk, handler))
if not results[1] then return "error", results[2] end
if style == "inspect" then
  local shown = {}
  for index = 2, results.n do shown[#shown + 1] = support.inspect(results[index]) end
  return "ok", table.concat(shown, "\t")
end
if results.n > 1 then
  for index = 2, results.n do results[index] = support.masked(results[index]) end
  local printed, problem = pcall(print, table.unpack(results, 2, results.n))
  if not printed then return "error", ("error calling 'print' (%s)"):format(tostring(problem)) end
end
return "ok", ""
