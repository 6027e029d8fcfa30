-- Every method of the client against the embedded sandbox, as a developer and as a partner.
local plaid = require "plaid"

local developer = plaid.client()
local partner = plaid.client { processor = "dwolla" }

--- A fresh item with its first account.
local function new_item(institution, options)
  local public = developer:sandbox_public_token_create {
    institution_id = institution or "ins_109508", initial_products = { "auth", "identity" }, options = options,
  }
  local item = developer:item_public_token_exchange { public_token = public.public_token }
  local accounts = developer:accounts_get { access_token = item.access_token }
  return item, accounts.accounts[1], accounts
end

local function processor_token(item, account, processor)
  return developer:processor_token_create {
    access_token = item.access_token, account_id = account.account_id, processor = processor or "dwolla",
  }.processor_token
end

return {
  { "a public token exchanges once for an access token", function(t)
    local public = developer:sandbox_public_token_create { institution_id = "ins_109508", initial_products = { "auth" } }
    t.matches(public.public_token, "^public%-sandbox%-")
    t.truthy(#public.request_id > 0)
    local item = developer:item_public_token_exchange { public_token = public.public_token }
    t.matches(item.access_token, "^access%-sandbox%-")
    local again = t.fails(developer.item_public_token_exchange, developer, { public_token = public.public_token })
    t.equal(again.kind, "plaid")
    t.truthy(plaid.is_error(again))
    t.equal(again.error_code, "INVALID_PUBLIC_TOKEN")
  end },
  { "accounts come back typed: integers, floats and enums as Lua values", function(t)
    local _, account, accounts = new_item()
    t.equal(#accounts.accounts >= 2, true)
    t.equal(account.type, "depository")
    t.equal(math.type(account.balances.current), "float")
    t.equal(accounts.item.institution_id, "ins_109508")
    t.equal(account.balances.limit, nil, "a null field reads as nil")
  end },
  { "keep_null keeps nulls as plaid.null", function(t)
    local keeping = plaid.client { keep_null = true }
    local item = new_item()
    local accounts = keeping:accounts_get { access_token = item.access_token }
    t.equal(accounts.accounts[1].balances.limit, plaid.null)
  end },
  { "a partner reads auth, balance and identity with its processor token", function(t)
    local item, account = new_item()
    local token = processor_token(item, account)
    t.matches(token, "^processor%-sandbox%-")
    local auth = partner:processor_auth_get { processor_token = token }
    t.equal(auth.account.account_id, account.account_id)
    t.matches(auth.numbers.ach.routing, "^%d+$")
    local balance = partner:processor_balance_get { processor_token = token }
    t.equal(balance.account.balances.current, account.balances.current)
    local identity = partner:processor_identity_get { processor_token = token }
    t.truthy(#identity.account.owners[1].names >= 1)
  end },
  { "another partner cannot use the token", function(t)
    local item, account = new_item()
    local token = processor_token(item, account, "dwolla")
    local other = plaid.client { processor = "galileo" }
    local failure = t.fails(other.processor_auth_get, other, { processor_token = token })
    t.equal(failure.error_code, "INVALID_PROCESSOR_TOKEN")
    t.equal(failure.status, 400)
    t.truthy(failure.request_id and #failure.request_id > 0)
    t.matches(tostring(failure), "^INVALID_PROCESSOR_TOKEN %(INVALID_INPUT%)")
  end },
  { "a partner makes its own test token", function(t)
    local made = partner:sandbox_processor_token_create { institution_id = "ins_109508" }
    t.matches(made.processor_token, "^processor%-sandbox%-")
    t.truthy(partner:processor_auth_get { processor_token = made.processor_token }.account)
  end },
  { "a Stripe bank account token starts with btok_", function(t)
    local item, account = new_item()
    local stripe = developer:processor_stripe_bank_account_token_create {
      access_token = item.access_token, account_id = account.account_id,
    }
    t.matches(stripe.stripe_bank_account_token, "^btok_")
  end },
  { "removing the item revokes its tokens", function(t)
    local item, account = new_item()
    local token = processor_token(item, account)
    developer:item_remove { access_token = item.access_token }
    t.equal(t.fails(partner.processor_auth_get, partner, { processor_token = token }).error_type, "ITEM_ERROR")
    t.equal(t.fails(developer.accounts_get, developer, { access_token = item.access_token }).kind, "plaid")
  end },
  { "an institution is found by id", function(t)
    local found = developer:institutions_get_by_id { institution_id = "ins_109508", country_codes = { "US" } }
    t.equal(found.institution.name, "First Platypus Bank")
  end },
  { "Capital One needs a bound on balance age", function(t)
    local item, account = new_item("ins_128026")
    local token = processor_token(item, account)
    local failure = t.fails(partner.processor_balance_get, partner, { processor_token = token })
    t.equal(failure.error_code, "INVALID_FIELD")
    local balance = partner:processor_balance_get {
      processor_token = token, options = { min_last_updated_datetime = plaid.iso8601(plaid.now() - 86400) },
    }
    t.truthy(balance.account.balances.last_updated_datetime)
  end },
  { "a sandbox error trigger surfaces as a Plaid error", function(t)
    local public = developer:sandbox_public_token_create {
      institution_id = "ins_109508", initial_products = { "auth" }, options = { override_password = "error_ITEM_LOGIN_REQUIRED" },
    }
    local item = developer:item_public_token_exchange { public_token = public.public_token }
    local failure = t.fails(developer.accounts_get, developer, { access_token = item.access_token })
    t.equal(failure.error_code, "ITEM_LOGIN_REQUIRED")
    t.equal(failure.error_type, "ITEM_ERROR")
  end },
  { "request sends any body to any path", function(t)
    local found = developer:request("/institutions/get_by_id", { institution_id = "ins_109508", country_codes = { "US" } })
    t.equal(found.institution.institution_id, "ins_109508")
    local failure = t.fails(developer.request, developer, "/no/such/endpoint", {})
    t.equal(failure.kind, "plaid")
  end },
  { "calls run concurrently with map and come back in order", function(t)
    local ids = plaid.map({ "ins_109508", "ins_56", "ins_128026", "ins_116944" }, function(id)
      return developer:institutions_get_by_id { institution_id = id, country_codes = { "US" } }.institution.institution_id
    end, { concurrency = 4 })
    t.equal(table.concat(ids, ","), "ins_109508,ins_56,ins_128026,ins_116944")
  end },
  { "error text masks tokens and never holds the secret", function(t)
    local item, account = new_item()
    local token = processor_token(item, account)
    local failure = t.fails(developer.processor_auth_get, developer, { processor_token = token })
    local text = tostring(failure) .. " " .. tostring(failure.error_message) .. " " .. tostring(developer)
    t.equal(text:find(token, 1, true), nil)
    t.equal(text:find(item.access_token, 1, true), nil)
    t.equal(tostring(developer):find("secret", 1, true), nil)
  end },
  { "plaid.env names the embedded sandbox without secrets", function(t)
    local env = plaid.env()
    t.equal(env.env, "embedded")
    t.matches(env.base_url, "^http://127%.0%.0%.1:%d+$")
    t.equal(env.secret, nil)
  end },
  { "sync_transactions pages to the end, starts again when the data changes mid-way, and hands back the cursor", function(t)
    local public = developer:sandbox_public_token_create {
      institution_id = "ins_109508", initial_products = { "transactions" },
      options = { override_username = "user_transactions_dynamic", override_password = "any" },
    }
    local item = developer:item_public_token_exchange { public_token = public.public_token }
    local account = developer:accounts_get({ access_token = item.access_token }).accounts[1]
    local token = processor_token(item, account)
    -- A client that adds a transaction right after the first page, as another process might.
    local calls = 0
    local meddling = {}
    function meddling.processor_transactions_sync(_, request)
      calls = calls + 1
      local page = partner:processor_transactions_sync(request)
      if calls == 1 then
        developer:sandbox_transactions_create { access_token = item.access_token, transactions = {
          { date_transacted = "2026-01-02", date_posted = "2026-01-02", amount = 9.99, description = "MID SYNC" } } }
      end
      return page
    end
    local sync = plaid.sync_transactions(meddling, { processor_token = token, count = 100 })
    t.equal(sync.restarts, 1)
    t.truthy(sync.pages >= 3)
    local seen, found = {}, false
    for kind, transaction in sync.changes() do
      t.equal(kind, "added")
      t.truthy(not seen[transaction.transaction_id], "no transaction handed out twice")
      seen[transaction.transaction_id] = true
      found = found or transaction.name == "MID SYNC"
    end
    t.truthy(found, "the transaction added mid-way is in the restarted sync")
    local again = plaid.sync_transactions(partner, { processor_token = token, cursor = sync.cursor })
    t.equal(#again.added + #again.modified + #again.removed, 0)
    t.equal(plaid.json.encode(again.added), "[]")
  end },
}
