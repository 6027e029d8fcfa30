-- Reads the live balance behind a processor token, as its partner.
local cli = require "lib.cli"
local workflow = require "lib.workflow"

return workflow.define({
  name = "fetch_balance",
  summary = "Fetch Balance data with a processor token.",
  options = {
    { name = "processor-token", required = true, help = "the token the partner received" },
    { name = "processor", required = true, help = "the partner the token was made for" },
    { name = "min-last-updated", convert = cli.moment,
      help = "oldest acceptable balance: an age (24h, 30m, 2d) or an ISO 8601 time; some institutions require it" },
  },
  run = function(options)
    local request = { processor_token = options.processor_token }
    if options.min_last_updated then
      -- A batch record's field comes here unconverted.
      local since, needs = cli.moment(options.min_last_updated)
      if not since then error("min_last_updated " .. needs .. ", not '" .. tostring(options.min_last_updated) .. "'", 0) end
      request.options = { min_last_updated_datetime = since }
    end
    return workflow.partner(options.processor):processor_balance_get(request)
  end,
}, ...)
