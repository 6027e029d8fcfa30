-- Turns a workflow definition into both a command and a module.
--
-- A workflow file ends with
--
--   return workflow.define({ name = ..., summary = ..., options = {...}, run = function(options) ... end }, ...)
--
-- Run as `plaidlua scripts/NAME.lua --option value`, it parses the options (see lib.cli), calls
-- run, prints the result as JSON (or `--format table`), and on failure prints one line on stderr
-- and exits with status 1. Loaded with `require "NAME"`, it returns a table with `run(options)`
-- and `handle(record)` — the same function, for batch handlers — and the `spec`.
local cli = require "lib.cli"
local output = require "lib.output"
local plaid = require "plaid"

local workflow = {}

--- Whether the file is being loaded by `require` (which passes the module name and the path
--- it found) rather than run as the script.
local function required(...)
  local name, path = ...
  return select("#", ...) == 2 and type(name) == "string" and type(path) == "string"
    and package.searchpath(name, package.path) == path
end

function workflow.define(spec, ...)
  local module = { spec = spec, run = spec.run }
  function module.handle(record) return spec.run(record) end
  if required(...) then return module end

  local options_spec = { name = spec.name, summary = spec.summary, options = {} }
  for _, option in ipairs(spec.options) do options_spec.options[#options_spec.options + 1] = option end
  options_spec.options[#options_spec.options + 1] =
    { name = "format", default = "json", choices = { "json", "table" }, help = "how to print the result" }
  local options = cli.parse(options_spec, { ... })
  local ok, result = pcall(spec.run, options)
  if not ok then
    -- Under --safe there is no io: the error itself carries the line out, with status 1.
    if not io then error(("%s: %s"):format(spec.name, tostring(result)), 0) end
    io.stderr:write(("%s: %s\n"):format(spec.name, tostring(result)))
    os.exit(1)
  end
  output.emit(result, options.format)
  return module
end

--- The partner's client for processor calls, named by the --processor option.
function workflow.partner(processor)
  return plaid.client { processor = processor }
end

return workflow
