import Foundation
import Logging
import NIOSSL
import PlaidModels
import PlaidWebhooks
import PostgresNIO

/// The sandbox's state in a PostgreSQL database that several sandbox processes share, so a team's
/// instances behind one load balancer serve the same clients, Items and tokens.
///
/// Each change is one transaction that commits before the method returns. Where two instances
/// could race, the database decides: a public token's row is locked while it is exchanged, keys
/// and transfers are inserted with `ON CONFLICT`, the webhook key is made under an advisory
/// lock, and due webhooks are claimed with `FOR UPDATE SKIP LOCKED`, so no delivery is sent by
/// two instances.
final class PostgresSandboxStore: SandboxStore {
    private let client: PostgresClient
    private let running: Task<Void, Never>
    private let logger = Logger(label: "plaidlua.sandbox.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The key of the advisory lock that makes and rotates webhook keys ("webhook" in ASCII).
    private static let webhookKeyLock: Int64 = 0x77_6562_686f_6f6b

    private init(_ location: PostgresLocation) {
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: Self.tls(location.tls))
        configuration.options.connectTimeout = location.connectTimeout
        configuration.options.maximumConnections = location.poolSize
        configuration.options.additionalStartupParameters = Self.startupParameters(location)
        let client = PostgresClient(configuration: configuration)
        self.client = client
        running = Task { await client.run() }
    }

    private static func startupParameters(_ location: PostgresLocation) -> [(String, String)] {
        [("application_name", "plaidlua sandbox")] + (location.schema.map { [("search_path", $0)] } ?? [])
    }

