-- Sources/PlaidLuaREPL/Lua/repl.lua and repl_evaluate.lua, the REPL's Lua side, loaded on their own:
-- what only Swift knows (`parts`: secrets, userdata methods and fields) is a stand-in.
local plaid = require "plaid"

local root = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../../"

local parts = {
  color = false,
  is_secret = function(text) return text == "hunter2" end,
  readable = function(value) return tostring(value) end,
  redact = function(text) return (text:gsub("hunter2", "<redacted>")) end,
  client_options = { "env", "profile", "processor", "timeout" },
  profiles = function() return { "nightly", "production" } end,
  methods = function() return { "close", "request" } end,
  fields = function() return { "env" } end,
}
local repl_path = root .. "Sources/PlaidLuaREPL/Lua/repl.lua"
local support = assert(loadfile(repl_path))(parts)
-- The evaluator finds the REPL's side under the name the REPL preloads it as.
package.loaded["plaidlua.repl"] = support
local evaluator = assert(loadfile(root .. "Sources/PlaidLuaREPL/Lua/repl_evaluate.lua"))

--- A chunk's first line as the terminal REPL evaluates it.
local function evaluate(source) return evaluator(source, true, "inspect") end

--- What help(...) prints, from a REPL side whose `print` is captured.
local function help_text(...)
  local lines = {}
  local env = setmetatable({ print = function(text) lines[#lines + 1] = text end }, { __index = _G })
  assert(loadfile(repl_path, "t", env))(parts).help(...)
  return table.concat(lines, "\n")
end

local function as_error(fields) return setmetatable(fields, { __name = "error" }) end

return {
  { "strings print quoted and escaped, secrets hidden, tokens masked, long ones cut", function(t)
    t.equal(support.inspect('a\n"b"\1\\'), [["a\n\"b\"\001\\"]])
    t.equal(support.inspect("hunter2"), "<redacted>")
    t.equal(support.inspect("access-sandbox-de3ce8ef-33f8-452c-a685-8671031f9f2c"), '"access-sandbox-…9f2c"')
    t.equal(support.inspect(("x"):rep(250)), '"' .. ("x"):rep(200) .. '" … (250 bytes, cut)')
  end },
  { "other values print as Lua reads them", function(t)
    t.equal(support.inspect(nil), "nil")
    t.equal(support.inspect(plaid.null), "null")
    t.equal(support.inspect(3), "3")
    t.equal(support.inspect(1.5), "1.5")
    t.equal(support.inspect(false), "false")
    t.equal(support.inspect(print), "<function>")
    t.equal(support.inspect({}), "{}")
  end },
  { "a table prints as a constructor: list first, then keys by type and name", function(t)
    local value = { 3, 1, a = "x", [10] = 0, ["end"] = 1, [true] = 2, ["a b"] = 4 }
    t.equal(support.inspect(value), '{ 3, 1, [10] = 0, [true] = 2, a = "x", ["a b"] = 4, ["end"] = 1 }')
  end },
  { "cycles, depth and width are bounded", function(t)
    local cycle = {}
    cycle.self = cycle
    t.equal(support.inspect(cycle), "{ self = <cycle> }")
    local options = support.options()
    options.depth = 2
    t.equal(support.inspect({ a = { b = { c = 1 } } }, options), "{ a = { b = {…} } }")
    local shared = { 1 }
    t.equal(support.inspect({ shared, shared }), "{ { 1 }, { 1 } }", "a value seen twice is no cycle")
    t.equal(support.inspect({ s = ("x"):rep(62) }), '{ s = "' .. ("x"):rep(62) .. '" }', "72 characters fit on a line")
    t.equal(support.inspect({ s = ("x"):rep(63) }), '{\n  s = "' .. ("x"):rep(63) .. '"\n}')
    local wide = { first = ("a"):rep(40), second = ("b"):rep(40) }
    t.equal(support.inspect(wide), '{\n  first = "' .. ("a"):rep(40) .. '",\n  second = "' .. ("b"):rep(40) .. '"\n}')
  end },
  { "colour marks each kind of value", function(t)
    local options = support.options()
    options.color = true
    t.equal(support.inspect("x", options), '\27[32m"x"\27[0m')
    t.equal(support.inspect(7, options), "\27[36m7\27[0m")
    t.equal(support.inspect({ true }, options), "{ \27[33mtrue\27[0m }")
  end },
  { "a Plaid error prints as a block of the fields people look for", function(t)
    local plaid_error = as_error { kind = "plaid", error_code = "ITEM_LOGIN_REQUIRED", error_type = "ITEM_ERROR",
                                   error_message = "log in again", display_message = plaid.null, request_id = "r1" }
    t.equal(support.inspect(plaid_error),
      "Plaid error ITEM_LOGIN_REQUIRED (ITEM_ERROR)\n  error_message:     log in again\n  request_id:        r1")
    t.equal(support.inspect(as_error { kind = "transport", message = "refused", host = "h", secret = "s" }),
      "transport error: refused\n  host:              h")
    t.equal(support.inspect(setmetatable({ kind = "x" }, {})), '{ kind = "x" }', "only error values")
  end },
  { "completion offers globals, keywords, fields and methods", function(t)
    t.equal(table.concat(support.complete("pri"), ","), "print")
    t.equal(table.concat(support.complete("x = whi"), ","), "x = while")
    t.equal(table.concat(support.complete("string.up"), ","), "string.upper")
    local methods = support.complete("string:f")
    t.equal(table.concat(methods, ","), "string:find,string:format")
    -- A userdata's methods and fields come from Swift; any userdata reaches the stand-in.
    rawset(_G, "repl_spec_object", plaid.null)
    local userdata_methods, userdata_fields = support.complete("repl_spec_object:"), support.complete("repl_spec_object.e")
    rawset(_G, "repl_spec_object", nil)
    t.equal(table.concat(userdata_methods, ","), "repl_spec_object:close,repl_spec_object:request")
    t.equal(table.concat(userdata_fields, ","), "repl_spec_object.env")
    t.equal(#support.complete("no_such_table.x"), 0)
  end },
  { "completion inside a method's table offers its request fields", function(t)
    t.equal(table.concat(support.complete("client:processor_auth_get{proc"), ","),
      "client:processor_auth_get{processor_token = ")
    local later = support.complete('client:processor_balance_get { processor_token = "p", opt')
    t.equal(later[1], 'client:processor_balance_get { processor_token = "p", options = ')
    t.equal(#support.complete("client:no_such_method{proc"), 0)
  end },
  { "completion inside a table goes into nested options, enum values, client options and profiles", function(t)
    local function one(text) return table.concat(support.complete(text), ",") end
    t.equal(one("client:processor_balance_get{ options = { min"),
      "client:processor_balance_get{ options = { min_last_updated_datetime = ")
    t.equal(one('client:sandbox_public_token_create{ institution_id = "x", initial_products = { "au'),
      'client:sandbox_public_token_create{ institution_id = "x", initial_products = { "auth"', "an enum array's values")
    t.equal(one('client:processor_token_create{ processor = "dwo'), 'client:processor_token_create{ processor = "dwolla"')
    t.equal(one("client:item_remove{ access_token = 'a', reason_code = 'FRAUD_A"),
      "client:item_remove{ access_token = 'a', reason_code = 'FRAUD_ABUSE'")
    t.equal(one("plaid.client{ pro"), "plaid.client{ profile = ,plaid.client{ processor = ")
    t.equal(one('plaid.client { processor = "dwo'), 'plaid.client { processor = "dwolla"')
    t.equal(one('plaid.client { profile = "ni'), 'plaid.client { profile = "nightly"')
    t.equal(one('client:processor_auth_get{ processor_token = "proc'), "", "a token has no values to offer")
    local closed = "client:processor_auth_get{ processor_token = 'p' } x = "
    t.equal(one(closed .. "pri"), closed .. "print", "after the table is closed, globals again")
  end },
  { "help lists the methods, and one method's fields with an example", function(t)
    local all = help_text()
    t.matches(all, '^client methods %(help%("name"%) for fields and an example%):\n')
    for _, name in ipairs(plaid.methods) do t.matches(all, "\n  client:" .. name .. "{...} ") end
    local one = help_text("processor_auth_get")
    t.matches(one, "^client:processor_auth_get{...}  →  POST /processor/auth/get\n")
    t.matches(one, "\n    processor_token +string; required\n")
    t.matches(one, '\n  example:\n    partner:processor_auth_get { processor_token = "processor%-sandbox%-…" }$')
    t.matches(one, '\n  a partner\'s call: use the partner\'s client, such as partner = plaid.client { processor = "dwolla" }\n')
    local balance = help_text("processor_balance_get")
    t.matches(balance, "\n    options%.min_last_updated_datetime +string; optional\n", "nested options are listed")
    local create = help_text("sandbox_public_token_create")
    t.matches(create, '\n    client:sandbox_public_token_create { institution_id = "ins_109508", initial_products = { "auth" } }$',
      "an enum array's example is an array")
    t.matches(create, "\n    initial_products +array of string; required; one of ")
    t.matches(t.fails(help_text, 5), "help: give a method name or a client method")
  end },
  { "every method's help example runs against the embedded sandbox once its placeholders are filled", function(t)
    local developer = plaid.client()
    local clients = { client = developer, partner = plaid.client { processor = "dwolla" } }
    for _, name in ipairs(plaid.methods) do
      -- A fresh Item per example, since some examples consume or remove what they are given.
      -- One linked through micro-deposits, or as user_transactions_dynamic, for the examples that need one.
      local login = ({
        sandbox_item_set_verification_status = { override_password = "microdeposits_good" },
        sandbox_transactions_create = { override_username = "user_transactions_dynamic", override_password = "any" },
      })[name]
      local products = name == "sandbox_processor_token_fire_webhook" and { "auth", "transactions" } or { "auth" }
      local public = developer:sandbox_public_token_create {
        institution_id = "ins_109508", initial_products = products, options = login }
      local item = developer:item_public_token_exchange { public_token = public.public_token }
      local accounts = developer:accounts_get({ access_token = item.access_token }).accounts
      -- Liabilities are read from a debt account, investments from a 401k; the rest from checking.
      local account = accounts[1]
      local wanted = ({ processor_liabilities_get = "credit card", processor_investments_holdings_get = "401k",
                        processor_investments_transactions_get = "401k", processor_investments_auth_get = "ira" })[name]
      for _, candidate in ipairs(accounts) do if candidate.subtype == wanted then account = candidate end end
      local fills = {
        ['"access-sandbox-…"'] = ("%q"):format(item.access_token),
        ['"public-sandbox-…"'] = ("%q"):format(developer:sandbox_public_token_create {
          institution_id = "ins_109508", initial_products = { "auth" } }.public_token),
        ['"processor-sandbox-…"'] = ("%q"):format(developer:processor_token_create {
          access_token = item.access_token, account_id = account.account_id, processor = "dwolla" }.processor_token),
        ['"…"'] = ("%q"):format(account.account_id),
      }
      -- A report names a payment evaluated before, as the example's client_transaction_id.
      if name:match("^processor_signal_.*_report$") then
        clients.partner:processor_signal_evaluate { processor_token = load("return " .. fills['"processor-sandbox-…"'])(),
                                                    client_transaction_id = "payment-1", amount = 42.5 }
      end
      if name == "sandbox_item_fire_webhook" then
        developer:item_webhook_update { access_token = item.access_token, webhook = "http://127.0.0.1:9/plaid" }
      elseif name == "sandbox_processor_token_fire_webhook" then
        clients.partner:processor_token_webhook_update { processor_token = load("return " .. fills['"processor-sandbox-…"'])(),
                                                         webhook = "http://127.0.0.1:9/plaid" }
      end
      local receiver, call = help_text(name):match("\n  example:\n    (%a+)(:.*)$")
      t.truthy(receiver, name .. ": help shows no example")
      local filled = call:gsub('"[%w%-]*…"', fills)
      t.truthy(not filled:find("…", 1, true), name .. ": a placeholder the test cannot fill: " .. filled)
      local chunk = assert(load("local receiver = ...; return receiver" .. filled, "=" .. name .. " example"))
      local ok, answer = pcall(chunk, clients[receiver])
      if name == "webhook_verification_key_get" then
        -- A real key id comes from a webhook's JWT; the example's reaches the sandbox and names none.
        t.equal(not ok and answer.error_code, "INVALID_WEBHOOK_VERIFICATION_KEY_ID", name .. ": " .. tostring(answer))
        ok, answer = true, { request_id = answer.request_id }
      end
      t.truthy(ok, name .. ": " .. tostring(answer))
      t.truthy(ok and type(answer.request_id) == "string", name .. ": the answer has a request_id")
    end
  end },
  { "help knows a method of the REPL's client", function(t)
    local made = plaid.client { base_url = "http://127.0.0.1:9", client_id = "x", secret = "y" }
    rawset(_G, "client", made)
    local ok, text = pcall(help_text, made.processor_identity_get)
    rawset(_G, "client", nil)
    t.truthy(ok, text)
    t.matches(text, "^client:processor_identity_get{...}")
  end },
  { "help of a client lists its methods and marks those it cannot make", function(t)
    local developer = plaid.client { base_url = "http://127.0.0.1:9", client_id = "x", secret = "y" }
    local text = help_text(developer)
    t.matches(text, "^a client of http://127%.0%.0%.1:9; its methods")
    t.matches(text, "\n   +accounts_get{...}", "the developer's call fits")
    t.matches(text, "\n  ! processor_auth_get{...}", "a partner's call is marked")
    t.matches(text, '\n! a partner\'s calls: make them with plaid.client { processor = "dwolla" }$')
  end },
  { "the evaluator runs an expression or statements, and waits for an unfinished chunk", function(t)
    t.equal(select("#", evaluate("1 + 1")), 2)
    local status, shown = evaluate("1 + 1")
    t.equal(status, "ok")
    t.equal(shown, "2")
    t.equal(select(2, evaluate("return 1, 'a'")), '1\t"a"')
    status, shown = evaluate("local unused = 1")
    t.equal(status, "ok")
    t.equal(shown, "")
    t.equal(evaluate("for i = 1, 2 do"), "incomplete")
  end },
  { "only a chunk's first line is tried as an expression, as in lua", function(t)
    t.equal(select(2, evaluator("1 + 1", true, "inspect")), "2")
    t.equal(select(2, evaluator("assert(\n1)", false, "inspect")), "", "a continued chunk runs as statements")
  end },
  { "the print style hands the values to the global print, masked", function(t)
    local printed
    local saved = print
    rawset(_G, "print", function(...) printed = table.pack(...) end)
    local status, shown = evaluator("'a', 'hunter2 here', nil", true, "print")
    rawset(_G, "print", saved)
    t.equal(status, "ok")
    t.equal(shown, "")
    t.equal(printed.n, 3)
    t.equal(printed[1], "a")
    t.equal(printed[2], "<redacted> here")
    rawset(_G, "print", nil)
    status, shown = evaluator("1", true, "print")
    rawset(_G, "print", saved)
    t.equal(status, "error")
    t.matches(shown, "^error calling 'print' %(attempt to call a nil value%)")
  end },
  { "the evaluator reports errors with the user's traceback only", function(t)
    local status, text = evaluate("1 +* 2")
    t.equal(status, "error")
    t.matches(text, "^stdin:1: unexpected symbol")
    status, text = evaluate("error('boom')")
    t.equal(status, "error")
    t.matches(text, "^stdin:1: boom\nstack traceback:\n")
    t.matches(text, "\n\t%[C%]: in %?$", "the traceback ends as lua's does")
    t.equal(text:find("xpcall", 1, true), nil)
    t.matches(select(2, evaluate("error(setmetatable({ kind = 'plaid', error_code = 'E', error_type = 'T' }, { __name = 'error' }))")),
      "^Plaid error E %(T%)\nstack traceback:")
    t.equal(select(2, evaluate("error(setmetatable({}, { __tostring = function() return 'custom' end }))")), "custom",
      "an object with __tostring shows only its text, as in lua")
    t.matches(select(2, evaluate("error({ 1 })")), "^%(error object is a table value%) ")
  end },
}
