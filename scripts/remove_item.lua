-- Removes an item: its access token and every processor and Stripe token made from it stop working.
local plaid = require "plaid"
local workflow = require "lib.workflow"

return workflow.define({
  name = "remove_item",
  summary = "Remove an item, revoking its access token and the tokens made from it.",
  options = {
    { name = "access-token", required = true, help = "the item's access token" },
  },
  run = function(options)
    return plaid.client():item_remove { access_token = options.access_token }
  end,
}, ...)
