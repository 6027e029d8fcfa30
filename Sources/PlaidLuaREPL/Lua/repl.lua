-- The REPL's Lua side, preloaded as `plaidlua.repl`: printing values, completing names, `help`.
-- It runs inside the runtime so it can look at any Lua value, including those Swift cannot hold
-- (functions, cycles). `parts` holds what only Swift knows: secrets, userdata methods and fields.
local parts = ...
local plaid = require "plaid"
local support = {}

local keywords = { "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
  "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while" }
local is_keyword = {}
for _, word in ipairs(keywords) do is_keyword[word] = true end

local colors = { string = "32", number = "36", boolean = "33", null = "35", ["nil"] = "35", other = "90", error = "31" }

local function paint(options, kind, text)
  if not options.color then return text end
  return "\27[" .. colors[kind] .. "m" .. text .. "\27[0m"
end

local function is_token(text)
  return text:match("^access%-%a+%-") or text:match("^public%-%a+%-") or text:match("^processor%-%a+%-")
    or text:match("^link%-%a+%-") or text:match("^btok_")
end

local function quote(text, options)
  if parts.is_secret(text) then return paint(options, "other", "<redacted>") end
  if is_token(text) then text = plaid.mask(text) end
  local note = ""
  if #text > options.max_string then
    note = paint(options, "other", (" … (%d bytes, cut)"):format(#text))
    text = text:sub(1, options.max_string)
  end
  local escaped = text:gsub('[%c"\\]', function(c)
    local named = { ["\n"] = "\\n", ["\t"] = "\\t", ["\r"] = "\\r", ['"'] = '\\"', ["\\"] = "\\\\" }
    return named[c] or ("\\%03d"):format(c:byte())
  end)
  return paint(options, "string", '"' .. escaped .. '"') .. note
end

local type_order = { number = 1, boolean = 2, string = 3, table = 4, ["function"] = 5, userdata = 6, thread = 7 }

local function sorted_keys(value, length)
  local keys = {}
  for key in next, value do
    if not (math.type(key) == "integer" and key >= 1 and key <= length) then keys[#keys + 1] = key end
  end
  table.sort(keys, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return (type_order[ta] or 9) < (type_order[tb] or 9) end
    if ta == "number" or ta == "string" then return a < b end
    return tostring(a) < tostring(b)
  end)
  return keys
end

local function is_error_value(value)
  local meta = getmetatable(value)
  return type(value) == "table" and type(meta) == "table" and meta.__name == "error" and type(value.kind) == "string"
end

--- A Plaid error as a block: code and type first, then the fields people look for.
function support.error_block(value, options)
  options = options or support.options()
  local lines = {}
  if value.kind == "plaid" then
    lines[1] = paint(options, "error", ("Plaid error %s (%s)"):format(parts.readable(value.error_code), parts.readable(value.error_type)))
    for _, field in ipairs { "error_message", "display_message", "request_id", "status", "error_code_reason",
                             "suggested_action", "documentation_url" } do
      if value[field] ~= nil and value[field] ~= plaid.null then
        lines[#lines + 1] = ("  %-18s %s"):format(field .. ":", parts.readable(value[field]))
      end
    end
  else
    lines[1] = paint(options, "error", ("%s error: %s"):format(value.kind, parts.readable(value.message)))
    for _, field in ipairs { "reason", "field", "host", "path", "status", "request_id" } do
      if value[field] ~= nil then lines[#lines + 1] = ("  %-18s %s"):format(field .. ":", parts.readable(value[field])) end
    end
  end
  return table.concat(lines, "\n")
end

local function render(value, options, depth, seen, indent)
  local kind = type(value)
  if value == plaid.null then return paint(options, "null", "null") end
  if kind == "string" then return quote(value, options) end
  if kind == "number" then return paint(options, "number", tostring(value)) end
  if kind == "boolean" then return paint(options, "boolean", tostring(value)) end
  if kind == "nil" then return paint(options, "nil", "nil") end
  if kind ~= "table" then
    local text = tostring(value)
    if kind == "function" then text = "<function>" end
    return paint(options, "other", text)
  end
  if is_error_value(value) then return support.error_block(value, options) end
  if seen[value] then return paint(options, "other", "<cycle>") end
  if depth >= options.depth then return paint(options, "other", "{…}") end
  seen[value] = true
  local length = #value
  local items = {}
  for index = 1, length do items[#items + 1] = render(value[index], options, depth + 1, seen, indent .. "  ") end
  for _, key in ipairs(sorted_keys(value, length)) do
    local label
    if type(key) == "string" and key:match("^[%a_][%w_]*$") and not is_keyword[key] then
      label = key
    else
      label = "[" .. render(key, options, depth + 1, seen, indent .. "  ") .. "]"
    end
    items[#items + 1] = label .. " = " .. render(value[key], options, depth + 1, seen, indent .. "  ")
  end
  seen[value] = nil
  if #items == 0 then return "{}" end
  local flat = "{ " .. table.concat(items, ", ") .. " }"
  if #flat <= options.width and not flat:find("\n") then return flat end
  return "{\n" .. indent .. "  " .. table.concat(items, ",\n" .. indent .. "  ") .. "\n" .. indent .. "}"
end

--- Any error value as text: its __tostring, or a table as a constructor, never `table: 0x…`.
support.readable = parts.readable
support.is_error_value = is_error_value

--- A value as `print` may show it: a string with its secrets cut out and its tokens masked,
--- anything else as it is.
function support.masked(value)
  if type(value) ~= "string" then return value end
  return parts.redact(value)
end

--- The prompt `lua` would show: `_PROMPT` (or `_PROMPT2` for a continued chunk) as `tostring`
--- makes it, else "> " (">> ").
function support.prompt(continued)
  local set = rawget(_G, continued and "_PROMPT2" or "_PROMPT")
  if set == nil then return continued and ">> " or "> " end
  return tostring(set)
end

function support.options()
  return { color = parts.color, depth = 8, max_string = 200, width = 72 }
end

--- The text the REPL prints for one value.
function support.inspect(value, options)
  return render(value, options or support.options(), 0, {}, "")
end

local function method_names(value)
  if type(value) == "userdata" then return parts.methods(value) end
  return {}
end

--- Where the cursor is inside the table of a call: `client:method{` or `plaid.client{`. Returns
--- the call's name, the fields opened around the cursor (`{ options = { ` gives `options`), and,
--- when the cursor is in a string, the text typed in it and the field it is a value of.
local function call_table(text)
  local start, call
  for position, name in text:gmatch("():([%w_]+)%s*%(?%s*{") do start, call = position, name end
  for position in text:gmatch("()plaid%.client%s*%(?%s*{") do
    if not start or position > start then start, call = position, "plaid.client" end
  end
  if not start then return nil end
  local body = text:sub(text:find("{", start, true) + 1)
  local path, open_quote, opened, last_name = {}, nil, nil, nil
  local index = 1
  while index <= #body do
    local c = body:sub(index, index)
    if open_quote then
      if c == "\\" then index = index + 1 elseif c == open_quote then open_quote = nil end
    elseif c == '"' or c == "'" then
      open_quote, opened = c, index
    elseif c == "{" then
      path[#path + 1] = last_name or "[]"
      last_name = nil
    elseif c == "}" then
      if #path == 0 then return nil end
      path[#path] = nil
    elseif c == "," then
      last_name = nil
    else
      local name, after = body:match("^([%a_][%w_]*)%s*=%s*()", index)
      if name then
        last_name = name
        index = after - 1
      end
    end
    index = index + 1
  end
  local context = { call = call, path = path }
  if open_quote then
    context.typed = body:sub(opened + 1)
    context.quote = open_quote
    context.field = last_name or path[#path]
  end
  return context
end

--- The fields a call's table takes at `path`, as plaid.describe lists them.
local function fields_at(call, path)
  if call == "plaid.client" then
    local fields = {}
    for _, name in ipairs(parts.client_options) do fields[#fields + 1] = { name = name } end
    return #path == 0 and fields or {}
  end
  local ok, method = pcall(plaid.describe, call)
  if not ok then return nil end
  local fields = method.fields
  for _, name in ipairs(path) do
    local nested
    for _, field in ipairs(fields) do if field.name == name then nested = field.fields end end
    if not nested then return {} end
    fields = nested
  end
  return fields
end

--- The values a string may take as `field` of the call's table: an enum's, the partners, the
--- profiles of config.toml.
local function values_of(context)
  if context.call == "plaid.client" then
    if context.field == "processor" then return plaid.processors end
    if context.field == "profile" then return parts.profiles() end
    if context.field == "env" then return { "embedded", "sandbox", "production" } end
    return {}
  end
  local fields = fields_at(context.call, context.path[#context.path] == context.field and
    { table.unpack(context.path, 1, #context.path - 1) } or context.path) or {}
  for _, field in ipairs(fields) do
    if field.name == context.field then return field.values or {} end
  end
  return {}
end

--- Completions for the text before the cursor: globals, fields after `.`, methods after `:`,
--- and inside the table of `client:method{` or `plaid.client{` its field names (nested `options`
--- too) and, inside quotes, an enum's values, the partners or the profiles.
function support.complete(text)
  local context = call_table(text)
  if context and context.typed then
    local head = text:sub(1, #text - #context.typed)
    local found = {}
    for _, value in ipairs(values_of(context)) do
      if value:sub(1, #context.typed) == context.typed then found[#found + 1] = head .. value .. context.quote end
    end
    table.sort(found)
    return found
  end
  local partial = text:match("[%a_][%w_]*$") or ""
  local head = text:sub(1, #text - #partial)
  if context and head:match("[{,]%s*$") then
    local found = {}
    for _, field in ipairs(fields_at(context.call, context.path) or {}) do
      if field.name:sub(1, #partial) == partial then found[#found + 1] = head .. field.name .. " = " end
    end
    return found
  end
  local path, separator, prefix = text:match("([%a_][%w_%.]*)([%.:])([%a_]*[%w_]*)$")
  local candidates = {}
  if path then
    local target = _G
    for name in path:gmatch("[^%.]+") do
      local ok, next_value = pcall(function() return target[name] end)
      if not ok or next_value == nil then return {} end
      target = next_value
    end
    head = text:sub(1, #text - #prefix)
    if type(target) == "table" then
      for key, value in pairs(target) do
        if type(key) == "string" and (separator == "." or type(value) == "function") then candidates[#candidates + 1] = key end
      end
    end
    for _, name in ipairs(method_names(target)) do candidates[#candidates + 1] = name end
    if separator == "." and type(target) == "userdata" then
      for _, name in ipairs(parts.fields(target)) do candidates[#candidates + 1] = name end
    end
  else
    prefix = text:match("[%a_][%w_]*$") or ""
    head = text:sub(1, #text - #prefix)
    for key in pairs(_G) do if type(key) == "string" then candidates[#candidates + 1] = key end end
    for _, word in ipairs(keywords) do candidates[#candidates + 1] = word end
  end
  local found, unique = {}, {}
  for _, name in ipairs(candidates) do
    if name:sub(1, #prefix) == prefix and not unique[name] then
      unique[name] = true
      found[#found + 1] = head .. name
    end
  end
  table.sort(found)
  return found
end

local function placeholder(field)
  local samples = { access_token = '"access-sandbox-…"', processor_token = '"processor-sandbox-…"',
    public_token = '"public-sandbox-…"', account_id = '"…"', institution_id = '"ins_109508"',
    initial_products = '{ "auth" }', country_codes = '{ "US" }', processor = '"dwolla"',
    webhook = '"http://127.0.0.1:8485/plaid"', start_date = '"2025-01-01"', end_date = '"2025-01-31"',
    client_transaction_id = '"payment-1"', amount = '42.5', return_code = '"R01"', idempotency_key = '"payment-1"',
    network = '"wire"', iso_currency_code = '"USD"', description = '"PAYMENT"', user = '{ legal_name = "Alberta Charleson" }',
    transactions = '{ { date_transacted = "2025-01-02", date_posted = "2025-01-03", amount = 12.5, description = "COFFEE" } }' }
  -- A transfer's amount is a decimal string; Signal's a number.
  if field.name == "amount" and field.type == "string" then return '"10.00"' end
  -- A code every Item can fire, where the method takes it.
  if field.name == "webhook_code" and field.values then
    for _, value in ipairs(field.values) do if value == "LOGIN_REPAIRED" then return '"LOGIN_REPAIRED"' end end
  end
  if samples[field.name] then return samples[field.name] end
  if field.type == "array" then
    if field.values then return ('{ "%s" }'):format(field.values[1]) end
    return field.element_type == "string" and '{ "…" }' or "{ … }"
  end
  if field.values then return ('"%s"'):format(field.values[1]) end
  if field.type == "object" then return "{ … }" end
  if field.type == "boolean" then return "true" end
  if field.type == "integer" or field.type == "number" then return "0" end
  return '"…"'
end

--- One line per field, the fields of an object field below it as `parent.name`.
local function field_lines(lines, fields, prefix)
  for _, field in ipairs(fields) do
    local notes = { field.type == "array" and field.element_type and ("array of " .. field.element_type) or field.type }
    notes[#notes + 1] = field.required and "required" or "optional"
    if field.nullable then notes[#notes + 1] = "may be plaid.null" end
    if field.values then
      local shown = {}
      for index = 1, math.min(#field.values, 8) do shown[index] = field.values[index] end
      notes[#notes + 1] = "one of " .. table.concat(shown, ", ") .. (#field.values > 8 and ", …" or "")
    end
    lines[#lines + 1] = ("    %-36s %s"):format(prefix .. field.name, table.concat(notes, "; "))
    if field.summary and field.summary ~= "" then lines[#lines + 1] = ("    %-36s %s"):format("", field.summary) end
    if field.fields then field_lines(lines, field.fields, prefix .. field.name .. ".") end
  end
end

local function describe_method(name)
  local method = plaid.describe(name)
  local lines = { ("client:%s{...}  →  POST %s"):format(method.method, method.path), "  " .. method.summary }
  local receiver = "client"
  if method.caller == "partner" then
    receiver = "partner"
    lines[#lines + 1] = "  a partner's call: use the partner's client, such as partner = plaid.client { processor = \"dwolla\" }"
  end
  lines[#lines + 1] = "  fields:"
  field_lines(lines, method.fields, "")
  local example = {}
  for _, field in ipairs(method.fields) do
    if field.required then example[#example + 1] = field.name .. " = " .. placeholder(field) end
  end
  lines[#lines + 1] = "  example:"
  lines[#lines + 1] = ("    %s:%s { %s }"):format(receiver, method.method, table.concat(example, ", "))
  return table.concat(lines, "\n")
end

--- help(): the client's methods; help(client): a client's, marking those it cannot make;
--- help("name") or help(client.name): one method in detail.
function support.help(subject)
  if subject == nil then
    local lines = { "client methods (help(\"name\") for fields and an example):" }
    for _, name in ipairs(plaid.methods) do
      lines[#lines + 1] = ("  client:%-44s %s"):format(name .. "{...}", plaid.describe(name).summary)
    end
    lines[#lines + 1] = "also: plaid.describe, plaid.map, plaid.spawn, plaid.json, plaid.mask, plaid.null, plaid.env()"
    print(table.concat(lines, "\n"))
    return
  end
  if type(subject) == "userdata" and parts.fields(subject)[1] == "env" then
    -- A client: its methods, and whose calls it makes.
    local processor = subject.processor
    local lines = { ("a client of %s%s; its methods (help(\"name\") for fields and an example):"):format(
      subject.env, processor and (", acting as the partner " .. processor) or "") }
    for _, name in ipairs(plaid.methods) do
      local caller = plaid.describe(name).caller
      local fits = (caller == "partner") == (processor ~= nil) or name:match("^sandbox_")
      lines[#lines + 1] = ("  %s %-44s %s"):format(fits and " " or "!", name .. "{...}", plaid.describe(name).summary)
    end
    lines[#lines + 1] = processor and "! the developer's calls: make them with plaid.client()"
      or "! a partner's calls: make them with plaid.client { processor = \"dwolla\" }"
    print(table.concat(lines, "\n"))
    return
  end
  local name = subject
  if type(subject) == "function" and type(rawget(_G, "client")) == "userdata" then
    for _, method in ipairs(plaid.methods) do
      if client[method] == subject then name = method end
    end
  end
  if type(name) ~= "string" then error("help: give a method name or a client method, such as help(client.processor_auth_get)", 2) end
  print(describe_method(name))
end

return support
