import Foundation
import PlaidModels
import PlaidWebhooks

/// Where the sandbox keeps its state: clients, Items, tokens and the webhooks it owes.
///
/// Two backends keep it: ``SQLiteSandboxStore`` (`sandbox.sqlite` in the data directory, the
/// embedded default) and ``PostgresSandboxStore`` (one database that several sandbox processes
/// share). Every method that changes state commits before it returns, so an answer is only sent
/// about state that survives kill -9, and every read sees what any process sharing the store
/// has committed: nothing is cached between calls.
protocol SandboxStore: Sendable {
    /// The stored API keys, creating any that are missing (all of them on first use).
    func ensureCredentials() async throws -> SandboxCredentials

    // MARK: Items and public tokens

    /// Stores a new Item with a fresh public token for it.
    func createItem(_ item: StoredItem, now: Date) async throws -> String
    /// Trades a public token for the Item's access token, once, within its lifetime.
    func exchangePublicToken(_ token: String, caller: Caller, now: Date) async throws -> (accessToken: String, itemID: String)
    /// The Item an access token opens, if the caller owns it and it was not removed.
    func item(accessToken: String, caller: Caller) async throws -> StoredItem
    /// Changes one column of the caller's Item and returns the Item as it is now.
    ///
    /// - Parameter event: a webhook announcing the change, queued in the same transaction.
    @discardableResult
    func updateItem(accessToken: String, caller: Caller, column: ItemColumn, value: String?,
                    announcing event: WebhookEvent?, now: Date) async throws -> StoredItem
    /// Removes an Item: its access token and every processor and Stripe token made from it stop working.
    func removeItem(accessToken: String, caller: Caller, now: Date) async throws

    // MARK: Processor and Stripe tokens

    /// Stores a processor token usable by `holderClientID` alone.
    func createProcessorToken(itemID: String, accountID: String, processor: String?, holderClientID: String,
                              now: Date) async throws -> String
    /// Stores a new Item and a processor token for one of its accounts, in one transaction.
    func createItemWithProcessorToken(_ item: StoredItem, accountID: String, holder: Caller, now: Date) async throws -> String
    /// The Item and account a processor token reaches, if the caller holds the token.
    func processorToken(_ token: String, caller: Caller) async throws -> ProcessorGrant
    /// A processor token as the developer who made it sees it: only the Item's owner may.
    func ownedProcessorToken(_ token: String, caller: Caller) async throws -> ProcessorGrant
    /// Limits the products a processor token's partner may use; empty allows all.
    func setProcessorTokenProducts(_ token: String, caller: Caller, products: [String]) async throws
    /// Sets the URL the holder's webhooks about a processor token go to, and queues the
    /// `WEBHOOK_UPDATE_ACKNOWLEDGED` webhook Plaid sends to a new URL.
    func setProcessorTokenWebhook(_ token: String, caller: Caller, webhook: String?, now: Date) async throws
    func createStripeToken(itemID: String, accountID: String, now: Date) async throws -> String
    /// Whether a Stripe bank account token exists and was not revoked by removing its Item.
    func isStripeTokenActive(_ token: String) async throws -> Bool

    // MARK: Transactions, Signal and bank transfers

    /// Stores transactions added with `/sandbox/transactions/create`, all at `now`.
    func addTransactions(_ transactions: [CreatedTransaction], now: Date) async throws
    /// The transactions added to one account of an Item, oldest addition first.
    func createdTransactions(itemID: String, accountID: String) async throws -> [CreatedTransaction]
    /// Records an evaluation; evaluating the same payment again replaces it, so a client that
    /// retries a timed-out call is not refused.
    func recordSignalEvaluation(token: String, clientTransactionID: String, itemID: String, amount: Double,
                                customerScore: Int, bankScore: Int, now: Date) async throws
    /// Stores a decision or return report about an evaluated payment; false when the payment
    /// was never evaluated with this token.
    func reportSignal(token: String, clientTransactionID: String, column: SignalReport, value: String) async throws -> Bool
    /// Stores `transfer` under the partner's idempotency key, or returns the transfer already
    /// stored under it, in one transaction, so two racing retries make one transfer.
    func createBankTransfer(_ transfer: BankTransfer, key: String, holder: String, itemID: String) async throws -> BankTransfer