    private static func tls(_ mode: PostgresLocation.TLSMode) -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
    }

    /// Connects, brings the database's schema up to date, and opens the connection pool.
    ///
    /// The migrations run on a connection of their own, so that a server that cannot be reached
    /// or refuses the password is reported as such (the pool reports only that it gave up).
    ///
    /// - Throws: ``PostgresStoreError`` saying why, without the password.
    static func open(_ location: PostgresLocation) async throws -> PostgresSandboxStore {
        let logger = Logger(label: "plaidlua.sandbox.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        do {
            let tls: PostgresConnection.Configuration.TLS = switch location.tls {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            var configuration = PostgresConnection.Configuration(
                host: location.host, port: location.port, username: location.username, password: location.password,
                database: location.database, tls: tls)
            configuration.options.connectTimeout = .nanoseconds(Int64(location.connectTimeout.components.seconds) * 1_000_000_000)
            configuration.options.additionalStartupParameters = startupParameters(location)
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            do {
                try await connection.query("BEGIN", logger: logger)
                try await PostgresSchema.migrate(connection, schema: location.schema, logger: logger)
                try await connection.query("COMMIT", logger: logger)
                try await connection.close()
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            throw PostgresStoreError(error, location: location)
        }
        return PostgresSandboxStore(location)
    }

    func close() async {
        running.cancel()
        await running.value
    }

    // MARK: Clients

    func ensureCredentials() async throws -> SandboxCredentials {
        try await transaction { connection in
            func stored() async throws -> [String: SandboxCredentials.Client] {
                var byRole: [String: SandboxCredentials.Client] = [:]
                for row in try await self.rows(connection, "SELECT client_id, secret, role FROM client") {
                    byRole[try row["role"].decode(String.self)] = SandboxCredentials.Client(
                        clientID: try row["client_id"].decode(String.self), secret: try row["secret"].decode(String.self))
                }
                return byRole
            }
            let present = try await stored()
            let missing = SandboxStoreRules.clientRoles.filter { present[$0] == nil }
            guard !missing.isEmpty else { return SandboxStoreRules.credentials(byRole: present) }
            // One statement for every missing role; a role another instance made meanwhile keeps its keys.
            try await connection.query("""
                INSERT INTO client (client_id, secret, role)
                SELECT * FROM unnest(\(missing.map { _ in TokenFactory.clientID() }), \(missing.map { _ in TokenFactory.secret() }), \(missing))
                ON CONFLICT (role) DO NOTHING
                """, logger: self.logger)
            return SandboxStoreRules.credentials(byRole: try await stored())
        }
    }

    // MARK: Items and public tokens

    func createItem(_ item: StoredItem, now: Date) async throws -> String {
        let token = TokenFactory.publicToken()
        let expires = now.addingTimeInterval(SandboxStoreRules.publicTokenLifetime).timeIntervalSince1970
        try await transaction { connection in
            try await self.insert(item, connection)
            try await connection.query("INSERT INTO public_token (token, item_id, expires_at) VALUES (\(token), \(item.itemID), \(expires))",
                                       logger: self.logger)
        }
        return token
    }

    func exchangePublicToken(_ token: String, caller: Caller, now: Date) async throws -> (accessToken: String, itemID: String) {
        let accessToken = TokenFactory.accessToken()
        return try await transaction { connection in
            // The row lock makes a second exchange of the same token wait, then see it exchanged.
            guard let row = try await self.rows(connection, """
                SELECT public_token.expires_at, public_token.exchanged_at, item.item_id, item.owner_client_id
                FROM public_token JOIN item ON item.item_id = public_token.item_id
                WHERE public_token.token = \(token)
                FOR UPDATE OF public_token
                """).first,
                try row["owner_client_id"].decode(String.self) == caller.clientID
            else { throw SandboxError.invalidPublicToken }
            if try row["exchanged_at"].decode(Double?.self) != nil { throw SandboxError.usedPublicToken }
            if now.timeIntervalSince1970 >= (try row["expires_at"].decode(Double.self)) { throw SandboxError.expiredPublicToken }
            let itemID = try row["item_id"].decode(String.self)
            try await connection.query("UPDATE public_token SET exchanged_at = \(now.timeIntervalSince1970) WHERE token = \(token)",
                                       logger: self.logger)
            try await connection.query("INSERT INTO access_token (token, item_id) VALUES (\(accessToken), \(itemID))", logger: self.logger)
            return (accessToken, itemID)
        }
    }

    func item(accessToken: String, caller: Caller) async throws -> StoredItem {
        try await withConnection { connection in try await self.ownedItem(connection, accessToken: accessToken, caller: caller) }
    }

    @discardableResult
    func updateItem(accessToken: String, caller: Caller, column: ItemColumn, value: String?,
                    announcing event: WebhookEvent?, now: Date) async throws -> StoredItem {
        try await transaction { connection in
            let item = try await self.ownedItem(connection, accessToken: accessToken, caller: caller)
            try await connection.query("UPDATE item SET \(unescaped: column.rawValue) = \(value) WHERE item_id = \(item.itemID)",
                                       logger: self.logger)
            if let event { try await self.enqueue(connection, event, itemID: item.itemID, now: now) }
            return try await self.ownedItem(connection, accessToken: accessToken, caller: caller)
        }
    }

    func removeItem(accessToken: String, caller: Caller, now: Date) async throws {
        try await transaction { connection in
            guard let row = try await self.rows(connection, """
                SELECT item.item_id, item.owner_client_id, access_token.revoked_at
                FROM access_token JOIN item ON item.item_id = access_token.item_id
                WHERE access_token.token = \(accessToken)
                FOR UPDATE OF access_token
                """).first,
                try row["owner_client_id"].decode(String.self) == caller.clientID
            else { throw SandboxError.invalidAccessToken }
            if try row["revoked_at"].decode(Double?.self) != nil { throw SandboxError.itemNotFound }
            let itemID = try row["item_id"].decode(String.self)
            let time = now.timeIntervalSince1970
            try await connection.query("UPDATE item SET removed_at = \(time) WHERE item_id = \(itemID)", logger: self.logger)
            for table in ["access_token", "processor_token", "stripe_token"] {
                try await connection.query("UPDATE \(unescaped: table) SET revoked_at = \(time) WHERE item_id = \(itemID) AND revoked_at IS NULL",
                                           logger: self.logger)
            }
        }
    }

    private func ownedItem(_ connection: PostgresConnection, accessToken: String, caller: Caller) async throws -> StoredItem {
        guard let row = try await connection.execute(AccessTokenLookup(token: accessToken), logger: logger).first { _ in true },
            try row["owner_client_id"].decode(String.self) == caller.clientID
        else { throw SandboxError.invalidAccessToken }
        if try row["token_revoked_at"].decode(Double?.self) != nil { throw SandboxError.itemNotFound }
        return try StoredItem(postgres: row)
    }

    private func insert(_ item: StoredItem, _ connection: PostgresConnection) async throws {
        let products = try SandboxStoreRules.jsonText(item.products)
        try await connection.query("""
            INSERT INTO item (item_id, owner_client_id, institution_id, username, seed, products, webhook, error_code,
                              microdeposit_verified, custom_config, created_at)
            VALUES (\(item.itemID), \(item.ownerClientID), \(item.institutionID), \(item.username), \(Int64(bitPattern: item.seed)),
                    \(products), \(item.webhook), \(item.errorCode), \(item.microdepositVerified), \(item.customConfig),
                    \(item.createdAt.timeIntervalSince1970))
            """, logger: logger)
    }

    // MARK: Processor and Stripe tokens

    func createProcessorToken(itemID: String, accountID: String, processor: String?, holderClientID: String,
                              now: Date) async throws -> String {
        let token = TokenFactory.processorToken()
        try await transaction { connection in
            try await self.insertProcessorToken(connection, token: token, itemID: itemID, accountID: accountID, processor: processor,
                                                holderClientID: holderClientID, now: now)
        }
        return token
    }

    func createItemWithProcessorToken(_ item: StoredItem, accountID: String, holder: Caller, now: Date) async throws -> String {
        let token = TokenFactory.processorToken()
        try await transaction { connection in
            try await self.insert(item, connection)
            try await self.insertProcessorToken(connection, token: token, itemID: item.itemID, accountID: accountID,
                                                processor: holder.processor, holderClientID: holder.clientID, now: now)
        }
        return token
    }

    private func insertProcessorToken(_ connection: PostgresConnection, token: String, itemID: String, accountID: String,
                                      processor: String?, holderClientID: String, now: Date) async throws {
        try await connection.query("""
            INSERT INTO processor_token (token, item_id, account_id, processor, holder_client_id, created_at)
            VALUES (\(token), \(itemID), \(accountID), \(processor), \(holderClientID), \(now.timeIntervalSince1970))
            """, logger: logger)
    }

    func processorToken(_ token: String, caller: Caller) async throws -> ProcessorGrant {
        try await withConnection { connection in
            guard let row = try await self.processorTokenRow(connection, token),
                  try row["holder_client_id"].decode(String.self) == caller.clientID
            else { throw SandboxError.invalidProcessorToken }
            return try Self.grant(row)
        }
    }

    func ownedProcessorToken(_ token: String, caller: Caller) async throws -> ProcessorGrant {
        try await withConnection { connection in
            guard let row = try await self.processorTokenRow(connection, token),
                  try row["owner_client_id"].decode(String.self) == caller.clientID
            else { throw SandboxError.invalidProcessorToken }
            return try Self.grant(row)
        }
    }

    private func processorTokenRow(_ connection: PostgresConnection, _ token: String) async throws -> PostgresRandomAccessRow? {
        try await connection.execute(ProcessorTokenLookup(token: token), logger: logger).first { _ in true }
    }

    private static func grant(_ row: PostgresRandomAccessRow) throws -> ProcessorGrant {
        if try row["token_revoked_at"].decode(Double?.self) != nil { throw SandboxError.itemNotFound }
        return ProcessorGrant(item: try StoredItem(postgres: row), accountID: try row["token_account_id"].decode(String.self),
                              products: StoredItem.names(inJSON: try row["token_products"].decode(String.self)))
    }

    func setProcessorTokenProducts(_ token: String, caller: Caller, products: [String]) async throws {
        let json = try SandboxStoreRules.jsonText(products)
        try await transaction { connection in
            guard let row = try await self.processorTokenRow(connection, token),
                  try row["owner_client_id"].decode(String.self) == caller.clientID
            else { throw SandboxError.invalidProcessorToken }
            _ = try Self.grant(row)
            try await connection.query("UPDATE processor_token SET products = \(json) WHERE token = \(token)", logger: self.logger)
        }
    }

    func setProcessorTokenWebhook(_ token: String, caller: Caller, webhook: String?, now: Date) async throws {
        try await transaction { connection in
            guard let row = try await self.processorTokenRow(connection, token),
                  try row["holder_client_id"].decode(String.self) == caller.clientID
            else { throw SandboxError.invalidProcessorToken }
            let grant = try Self.grant(row)
            try await connection.query("UPDATE processor_token SET webhook = \(webhook) WHERE token = \(token)", logger: self.logger)
            guard let webhook else { return }
            let acknowledgement = ProcessorTokenWebhook.updateAcknowledged(accountID: grant.accountID, url: webhook)
            try await self.enqueue(connection, url: webhook, body: acknowledgement.body, type: acknowledgement.type,
                                   code: acknowledgement.code, itemID: grant.item.itemID, now: now)
        }
    }

    func createStripeToken(itemID: String, accountID: String, now: Date) async throws -> String {
        let token = TokenFactory.stripeBankAccountToken()
        try await client.query("""
            INSERT INTO stripe_token (token, item_id, account_id, created_at) VALUES (\(token), \(itemID), \(accountID), \(now.timeIntervalSince1970))
            """, logger: logger)
        return token
    }

    func isStripeTokenActive(_ token: String) async throws -> Bool {
        try await withConnection { connection in
            try await self.rows(connection, "SELECT revoked_at IS NULL AS active FROM stripe_token WHERE token = \(token)")
                .first?["active"].decode(Bool.self) ?? false
        }
    }

    // MARK: Transactions, Signal and bank transfers

    func addTransactions(_ transactions: [CreatedTransaction], now: Date) async throws {
        try await transaction { connection in
            for itemID in Set(transactions.map(\.itemID)).sorted() {
                try await self.enqueue(connection, .syncUpdatesAvailable, itemID: itemID, now: now)
            }
            for transaction in transactions {
                try await connection.query("""
                    INSERT INTO created_transaction (transaction_id, item_id, account_id, date_transacted, date_posted, amount,
                                                     description, iso_currency_code, created_at)
                    VALUES (\(transaction.transactionID), \(transaction.itemID), \(transaction.accountID), \(transaction.dateTransacted),
                            \(transaction.datePosted), \(transaction.amount), \(transaction.description), \(transaction.currency),
                            \(now.timeIntervalSince1970))
                    """, logger: self.logger)
            }
        }
    }

    func createdTransactions(itemID: String, accountID: String) async throws -> [CreatedTransaction] {
        try await withConnection { connection in
            try await self.rows(connection, """
                SELECT * FROM created_transaction WHERE item_id = \(itemID) AND account_id = \(accountID)
                ORDER BY created_at, transaction_id
                """).map(CreatedTransaction.init(postgres:))
        }
    }

    func recordSignalEvaluation(token: String, clientTransactionID: String, itemID: String, amount: Double,
                                customerScore: Int, bankScore: Int, now: Date) async throws {
        try await client.query("""
            INSERT INTO signal_evaluation (processor_token, client_transaction_id, item_id, amount, customer_score, bank_score, evaluated_at)
            VALUES (\(token), \(clientTransactionID), \(itemID), \(amount), \(customerScore), \(bankScore), \(now.timeIntervalSince1970))
            ON CONFLICT (processor_token, client_transaction_id) DO UPDATE SET
                item_id = excluded.item_id, amount = excluded.amount, customer_score = excluded.customer_score,
                bank_score = excluded.bank_score, evaluated_at = excluded.evaluated_at, decision = NULL, return_code = NULL
            """, logger: logger)
    }

    func reportSignal(token: String, clientTransactionID: String, column: SignalReport, value: String) async throws -> Bool {
        try await withConnection { connection in
            try await !self.rows(connection, """
                UPDATE signal_evaluation SET \(unescaped: column.rawValue) = \(value)
                WHERE processor_token = \(token) AND client_transaction_id = \(clientTransactionID)
                RETURNING 1 AS updated
                """).isEmpty
        }
    }

    func createBankTransfer(_ transfer: BankTransfer, key: String, holder: String, itemID: String) async throws -> BankTransfer {
        let encoded = try SandboxStoreRules.jsonText(transfer)
        let stored = try await transaction { connection in
            try await connection.query("""
                INSERT INTO bank_transfer (holder_client_id, idempotency_key, item_id, transfer) VALUES (\(holder), \(key), \(itemID), \(encoded))
                ON CONFLICT (holder_client_id, idempotency_key) DO NOTHING
                """, logger: self.logger)
            guard let row = try await self.rows(connection, """
                SELECT transfer FROM bank_transfer WHERE holder_client_id = \(holder) AND idempotency_key = \(key)
                """).first else { throw PostgresStoreError("the bank transfer just stored is missing") }
            return try row["transfer"].decode(String.self)
        }
        return try JSONDecoder().decode(BankTransfer.self, from: Data(stored.utf8))
    }

    // MARK: Webhooks

    func announce(_ event: WebhookEvent, itemID: String, now: Date) async throws -> Int {
        try await transaction { connection in try await self.enqueue(connection, event, itemID: itemID, now: now) }
    }

    func announce(_ event: WebhookEvent, toProcessorToken token: String, accountID: String, itemID: String, now: Date) async throws -> Bool {
        try await transaction { connection in
            guard let row = try await self.rows(connection, """
                SELECT webhook FROM processor_token WHERE token = \(token) AND revoked_at IS NULL
                """).first,
                let url = try row["webhook"].decode(String?.self),
                let body = event.processorBody(accountID: accountID)
            else { return false }
            try await self.enqueue(connection, url: url, body: body, type: event.type, code: event.code, itemID: itemID, now: now)
            return true
        }
    }

    /// Queues `event` for the Item's URL and its processor tokens' URLs; returns how many.
    @discardableResult
    private func enqueue(_ connection: PostgresConnection, _ event: WebhookEvent, itemID: String, now: Date) async throws -> Int {
        var queued = 0
        if let url = try await rows(connection, "SELECT webhook FROM item WHERE item_id = \(itemID)").first?["webhook"].decode(String?.self) {
            try await enqueue(connection, url: url, body: event.itemBody(itemID: itemID), type: event.type, code: event.code,
                              itemID: itemID, now: now)
            queued += 1
        }
        guard event.processorFields != nil else { return queued }
        for row in try await rows(connection, """
            SELECT account_id, webhook FROM processor_token
            WHERE item_id = \(itemID) AND webhook IS NOT NULL AND revoked_at IS NULL ORDER BY created_at, token
            """) {
            guard let body = event.processorBody(accountID: try row["account_id"].decode(String.self)) else { continue }
            try await enqueue(connection, url: try row["webhook"].decode(String.self), body: body, type: event.type, code: event.code,
                              itemID: itemID, now: now)
            queued += 1
        }
        return queued
    }

    private func enqueue(_ connection: PostgresConnection, url: String, body: [String: JSONValue], type: String, code: String,
                         itemID: String?, now: Date) async throws {
        let time = now.timeIntervalSince1970
        try await connection.query("""
            INSERT INTO webhook_delivery (url, body, webhook_type, webhook_code, item_id, created_at, next_attempt_at)
            VALUES (\(url), \(try WebhookEvent.encodedBody(body)), \(type), \(code), \(itemID), \(time), \(time))
            """, logger: logger)
    }

    func currentWebhookKey(now: Date) async throws -> WebhookSigningKey {
        if let key = try await withConnection({ connection in try await self.currentKey(connection) }) { return key }
        return try await transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.webhookKeyLock))", logger: self.logger)
            if let key = try await self.currentKey(connection) { return key }
            let key = WebhookSigningKey.generate(now: now)
            try await self.insert(key, connection)
            return key
        }
    }

    func rotateWebhookKey(now: Date) async throws -> (retired: String?, current: String) {
        try await transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.webhookKeyLock))", logger: self.logger)
            let retired = try await self.currentKey(connection)?.kid
            try await connection.query("UPDATE webhook_key SET expired_at = \(now.timeIntervalSince1970) WHERE expired_at IS NULL",
                                       logger: self.logger)
            let key = WebhookSigningKey.generate(now: now)
            try await self.insert(key, connection)
            return (retired, key.kid)
        }
    }

    func webhookKey(kid: String) async throws -> WebhookSigningKey? {
        try await withConnection { connection in
            try await self.rows(connection, "SELECT * FROM webhook_key WHERE kid = \(kid)").first.map(Self.key(_:))
        }
    }

    private func currentKey(_ connection: PostgresConnection) async throws -> WebhookSigningKey? {
        try await rows(connection, "SELECT * FROM webhook_key WHERE expired_at IS NULL ORDER BY created_at DESC LIMIT 1").first.map(Self.key(_:))
    }

    private static func key(_ row: PostgresRandomAccessRow) throws -> WebhookSigningKey {
        WebhookSigningKey(kid: try row["kid"].decode(String.self), privateKeyPEM: try row["private_key_pem"].decode(String.self),
                          createdAt: Date(timeIntervalSince1970: try row["created_at"].decode(Double.self)),
                          expiredAt: try row["expired_at"].decode(Double?.self).map(Date.init(timeIntervalSince1970:)))
    }

    private func insert(_ key: WebhookSigningKey, _ connection: PostgresConnection) async throws {
        try await connection.query("""
            INSERT INTO webhook_key (kid, private_key_pem, created_at) VALUES (\(key.kid), \(key.privateKeyPEM), \(key.createdAt.timeIntervalSince1970))
            """, logger: logger)
    }

    func claimDueWebhooks(now: Date, limit: Int, lease: TimeInterval) async throws -> [QueuedWebhook] {
        let moment = now.timeIntervalSince1970
        // SKIP LOCKED: a delivery another instance is claiming right now is left to it.
        return try await withConnection { connection in
            try await self.rows(connection, """
                UPDATE webhook_delivery SET claimed_until = \(moment + lease)
                WHERE delivery_id IN (
                    SELECT delivery_id FROM webhook_delivery
                    WHERE state = 'pending' AND next_attempt_at <= \(moment) AND claimed_until <= \(moment)
                    ORDER BY next_attempt_at, delivery_id LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED)
                RETURNING delivery_id, url, body, created_at, attempts, next_attempt_at
                """)
            .map { row in
                (due: try row["next_attempt_at"].decode(Double.self),
                 webhook: QueuedWebhook(deliveryID: try row["delivery_id"].decode(Int64.self), url: try row["url"].decode(String.self),
                                        body: try row["body"].decode(Data.self),
                                        createdAt: Date(timeIntervalSince1970: try row["created_at"].decode(Double.self)),
                                        attempts: try row["attempts"].decode(Int.self)))
            }
            .sorted { ($0.due, $0.webhook.deliveryID) < ($1.due, $1.webhook.deliveryID) }
            .map(\.webhook)
        }
    }

    func recordWebhookAttempt(_ webhook: QueuedWebhook, at time: Date, keyID: String, status: Int?, latency: TimeInterval,
                              problem: String?, outcome: WebhookDeliveryOutcome) async throws {
        let (state, next) = outcome.next(after: time)
        try await transaction { connection in
            try await connection.query("""
                INSERT INTO webhook_attempt (delivery_id, attempt, attempted_at, key_id, status, latency_ms, problem)
                VALUES (\(webhook.deliveryID), \(webhook.attempts + 1), \(time.timeIntervalSince1970), \(keyID), \(status),
                        \(latency * 1000), \(problem))
                """, logger: self.logger)
            try await connection.query("""
                UPDATE webhook_delivery SET attempts = attempts + 1, state = \(state), next_attempt_at = \(next), claimed_until = 0
                WHERE delivery_id = \(webhook.deliveryID)
                """, logger: self.logger)
        }
    }

    func webhookAttempts() async throws -> [SandboxWebhookAttempt] {
        try await withConnection { connection in
            try await self.rows(connection, """
                SELECT d.delivery_id, a.attempt, COALESCE(a.attempted_at, d.created_at) AS attempted_at, d.url, d.webhook_type,
                       d.webhook_code, a.status, COALESCE(a.latency_ms, 0) AS latency_ms,
                       CASE WHEN a.delivery_id IS NULL THEN 'not attempted yet' ELSE a.problem END AS problem, d.state
                FROM webhook_delivery d LEFT JOIN webhook_attempt a ON a.delivery_id = d.delivery_id
                ORDER BY attempted_at, d.delivery_id, a.attempt
                """).map { row in
                SandboxWebhookAttempt(
                    deliveryID: try row["delivery_id"].decode(Int64.self), attempt: try row["attempt"].decode(Int?.self) ?? 0,
                    attemptedAt: Date(timeIntervalSince1970: try row["attempted_at"].decode(Double.self)),
                    url: try row["url"].decode(String.self), type: try row["webhook_type"].decode(String.self),
                    code: try row["webhook_code"].decode(String.self), status: try row["status"].decode(Int?.self),
                    latencyMilliseconds: try row["latency_ms"].decode(Double.self), problem: try row["problem"].decode(String?.self),
                    state: try row["state"].decode(String.self))
            }
        }
    }

    func reset() async throws {
        try await transaction { connection in
            for table in SandboxStoreRules.resetTables {
                try await connection.query("DELETE FROM \(unescaped: table)", logger: self.logger)
            }
        }
    }

    // MARK: Connections

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back
    /// when it throws (its error is rethrown as it was).
    private func transaction<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await withConnection { connection in
            try await connection.query("BEGIN", logger: self.logger)
            do {
                let value = try await body(connection)
                try await connection.query("COMMIT", logger: self.logger)
                return value
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: self.logger)
                throw error
            }
        }
    }

    private func withConnection<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection(body)
    }

    private func rows(_ connection: PostgresConnection, _ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await connection.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
    }
}

