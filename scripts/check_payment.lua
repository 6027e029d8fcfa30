-- Asks Signal how risky debiting a payment from an account is, as its partner, and says what
-- to do: ACCEPT, REVIEW or REROUTE. As a batch handler it checks every payment of a file
-- (CSV columns processor_token, processor, payment_id, amount).
local workflow = require "lib.workflow"

return workflow.define({
  name = "check_payment",
  summary = "Score an ACH debit's return risk with Signal and say whether to send it.",
  options = {
    { name = "processor-token", required = true, help = "the token the partner received" },
    { name = "processor", required = true, help = "the partner the token was made for" },
    { name = "payment-id", required = true, help = "your id for the payment (1 to 36 characters)" },
    { name = "amount", required = true, help = "the amount to debit, such as 125.50" },
  },
  run = function(options)
    local amount = tonumber(options.amount)
    if not amount then error("amount must be a number such as 125.50, not '" .. tostring(options.amount) .. "'", 0) end
    local answer = workflow.partner(options.processor):processor_signal_evaluate {
      processor_token = options.processor_token, client_transaction_id = tostring(options.payment_id), amount = amount,
    }
    return {
      payment_id = options.payment_id, amount = amount, decision = answer.ruleset.result,
      bank_initiated_return_risk = answer.scores.bank_initiated_return_risk.score,
      customer_initiated_return_risk = answer.scores.customer_initiated_return_risk.score,
    }
  end,
}, ...)
