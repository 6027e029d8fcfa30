-- Reads the account and routing numbers behind a processor token, as its partner.
local workflow = require "lib.workflow"

return workflow.define({
  name = "fetch_auth",
  summary = "Fetch Auth data (account and routing numbers) with a processor token.",
  options = {
    { name = "processor-token", required = true, help = "the token the partner received" },
    { name = "processor", required = true, help = "the partner the token was made for" },
  },
  run = function(options)
    return workflow.partner(options.processor):processor_auth_get { processor_token = options.processor_token }
  end,
}, ...)