    // MARK: Webhooks

    /// Queues `event` about an Item for its URL and its processor tokens' URLs; returns how many.
    func announce(_ event: WebhookEvent, itemID: String, now: Date) async throws -> Int
    /// Queues the processor variant of `event` for one processor token's URL; false when it has none.
    func announce(_ event: WebhookEvent, toProcessorToken token: String, accountID: String, itemID: String, now: Date) async throws -> Bool
    /// The key new webhooks are signed with, made on first use.
    func currentWebhookKey(now: Date) async throws -> WebhookSigningKey
    /// Retires the current key (its `expired_at` set to `now`) and makes a new one.
    func rotateWebhookKey(now: Date) async throws -> (retired: String?, current: String)
    /// Any key the sandbox has made, retired ones included.
    func webhookKey(kid: String) async throws -> WebhookSigningKey?
    /// Up to `limit` deliveries due at `now`, claimed until `now + lease` so no other process
    /// sends them meanwhile; a claim left by a killed process lapses and the delivery is sent again.
    func claimDueWebhooks(now: Date, limit: Int, lease: TimeInterval) async throws -> [QueuedWebhook]
    /// Keeps one attempt and moves the delivery on: delivered, due again later, or given up.
    func recordWebhookAttempt(_ webhook: QueuedWebhook, at time: Date, keyID: String, status: Int?, latency: TimeInterval,
                              problem: String?, outcome: WebhookDeliveryOutcome) async throws
    /// Every attempt so far, oldest first, and the deliveries not yet attempted.
    func webhookAttempts() async throws -> [SandboxWebhookAttempt]

    /// Deletes every Item, token and webhook; the clients and their keys stay.
    func reset() async throws
    /// Lets go of connections; the store is not used afterwards.
    func close() async
}

/// What both backends agree on about the stored state.
enum SandboxStoreRules {
    /// How long a public token can be exchanged after it is made.
    static let publicTokenLifetime: TimeInterval = 30 * 60

    /// The client roles made on first use: the developer and one partner per processor.
    static var clientRoles: [String] { [Caller.developerRole] + Processor.knownRawValues }

    /// The credentials from every stored role's keys.
    static func credentials(byRole: [String: SandboxCredentials.Client]) -> SandboxCredentials {
        var processors = byRole
        let developer = processors.removeValue(forKey: Caller.developerRole)!
        return SandboxCredentials(developer: developer, processors: processors)
    }

    /// The tables `reset` empties, children before the tables they refer to.
    static let resetTables = ["public_token", "access_token", "processor_token", "stripe_token", "created_transaction",
                              "signal_evaluation", "bank_transfer", "webhook_attempt", "webhook_delivery", "item"]

    /// A value stored as JSON text: a product list, a bank transfer.
    static func jsonText(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}

/// What a processor token reaches: its Item, its account and the products it is limited to.
struct ProcessorGrant: Sendable {
    let item: StoredItem
    let accountID: String
    /// Empty when the partner may use every product.
    let products: [String]
}

/// The columns of an Item the sandbox's endpoints change.
enum ItemColumn: String, Sendable {
    case webhook
    case errorCode = "error_code"
    case verificationStatus = "verification_status"
}

/// The report columns of a Signal evaluation.
enum SignalReport: String, Sendable {
    case decision
    case returnCode = "return_code"
}

/// One webhook to send.
struct QueuedWebhook: Sendable {
    let deliveryID: Int64
    let url: String
    let body: Data
    let createdAt: Date
    let attempts: Int
}

/// How an attempt ended for the delivery.
enum WebhookDeliveryOutcome: Sendable {
    case delivered
    case retry(at: Date)
    case abandoned

    /// The delivery's state and when it is next due, once an attempt at `time` ended so.
    func next(after time: Date) -> (state: String, due: Double) {
        switch self {
        case .delivered: ("delivered", time.timeIntervalSince1970)
        case .retry(let at): ("pending", at.timeIntervalSince1970)
        case .abandoned: ("failed", time.timeIntervalSince1970)
        }
    }
}
