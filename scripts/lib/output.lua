-- Prints a workflow's result: JSON for programs (the default), or an indented listing for
-- people (`--format table`) in which tokens are masked.
local plaid = require "plaid"

local output = {}

local function is_token(text)
  return text:match("^access%-%a+%-") or text:match("^public%-%a+%-") or text:match("^processor%-%a+%-")
    or text:match("^btok_")
end

local function sorted_keys(value)
  local keys = {}
  for key in pairs(value) do
    if math.type(key) ~= "integer" or key < 1 or key > #value then keys[#keys + 1] = key end
  end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  return keys
end

local function listing(value, indent, lines)
  for index = 1, #value do
    local element = value[index]
    if type(element) == "table" then
      lines[#lines + 1] = ("%s- [%d]"):format(indent, index)
      listing(element, indent .. "    ", lines)
    else
      lines[#lines + 1] = ("%s- %s"):format(indent, output.scalar(element))
    end
  end
  for _, key in ipairs(sorted_keys(value)) do
    local element = value[key]
    if type(element) == "table" then
      lines[#lines + 1] = ("%s%s:"):format(indent, tostring(key))
      listing(element, indent .. "  ", lines)
    else
      lines[#lines + 1] = ("%s%s: %s"):format(indent, tostring(key), output.scalar(element))
    end
  end
  return lines
end

--- One value as the listing shows it: tokens masked, null spelled out.
function output.scalar(value)
  if value == plaid.null then return "null" end
  if type(value) == "string" and is_token(value) then return plaid.mask(value) end
  return tostring(value)
end

--- The listing of a table, one field per line, nested tables indented.
function output.table(value)
  return table.concat(listing(value, "", {}), "\n")
end

function output.json(value)
  return plaid.json.encode(value, { sort_keys = true, pretty = true })
end

function output.emit(value, format)
  print(format == "table" and output.table(value) or output.json(value))
end

return output
