-- Creates a processor token that lets a partner read one account of an item.
local plaid = require "plaid"
local workflow = require "lib.workflow"

return workflow.define({
  name = "create_processor_token",
  summary = "Create a processor token for one account, for the named partner.",
  options = {
    { name = "access-token", required = true, help = "the item's access token" },
    { name = "account-id", required = true, help = "the account the partner may use" },
    { name = "processor", required = true, help = "the partner, e.g. dwolla (see plaid.processors)" },
  },
  run = function(options)
    return plaid.client():processor_token_create {
      access_token = options.access_token,
      account_id = options.account_id,
      processor = options.processor,
    }
  end,
}, ...)
