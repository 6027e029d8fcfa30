-- Reads the owners (names, emails, phones, addresses) behind a processor token, as its partner.
local workflow = require "lib.workflow"

return workflow.define({
  name = "fetch_identity",
  summary = "Fetch Identity data (account owners) with a processor token.",
  options = {
    { name = "processor-token", required = true, help = "the token the partner received" },
    { name = "processor", required = true, help = "the partner the token was made for" },
  },
  run = function(options)
    return workflow.partner(options.processor):processor_identity_get { processor_token = options.processor_token }
  end,
}, ...)
