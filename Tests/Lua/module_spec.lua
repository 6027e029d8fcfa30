-- The parts of the plaid module that need no server.
local plaid = require "plaid"

return {
  { "json keeps integers, floats and null apart", function(t)
    local value = plaid.json.decode('{"n": 1, "f": 1.0, "z": null, "list": [], "map": {}}')
    t.equal(math.type(value.n), "integer")
    t.equal(math.type(value.f), "float")
    t.equal(value.z, plaid.null)
    t.equal(plaid.json.encode(value, { sort_keys = true }), '{"f":1.0,"list":[],"map":{},"n":1,"z":null}')
  end },
  { "json errors name the place", function(t)
    t.matches(tostring(t.fails(plaid.json.decode, "[1,")), "invalid JSON at byte")
    t.matches(tostring(t.fails(plaid.json.encode, { bad = "\255" })), "string at 'bad' is not valid UTF%-8")
  end },
  { "json.null is plaid.null and writes as null", function(t)
    t.equal(plaid.json.null, plaid.null)
    t.equal(plaid.json.encode({ a = plaid.null }), '{"a":null}')
    t.truthy(plaid.null ~= nil, "null is not nil")
  end },
  { "spawned tasks run at once and wait returns their results", function(t)
    local running, most = 0, 0
    local function slow(value)
      running = running + 1
      most = math.max(most, running)
      plaid.sleep(0.01)
      running = running - 1
      return value
    end
    local first, second = plaid.spawn(slow, 21), plaid.spawn(slow, "b")
    t.equal(first:wait(), 21)
    t.equal(second:wait(), "b")
    t.equal(most, 2)
    t.truthy(first.finished and second.finished, "both tasks report finished")
  end },
  { "mask keeps the kind and the last four characters", function(t)
    t.equal(plaid.mask("access-sandbox-de3ce8ef-33f8-452c-a685-8671031f9f2c"), "access-sandbox-…9f2c")
    t.equal(plaid.mask("processor-sandbox-0asd1-a92nc-77aa-1234"), "processor-sandbox-…1234")
  end },
  { "the models' enums are visible", function(t)
    t.equal(plaid.processors[1], "dwolla")
    local subtypes = {}
    for _, name in ipairs(plaid.enums.account_subtype) do subtypes[name] = true end
    t.truthy(subtypes["401k"] and subtypes["cash isa"] and subtypes["roth 401k"], "subtypes with spaces and digits")
    t.equal(plaid.version, "2020-09-14")
  end },
  { "describe lists the fields of a method", function(t)
    local method = plaid.describe("processor_balance_get")
    t.equal(method.path, "/processor/balance/get")
    local names = {}
    for _, field in ipairs(method.fields) do names[field.name] = field end
    t.truthy(names.processor_token.required)
    t.equal(names.options.fields[1].name, "min_last_updated_datetime")
    t.matches(tostring(t.fails(plaid.describe, "procesor_auth_get")), "did you mean 'processor_auth_get'")
  end },
  { "time helpers write and read ISO-8601", function(t)
    t.equal(plaid.iso8601(86400), "1970-01-02T00:00:00Z")
    t.equal(plaid.parse_time("1970-01-02T00:00:00Z"), 86400.0)
    t.equal(plaid.parse_time("1970-01-02T00:00:00.500000+00:00"), 86400.5)
    -- Python's isoformat() of a naive datetime: no zone, read as UTC, as the sandbox reads it
    t.equal(plaid.parse_time("1970-01-02T00:00:00.250000"), 86400.25)
    t.equal(plaid.parse_time("1970-01-02T01:30:00+01:30"), 86400.0)
    local missing, reason = plaid.parse_time("yesterday")
    t.equal(missing, nil)
    t.matches(reason, "not an ISO%-8601")
    t.truthy(plaid.now() > 1.7e9)
  end },
  { "map keeps input order and bounds concurrency", function(t)
    local running, most = 0, 0
    local results = plaid.map({ 5, 4, 3, 2, 1 }, function(n, index)
      running = running + 1
      most = math.max(most, running)
      plaid.sleep(n / 500)
      running = running - 1
      return n * 10 + index
    end, { concurrency = 2 })
    t.equal(table.concat(results, ","), "51,42,33,24,15")
    t.equal(most, 2)
  end },
  { "map raises the first error after the running calls finish", function(t)
    local finished = 0
    local failure = t.fails(plaid.map, { 1, 2, 3 }, function(n)
      plaid.sleep(0.001 * n)
      if n == 1 then error("first failed", 0) end
      finished = finished + 1
    end, { concurrency = 3 })
    t.equal(failure, "first failed")
    t.equal(finished, 2)
  end },
  { "client options are checked before anything starts", function(t)
    local failure = t.fails(plaid.client, { envv = "sandbox" })
    t.equal(failure.kind, "validation")
    t.matches(tostring(failure), "unknown option 'envv' %(did you mean 'env'%?%)")
    t.matches(tostring(t.fails(plaid.client, { processor = "dwola" })), "did you mean 'dwolla'")
    t.matches(tostring(t.fails(plaid.client, { retries = -1 })), "retries")
  end },
  { "another environment needs credentials", function(t)
    local failure = t.fails(plaid.client, { env = "production" })
    t.matches(tostring(failure), "PLAID_CLIENT_ID")
    local partner = t.fails(plaid.client, { env = "sandbox", processor = "dwolla" })
    t.matches(tostring(partner), "PLAID_DWOLLA_CLIENT_ID")
  end },
  { "a client for another environment prints without its secret", function(t)
    local client = plaid.client { env = "production", client_id = "abc123", secret = "s3cr3t-value" }
    local text = tostring(client)
    t.matches(text, "client_id: abc123")
    t.equal(text:find("s3cr3t", 1, true), nil)
    t.equal(client.env, "production")
    t.equal(client.secret, nil)
  end },
  { "requests are validated before sending", function(t)
    local client = plaid.client { base_url = "http://127.0.0.1:9", client_id = "x", secret = "y" }
    local unknown = t.fails(client.processor_auth_get, client, { processor_tokn = "processor-sandbox-1" })
    t.equal(unknown.kind, "validation")
    t.equal(unknown.field, "processor_tokn")
    t.matches(tostring(unknown), "did you mean 'processor_token'")
    t.matches(tostring(t.fails(client.processor_auth_get, client, {})), "missing required field 'processor_token' %(a string%)")
    t.matches(tostring(t.fails(client.processor_auth_get, client, { processor_token = 5 })),
      "field 'processor_token' must be a string, got an integer")
    local enum = t.fails(client.processor_token_create, client,
      { access_token = "access-sandbox-1", account_id = "a", processor = "dwola" })
    t.matches(tostring(enum), "field 'processor' is 'dwola'.*did you mean 'dwolla'.*valid values: dwolla,")
    t.matches(tostring(t.fails(client.processor_balance_get, client,
      { processor_token = "p", options = { min_last_updated = "x" } })), "unknown field 'options.min_last_updated'")
    t.matches(tostring(t.fails(client.accounts_get, client, { access_token = "a", client_id = "x" })),
      "give it to plaid.client")
  end },
  { "the retries option sets how often a failed call is tried again", function(t)
    local request = { institution_id = "ins_1", country_codes = { "US" } }
    local once = plaid.client { base_url = "http://127.0.0.1:9", client_id = "x", secret = "y", retries = 0 }
    local thrice = plaid.client { base_url = "http://127.0.0.1:9", client_id = "x", secret = "y", retries = 2 }
    t.equal(t.fails(once.institutions_get_by_id, once, request).attempts, 1)
    t.equal(t.fails(thrice.institutions_get_by_id, thrice, request).attempts, 3)
  end },
  { "a refused connection is a transport error", function(t)
    local client = plaid.client { base_url = "http://127.0.0.1:9", client_id = "x", secret = "y", retries = 0 }
    local failure = t.fails(client.institutions_get_by_id, client, { institution_id = "ins_1", country_codes = { "US" } })
    t.equal(failure.kind, "transport")
    t.equal(failure.reason, "connectionRefused")
    t.equal(plaid.is_error(failure), false)
  end },
}
