-- Brings one account's transactions up to date, as its partner: a first run gets the whole
-- history, later runs only what changed. Each token's cursor is kept in a private SQLite store
-- ($PLAIDLUA_HOME/stores/NAME.sqlite) and saved only once its changes are in hand, so a run
-- that stops half-way is simply run again; as a batch handler it syncs every token of a file.
local plaid = require "plaid"
local workflow = require "lib.workflow"

return workflow.define({
  name = "sync_transactions",
  summary = "Sync an account's transactions since the last run, keeping each token's cursor.",
  options = {
    { name = "processor-token", required = true, help = "the token the partner received" },
    { name = "processor", required = true, help = "the partner the token was made for" },
    { name = "store", default = "transaction_cursors", help = "the store keeping the cursors" },
  },
  run = function(options)
    local cursors = plaid.store(options.store or "transaction_cursors")
    local saved = cursors:get(options.processor_token)
    local sync = plaid.sync_transactions(workflow.partner(options.processor),
                                         { processor_token = options.processor_token, cursor = saved, count = 500 })
    cursors:set(options.processor_token, sync.cursor)
    return {
      first_sync = saved == nil, pages = sync.pages, restarts = sync.restarts,
      added = sync.added, modified = sync.modified, removed = sync.removed,
    }
  end,
}, ...)