/// The lookups every data call starts with, as statements each connection prepares once, so the
/// server parses and plans them once. Their columns are named, not `item.*`: a prepared statement
/// whose result changes shape (a column added by a newer instance's migration) fails.
private protocol TokenLookup: PostgresPreparedStatement where Row == PostgresRandomAccessRow {
    var token: String { get }
}

extension TokenLookup {
    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(token)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) -> PostgresRandomAccessRow { row.makeRandomAccess() }
}

private struct AccessTokenLookup: TokenLookup {
    static let sql = """
        SELECT \(storedItemColumns), access_token.revoked_at AS token_revoked_at
        FROM access_token JOIN item ON item.item_id = access_token.item_id
        WHERE access_token.token = $1
        """
    let token: String
}

private struct ProcessorTokenLookup: TokenLookup {
    static let sql = """
        SELECT \(storedItemColumns), processor_token.account_id AS token_account_id, processor_token.products AS token_products,
               processor_token.holder_client_id, processor_token.revoked_at AS token_revoked_at
        FROM processor_token JOIN item ON item.item_id = processor_token.item_id
        WHERE processor_token.token = $1
        """
    let token: String
}

/// The columns ``StoredItem/init(postgres:)`` reads.
private let storedItemColumns = """
    item.item_id, item.owner_client_id, item.institution_id, item.username, item.seed, item.products, item.webhook,
    item.error_code, item.microdeposit_verified, item.verification_status, item.custom_config, item.created_at
    """

