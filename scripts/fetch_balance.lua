-- Reads the live balance behind a processor token, as its partner.
local workflow = require "lib.workflow"

return workflow.define({
  name = "fetch_balance",
  summary = "Fetch Balance data with a processor token.",
  options = {
    { name = "processor-token", required = true, help = "the token the partner received" },
    { name = "processor", required = true, help = "the partner the token was made for" },
    { name = "min-last-updated", help = "oldest acceptable balance, ISO-8601 (required by some institutions)" },
  },
  run = function(options)
    local request = { processor_token = options.processor_token }
    if options.min_last_updated then
      request.options = { min_last_updated_datetime = options.min_last_updated }
    end
    return workflow.partner(options.processor):processor_balance_get(request)
  end,
}, ...)
