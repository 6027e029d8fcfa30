-- Command-line options for the shipped workflows: `--name value`, `--flag`, `--help`.
--
--   local cli = require "lib.cli"
--   local options = cli.parse({
--     name = "fetch_balance",
--     summary = "Fetch balances for a processor token.",
--     options = {
--       { name = "processor-token", required = true, help = "the token to read with" },
--       { name = "format", default = "json", choices = { "json", "table" } },
--       { name = "verbose", flag = true },
--     },
--   }, { ... })
--
-- Option names become fields with dashes turned into underscores (`options.processor_token`).
-- An option with `convert = function(value) return converted or nil, what_it_needs end` is
-- converted as it is read (`cli.moment` for times). A usage error prints one line, with a pointer
-- to --help, on stderr and exits with status 2; `--help` prints the usage and exits with 0.

local plaid = require "plaid"

local cli = {}

local seconds_per = { s = 1, m = 60, h = 3600, d = 86400, w = 604800 }

--- A time as people type it: an age back from now (`30m`, `24h`, `2d`, `1w`) or an ISO 8601
--- time or date. Returns the ISO 8601 text, or nil and what was expected.
function cli.moment(text)
  local count, unit = tostring(text):match("^(%d+)([smhdw])$")
  if count then return plaid.iso8601(plaid.now() - tonumber(count) * seconds_per[unit]) end
  if plaid.parse_time(text) then return text end
  return nil, "needs an age such as 24h, 30m or 2d, or an ISO 8601 time such as 2026-05-01T10:00:00Z"
end

local function field_name(option)
  return (option.name:gsub("-", "_"))
end

function cli.usage(spec)
  local lines = { ("usage: plaidlua %s.lua [options]"):format(spec.name) }
  if spec.summary then lines[#lines + 1] = spec.summary end
  lines[#lines + 1] = "options:"
  for _, option in ipairs(spec.options) do
    local left = "  --" .. option.name .. (option.flag and "" or " VALUE")
    local notes = {}
    if option.help then notes[#notes + 1] = option.help end
    if option.required then notes[#notes + 1] = "required" end
    if option.default ~= nil then notes[#notes + 1] = "default " .. tostring(option.default) end
    if option.choices then notes[#notes + 1] = "one of " .. table.concat(option.choices, ", ") end
    lines[#lines + 1] = ("%-28s %s"):format(left, table.concat(notes, "; "))
  end
  lines[#lines + 1] = ("  %-26s %s"):format("--help", "show this help")
  return table.concat(lines, "\n")
end

local function fail(spec, message)
  -- Under --safe there is no io: the error itself carries the line out.
  if not io then error(("%s: %s (see 'plaidlua %s.lua --help')"):format(spec.name, message, spec.name), 0) end
  io.stderr:write(("%s: %s (see 'plaidlua %s.lua --help')\n"):format(spec.name, message, spec.name))
  os.exit(2)
end

--- Parses `argv` (the script's `...`) against `spec`; returns the options table.
--- `exit` replaces os.exit for callers that must not end the process (tests, batch handlers).
function cli.parse(spec, argv, exit)
  local by_name = {}
  for _, option in ipairs(spec.options) do by_name[option.name] = option end
  local values = {}
  local index = 1
  while index <= #argv do
    local argument = argv[index]
    if argument == "--help" or argument == "-h" then
      print(cli.usage(spec))
      return (exit or os.exit)(0)
    end
    local name, inline = argument:match("^%-%-([%w%-_]+)=(.*)$")
    name = name or argument:match("^%-%-([%w%-_]+)$")
    local option = name and by_name[name]
    if not option then
      return fail(spec, ("unknown option '%s'"):format(argument))
    end
    if option.flag then
      values[field_name(option)] = true
    else
      local value = inline
      if value == nil then
        index = index + 1
        value = argv[index]
        if value == nil then return fail(spec, ("option '--%s' needs a value"):format(name)) end
      end
      if option.choices then
        local allowed = false
        for _, choice in ipairs(option.choices) do allowed = allowed or choice == value end
        if not allowed then
          return fail(spec, ("option '--%s' must be one of %s, not '%s'"):format(name, table.concat(option.choices, ", "), value))
        end
      end
      if option.convert then
        local converted, needs = option.convert(value)
        if converted == nil then return fail(spec, ("option '--%s' %s, not '%s'"):format(name, needs, value)) end
        value = converted
      end
      values[field_name(option)] = value
    end
    index = index + 1
  end
  for _, option in ipairs(spec.options) do
    local field = field_name(option)
    if values[field] == nil then
      if option.required then return fail(spec, ("option '--%s' is required"):format(option.name)) end
      values[field] = option.default
    end
  end
  return values
end

return cli