/// Why the PostgreSQL store could not be used, in words that never hold the password.
struct PostgresStoreError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }

    init(_ error: any Error, location: PostgresLocation) {
        if let known = error as? PostgresStoreError {
            description = "\(location): \(known.description)"
            return
        }
        guard let error = error as? PSQLError else {
            description = "cannot use the database at \(location): \(error)"
            return
        }
        let problem: String = if error.code == .authMechanismRequiresPassword {
            "the server asks for a password; give it in $PGPASSWORD"
        } else if let message = error.serverInfo?[.message] {
            "the server said: \(message)" + (error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
        } else if let underlying = error.underlying {
            "\(underlying)"
        } else {
            "\(error.code)"
        }
        description = "cannot use the database at \(location): \(problem)"
    }
}

extension StoredItem {
    init(postgres row: PostgresRandomAccessRow) throws {
        self.init(
            itemID: try row["item_id"].decode(String.self), ownerClientID: try row["owner_client_id"].decode(String.self),
            institutionID: try row["institution_id"].decode(String.self), username: try row["username"].decode(String.self),
            seed: UInt64(bitPattern: try row["seed"].decode(Int64.self)),
            products: Self.names(inJSON: try row["products"].decode(String.self)), webhook: try row["webhook"].decode(String?.self),
            errorCode: try row["error_code"].decode(String?.self), microdepositVerified: try row["microdeposit_verified"].decode(Bool.self),
            verificationStatus: try row["verification_status"].decode(String?.self).map(VerificationStatus.init(rawValue:)),
            customConfig: try row["custom_config"].decode(String?.self),
            createdAt: Date(timeIntervalSince1970: try row["created_at"].decode(Double.self)))
    }
}

extension CreatedTransaction {
    init(postgres row: PostgresRandomAccessRow) throws {
        self.init(
            transactionID: try row["transaction_id"].decode(String.self), itemID: try row["item_id"].decode(String.self),
            accountID: try row["account_id"].decode(String.self), dateTransacted: try row["date_transacted"].decode(String.self),
            datePosted: try row["date_posted"].decode(String.self), amount: try row["amount"].decode(Double.self),
            description: try row["description"].decode(String.self), currency: try row["iso_currency_code"].decode(String.self),
            createdAt: Date(timeIntervalSince1970: try row["created_at"].decode(Double.self)))
    }
}
