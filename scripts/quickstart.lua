-- The whole processor flow on one item, step by step: create a sandbox item, exchange its
-- public token, list its accounts, give a partner a processor token, read Auth, Balance and
-- Identity as that partner, make a Stripe token, then remove the item and show that the tokens
-- stopped working. Runs on the embedded sandbox with no keys. The tokens it prints are revoked
-- by the time it prints them; `--format table` masks them anyway.
local plaid = require "plaid"
local workflow = require "lib.workflow"

local function expect_revoked(call)
  local ok, failure = pcall(call)
  if ok then error("a token still worked after the item was removed") end
  if not plaid.is_error(failure) then error(failure, 0) end
  return failure.error_code
end

return workflow.define({
  name = "quickstart",
  summary = "Run the whole processor flow on a new sandbox item.",
  options = {
    { name = "institution", default = "ins_109508", help = "the sandbox institution" },
    { name = "processor", default = "dwolla", help = "the partner that receives the processor token" },
  },
  run = function(options)
    local developer = plaid.client()
    local partner = plaid.client { processor = options.processor }
    local steps = {}

    local public = developer:sandbox_public_token_create {
      institution_id = options.institution,
      initial_products = { "auth", "identity" },
    }
    local item = developer:item_public_token_exchange { public_token = public.public_token }
    local accounts = developer:accounts_get { access_token = item.access_token }
    local account = accounts.accounts[1]
    steps.accounts = {}
    for _, each in ipairs(accounts.accounts) do
      steps.accounts[#steps.accounts + 1] = ("%s %s (%s/%s)"):format(each.name, each.mask or "", each.type, each.subtype or "")
    end

    local processor = developer:processor_token_create {
      access_token = item.access_token, account_id = account.account_id, processor = options.processor,
    }
    local token = processor.processor_token
    -- Some institutions (Capital One) refresh balances only now and then and need a bound;
    -- a day old is always fine, and institutions with live balances ignore it.
    local a_day_ago = plaid.iso8601(plaid.now() - 24 * 60 * 60)
    local reads = {
      auth = function() return partner:processor_auth_get { processor_token = token } end,
      balance = function()
        return partner:processor_balance_get { processor_token = token, options = { min_last_updated_datetime = a_day_ago } }
      end,
      identity = function() return partner:processor_identity_get { processor_token = token } end,
    }
    local auth, balance, identity = table.unpack(plaid.map({ "auth", "balance", "identity" }, function(name)
      return reads[name]()
    end))
    -- Stripe takes US checking and savings accounts only; elsewhere the step says why it was skipped.
    local made_stripe, stripe = pcall(developer.processor_stripe_bank_account_token_create, developer, {
      access_token = item.access_token, account_id = account.account_id,
    })
    if not made_stripe and not (plaid.is_error(stripe) and stripe.error_code == "INVALID_STRIPE_ACCOUNT") then error(stripe, 0) end

    local numbers = auth.numbers.ach
    steps.item_id = item.item_id
    steps.access_token = item.access_token
    steps.processor_token = token
    if made_stripe then
      steps.stripe_token = stripe.stripe_bank_account_token
    else
      steps.stripe_skipped = stripe.error_message
    end
    steps.account = account.name
    steps.ach = numbers and ("routing %s, account …%s"):format(numbers.routing, numbers.account:sub(-4)) or nil
    steps.balance = { current = balance.account.balances.current, available = balance.account.balances.available,
                      currency = balance.account.balances.iso_currency_code }
    steps.owner = identity.account.owners[1].names[1]

    developer:item_remove { access_token = item.access_token }
    steps.after_removal = {
      processor_token = expect_revoked(reads.auth),
      access_token = expect_revoked(function() return developer:accounts_get { access_token = item.access_token } end),
    }
    return steps
  end,
}, ...)
