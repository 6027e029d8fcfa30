-- Creates a Stripe bank-account token (btok_…) for one account of an item.
local plaid = require "plaid"
local workflow = require "lib.workflow"

return workflow.define({
  name = "create_stripe_token",
  summary = "Create a Stripe bank account token for one account.",
  options = {
    { name = "access-token", required = true, help = "the item's access token" },
    { name = "account-id", required = true, help = "the account to hand to Stripe" },
  },
  run = function(options)
    return plaid.client():processor_stripe_bank_account_token_create {
      access_token = options.access_token,
      account_id = options.account_id,
    }
  end,
}, ...)
