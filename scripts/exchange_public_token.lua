-- Exchanges a public token (from Link, or from sandbox_public_token_create) for an access token.
local plaid = require "plaid"
local workflow = require "lib.workflow"

return workflow.define({
  name = "exchange_public_token",
  summary = "Exchange a public token for an access token and item id.",
  options = {
    { name = "public-token", required = true, help = "the public token to exchange (single use)" },
  },
  run = function(options)
    return plaid.client():item_public_token_exchange { public_token = options.public_token }
  end,
}, ...)
