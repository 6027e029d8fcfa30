import Foundation
import GRDB
import PlaidModels
import PrivateFiles

/// The sandbox's state in `sandbox.sqlite`: the embedded default ``SandboxStore``.
///
/// Every change runs in an immediate transaction that commits before the method returns, so a
/// response is only sent about state already on disk. WAL mode and a busy timeout let several
/// processes share one data directory. The reads every data call makes use statements prepared
/// once per connection, and the token lookups run on the calling thread, on a read-only
/// connection of their own: a WAL reader never waits for a writer, so the read takes
/// microseconds, less than the two thread switches an asynchronous read costs. (They must not
/// take a connection of the pool: waiting for one blocked Swift's threads while the reads
/// holding the pool's connections waited for a thread to finish on.)
final class SQLiteSandboxStore: SandboxStore {
    let pool: DatabasePool
    /// The token lookups' connection (see above).
    private let lookups: DatabaseQueue

    init(dataDirectory: String) throws {
        // It holds every client's secret and every token: the folder is 0700 and the database files 0600.
        try PrivateDirectory.create(dataDirectory) { notice in
            FileHandle.standardError.write(Data((notice + "\n").utf8))
        }
        let path = (dataDirectory as NSString).appendingPathComponent("sandbox.sqlite")
        try PrivateFile.prepareDatabase(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(15)
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in
            // FULL makes each commit durable on disk, not only handed to the OS.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try SQLiteSchema.migrator.migrate(pool)
        var readOnly = Configuration()
        readOnly.busyMode = .timeout(15)
        readOnly.readonly = true
        lookups = try DatabaseQueue(path: path, configuration: readOnly)
    }

    // MARK: Clients

    func ensureCredentials() throws -> SandboxCredentials {
        try immediateWrite { db in
            let existing = try Row.fetchAll(db, sql: "SELECT client_id, secret, role FROM client")
            var byRole: [String: SandboxCredentials.Client] = [:]
            for row in existing {
                byRole[row["role"]] = SandboxCredentials.Client(clientID: row["client_id"], secret: row["secret"])
            }
            for role in SandboxStoreRules.clientRoles where byRole[role] == nil {
                let client = SandboxCredentials.Client(clientID: TokenFactory.clientID(), secret: TokenFactory.secret())
                try db.execute(sql: "INSERT INTO client (client_id, secret, role) VALUES (?, ?, ?)",
                               arguments: [client.clientID, client.secret, role])
                byRole[role] = client
            }
            return SandboxStoreRules.credentials(byRole: byRole)
        }
    }

    // MARK: Items and public tokens

    func createItem(_ item: StoredItem, now: Date) async throws -> String {
        let token = TokenFactory.publicToken()
        try await immediateWrite { db in
            try item.insert(db)
            try db.execute(sql: "INSERT INTO public_token (token, item_id, expires_at) VALUES (?, ?, ?)",
                           arguments: [token, item.itemID, now.addingTimeInterval(SandboxStoreRules.publicTokenLifetime).timeIntervalSince1970])
        }
        return token
    }

    func exchangePublicToken(_ token: String, caller: Caller, now: Date) async throws -> (accessToken: String, itemID: String) {
        let accessToken = TokenFactory.accessToken()
        return try await immediateWrite { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT public_token.expires_at, public_token.exchanged_at, item.item_id, item.owner_client_id
                FROM public_token JOIN item ON item.item_id = public_token.item_id
                WHERE public_token.token = ?
                """, arguments: [token]),
                row["owner_client_id"] as String == caller.clientID
            else { throw SandboxError.invalidPublicToken }
            if row["exchanged_at"] as Double? != nil { throw SandboxError.usedPublicToken }
            if now.timeIntervalSince1970 >= row["expires_at"] as Double { throw SandboxError.expiredPublicToken }
            let itemID: String = row["item_id"]
            try db.execute(sql: "UPDATE public_token SET exchanged_at = ? WHERE token = ?",
                           arguments: [now.timeIntervalSince1970, token])
            try db.execute(sql: "INSERT INTO access_token (token, item_id) VALUES (?, ?)", arguments: [accessToken, itemID])
            return (accessToken, itemID)
        }
    }

    func item(accessToken: String, caller: Caller) async throws -> StoredItem {
        try readHere { db in try Self.ownedItem(db, accessToken: accessToken, caller: caller) }
    }

    // MARK: Processor and Stripe tokens

    func createProcessorToken(itemID: String, accountID: String, processor: String?, holderClientID: String,
                              now: Date) async throws -> String {
        let token = TokenFactory.processorToken()
        try await immediateWrite { db in
            try Self.insertProcessorToken(db, token: token, itemID: itemID, accountID: accountID, processor: processor,
                                          holderClientID: holderClientID, now: now)
        }
        return token
    }

    func createItemWithProcessorToken(_ item: StoredItem, accountID: String, holder: Caller, now: Date) async throws -> String {
        let token = TokenFactory.processorToken()
        try await immediateWrite { db in
            try item.insert(db)
            try Self.insertProcessorToken(db, token: token, itemID: item.itemID, accountID: accountID,
                                          processor: holder.processor, holderClientID: holder.clientID, now: now)
        }
        return token
    }

    private static func insertProcessorToken(_ db: Database, token: String, itemID: String, accountID: String,
                                             processor: String?, holderClientID: String, now: Date) throws {
        try db.execute(sql: """
            INSERT INTO processor_token (token, item_id, account_id, processor, holder_client_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [token, itemID, accountID, processor, holderClientID, now.timeIntervalSince1970])
    }

    func processorToken(_ token: String, caller: Caller) async throws -> ProcessorGrant {
        try readHere { db in
            guard let row = try Self.processorTokenRow(db, token),
                  row["holder_client_id"] as String == caller.clientID
            else { throw SandboxError.invalidProcessorToken }
            return try Self.grant(row)
        }
    }

    func ownedProcessorToken(_ token: String, caller: Caller) async throws -> ProcessorGrant {
        try readHere { db in
            guard let row = try Self.processorTokenRow(db, token),
                  row["owner_client_id"] as String == caller.clientID
            else { throw SandboxError.invalidProcessorToken }
            return try Self.grant(row)
        }
    }

    /// A read on the calling thread, for the token lookups (see the type's notes). Each is one
    /// SELECT, atomic on its own, so it runs outside a transaction (BEGIN and COMMIT cost as
    /// much as the lookup).
    private func readHere<Value>(_ read: (Database) throws -> Value) throws -> Value {
        try lookups.inDatabase(read)
    }

    private static func processorTokenRow(_ db: Database, _ token: String) throws -> Row? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT item.*, processor_token.account_id AS token_account_id, processor_token.products AS token_products,
                   processor_token.holder_client_id, processor_token.revoked_at AS token_revoked_at
            FROM processor_token JOIN item ON item.item_id = processor_token.item_id
            WHERE processor_token.token = ?
            """), arguments: [token])
    }

    private static func grant(_ row: Row) throws -> ProcessorGrant {
        if row["token_revoked_at"] as Double? != nil { throw SandboxError.itemNotFound }
        let products = StoredItem.names(inJSON: row["token_products"])
        return ProcessorGrant(item: StoredItem(row: row), accountID: row["token_account_id"], products: products)
    }

    func setProcessorTokenProducts(_ token: String, caller: Caller, products: [String]) async throws {
        let json = try SandboxStoreRules.jsonText(products)
        try await updateOwnedProcessorToken(token, caller: caller, sql: "UPDATE processor_token SET products = ? WHERE token = ?",
                                            arguments: [json, token])
    }

    func setProcessorTokenWebhook(_ token: String, caller: Caller, webhook: String?, now: Date) async throws {
        try await immediateWrite { db in
            guard let row = try Self.processorTokenRow(db, token), row["holder_client_id"] as String == caller.clientID else {
                throw SandboxError.invalidProcessorToken
            }
            let grant = try Self.grant(row)
            try db.execute(sql: "UPDATE processor_token SET webhook = ? WHERE token = ?", arguments: [webhook, token])
            guard let webhook else { return }
            let acknowledgement = ProcessorTokenWebhook.updateAcknowledged(accountID: grant.accountID, url: webhook)
            try Self.enqueue(db, url: webhook, body: acknowledgement.body, type: acknowledgement.type, code: acknowledgement.code,
                             itemID: grant.item.itemID, now: now)
        }
    }

    private func updateOwnedProcessorToken(_ token: String, caller: Caller, sql: String, arguments: StatementArguments) async throws {
        try await immediateWrite { db in
            guard let row = try Self.processorTokenRow(db, token), row["owner_client_id"] as String == caller.clientID else {
                throw SandboxError.invalidProcessorToken
            }
            _ = try Self.grant(row)
            try db.execute(sql: sql, arguments: arguments)
        }
    }

    // MARK: Item state

    @discardableResult
    func updateItem(accessToken: String, caller: Caller, column: ItemColumn, value: String?,
                    announcing event: WebhookEvent?, now: Date) async throws -> StoredItem {
        try await immediateWrite { db in
            let item = try Self.ownedItem(db, accessToken: accessToken, caller: caller)
            try db.execute(sql: "UPDATE item SET \(column.rawValue) = ? WHERE item_id = ?", arguments: [value, item.itemID])
            if let event { try Self.enqueue(db, event, itemID: item.itemID, now: now) }
            return try Self.ownedItem(db, accessToken: accessToken, caller: caller)
        }
    }

    private static func ownedItem(_ db: Database, accessToken: String, caller: Caller) throws -> StoredItem {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT item.*, access_token.revoked_at AS token_revoked_at
            FROM access_token JOIN item ON item.item_id = access_token.item_id
            WHERE access_token.token = ?
            """), arguments: [accessToken]),
            row["owner_client_id"] as String == caller.clientID
        else { throw SandboxError.invalidAccessToken }
        if row["token_revoked_at"] as Double? != nil { throw SandboxError.itemNotFound }
        return StoredItem(row: row)
    }

    func createStripeToken(itemID: String, accountID: String, now: Date) async throws -> String {
        let token = TokenFactory.stripeBankAccountToken()
        try await immediateWrite { db in
            try db.execute(sql: "INSERT INTO stripe_token (token, item_id, account_id, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [token, itemID, accountID, now.timeIntervalSince1970])
        }
        return token
    }

    func isStripeTokenActive(_ token: String) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT revoked_at IS NULL FROM stripe_token WHERE token = ?"), arguments: [token]) ?? false
        }
    }

    // MARK: Created transactions

    func addTransactions(_ transactions: [CreatedTransaction], now: Date) async throws {
        try await immediateWrite { db in
            for itemID in Set(transactions.map(\.itemID)) {
                try Self.enqueue(db, .syncUpdatesAvailable, itemID: itemID, now: now)
            }
            for transaction in transactions {
                try db.execute(sql: """
                    INSERT INTO created_transaction (transaction_id, item_id, account_id, date_transacted, date_posted, amount,
                                                     description, iso_currency_code, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [transaction.transactionID, transaction.itemID, transaction.accountID, transaction.dateTransacted,
                                     transaction.datePosted, transaction.amount, transaction.description, transaction.currency,
                                     now.timeIntervalSince1970])
            }
        }
    }

    func createdTransactions(itemID: String, accountID: String) async throws -> [CreatedTransaction] {
        try await pool.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM created_transaction WHERE item_id = ? AND account_id = ? ORDER BY created_at, transaction_id
                """), arguments: [itemID, accountID]).map(CreatedTransaction.init(row:))
        }
    }

    // MARK: Signal

    func recordSignalEvaluation(token: String, clientTransactionID: String, itemID: String, amount: Double,
                                customerScore: Int, bankScore: Int, now: Date) async throws {
        try await immediateWrite { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO signal_evaluation (processor_token, client_transaction_id, item_id, amount, customer_score,
                                                          bank_score, evaluated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [token, clientTransactionID, itemID, amount, customerScore, bankScore, now.timeIntervalSince1970])
        }
    }

    func reportSignal(token: String, clientTransactionID: String, column: SignalReport, value: String) async throws -> Bool {
        try await immediateWrite { db in
            try db.execute(sql: "UPDATE signal_evaluation SET \(column.rawValue) = ? WHERE processor_token = ? AND client_transaction_id = ?",
                           arguments: [value, token, clientTransactionID])
            return db.changesCount > 0
        }
    }

    // MARK: Bank transfers

    func createBankTransfer(_ transfer: BankTransfer, key: String, holder: String, itemID: String) async throws -> BankTransfer {
        let encoded = try SandboxStoreRules.jsonText(transfer)
        let stored = try await immediateWrite { db -> String in
            if let existing = try String.fetchOne(db, sql: "SELECT transfer FROM bank_transfer WHERE holder_client_id = ? AND idempotency_key = ?",
                                                  arguments: [holder, key]) {
                return existing
            }
            try db.execute(sql: "INSERT INTO bank_transfer (holder_client_id, idempotency_key, item_id, transfer) VALUES (?, ?, ?, ?)",
                           arguments: [holder, key, itemID, encoded])
            return encoded
        }
        return try JSONDecoder().decode(BankTransfer.self, from: Data(stored.utf8))
    }

    // MARK: Removal and reset

    func removeItem(accessToken: String, caller: Caller, now: Date) async throws {
        try await immediateWrite { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT item.item_id, item.owner_client_id, access_token.revoked_at
                FROM access_token JOIN item ON item.item_id = access_token.item_id
                WHERE access_token.token = ?
                """, arguments: [accessToken]),
                row["owner_client_id"] as String == caller.clientID
            else { throw SandboxError.invalidAccessToken }
            if row["revoked_at"] as Double? != nil { throw SandboxError.itemNotFound }
            let itemID: String = row["item_id"]
            let time = now.timeIntervalSince1970
            try db.execute(sql: "UPDATE item SET removed_at = ? WHERE item_id = ?", arguments: [time, itemID])
            for table in ["access_token", "processor_token", "stripe_token"] {
                try db.execute(sql: "UPDATE \(table) SET revoked_at = ? WHERE item_id = ? AND revoked_at IS NULL",
                               arguments: [time, itemID])
            }
        }
    }

    func reset() throws {
        try immediateWrite { db in
            for table in SandboxStoreRules.resetTables {
                try db.execute(sql: "DELETE FROM \(table)")
            }
        }
    }

    func close() async {}

    // MARK: Transactions

    /// Runs `body` in a transaction that takes the write lock at once, so two processes never
    /// both read and then race to write.
    func immediateWrite<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        try await pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    func immediateWrite<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }
}
