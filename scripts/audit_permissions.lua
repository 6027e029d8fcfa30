-- Shows which products a processor token's partner may read, as the developer who made the
-- token. As a batch handler over a file of tokens it audits them all: `restricted` is false
-- where the partner may read every product.
local plaid = require "plaid"
local workflow = require "lib.workflow"

return workflow.define({
  name = "audit_permissions",
  summary = "Show the products a processor token's partner may read.",
  options = {
    { name = "processor-token", required = true, help = "a token you made for a partner" },
  },
  run = function(options)
    local permissions = plaid.client():processor_token_permissions_get { processor_token = options.processor_token }
    return {
      token = plaid.mask(options.processor_token),
      restricted = #permissions.products > 0,
      products = #permissions.products > 0 and permissions.products or "all",
    }
  end,
}, ...)
