-- A webhook handler for `plaidlua webhooks listen on_webhook.lua`, and the command that tells it
-- which processor tokens are yours. Run as a script, it registers a token: it looks up the
-- token's account and keeps account → token in the private store `webhook_tokens`. As the
-- listener's handler, on SYNC_UPDATES_AVAILABLE for a registered account it syncs that account's
-- transactions (cursors kept as sync_transactions.lua keeps them); on ITEM_LOGIN_REQUIRED it
-- records the Item in the store `login_required` for follow-up, and LOGIN_REPAIRED clears it.
local plaid = require "plaid"
local workflow = require "lib.workflow"

local module = workflow.define({
  name = "on_webhook",
  summary = "Register a processor token whose webhooks 'webhooks listen on_webhook.lua' acts on.",
  options = {
    { name = "processor-token", required = true, help = "the token the partner received" },
    { name = "processor", required = true, help = "the partner the token was made for" },
  },
  run = function(options)
    local account = workflow.partner(options.processor):processor_account_get {
      processor_token = options.processor_token,
    }.account
    plaid.store("webhook_tokens"):set(account.account_id, plaid.json.encode {
      processor = options.processor, processor_token = options.processor_token,
    })
    return { account_id = account.account_id, registered = true }
  end,
}, ...)

--- Syncs a registered account's transactions from its saved cursor and saves the new one.
local function sync(account_id)
  local registered = plaid.store("webhook_tokens"):get(account_id)
  if not registered then
    plaid.log.warn("transactions changed on account", account_id, "which has no registered token; run on_webhook.lua")
    return
  end
  local token = plaid.json.decode(registered)
  local cursors = plaid.store("transaction_cursors")
  local result = plaid.sync_transactions(workflow.partner(token.processor),
                                         { processor_token = token.processor_token, cursor = cursors:get(token.processor_token) })
  cursors:set(token.processor_token, result.cursor)
  plaid.log.info("synced account", account_id, ":", #result.added, "added,", #result.modified, "modified,",
                 #result.removed, "removed")
end

--- The key a follow-up is kept under: the account for a partner's webhook, else the Item.
local function subject(webhook)
  return webhook.account_id or webhook.item_id
end

function module.handle(webhook, meta)
  local code = webhook.webhook_code
  if code == "SYNC_UPDATES_AVAILABLE" and webhook.account_id then
    sync(webhook.account_id)
  elseif code == "ERROR" and type(webhook.error) == "table" and webhook.error.error_code == "ITEM_LOGIN_REQUIRED" then
    plaid.store("login_required"):set(subject(webhook), plaid.json.encode {
      item_id = webhook.item_id, account_id = webhook.account_id, received_at = plaid.iso8601(meta.received_at),
    })
    plaid.log.warn("needs the user back in Link:", subject(webhook))
  elseif code == "LOGIN_REPAIRED" then
    plaid.store("login_required"):set(subject(webhook), nil)
    plaid.log.info("login repaired:", subject(webhook))
  else
    plaid.log.info("received", webhook.webhook_type, code, "for", subject(webhook))
  end
end

return module
