public import Foundation
import GRDB
import PlaidModels
import PlaidWebhooks

/// One attempt at a webhook delivery (or a delivery not yet attempted, with `attempt` 0), as
/// `plaidlua sandbox webhooks` lists it.
public struct SandboxWebhookAttempt: Sendable {
    public let deliveryID: Int64
    public let attempt: Int
    public let attemptedAt: Date
    public let url: String
    public let type: String
    public let code: String
    /// The receiver's HTTP status, or nil when it gave none.
    public let status: Int?
    public let latencyMilliseconds: Double
    /// Why the attempt failed, or nil when it was delivered.
    public let problem: String?
    /// The delivery's state now: pending, delivered or failed.
    public let state: String
}

/// The webhooks the sandbox owes, in `sandbox.sqlite`: queued in the same transaction as the
/// change they announce (so an answered call's webhook survives kill -9), claimed for a while by
/// the process sending them (so two servers on one data directory do not both send), and every
/// attempt kept.
extension SQLiteSandboxStore {
    /// Queues `event` for the Item's URL and its processor tokens' URLs; returns how many.
    @discardableResult
    static func enqueue(_ db: Database, _ event: WebhookEvent, itemID: String, now: Date) throws -> Int {
        var queued = 0
        if let url = try String.fetchOne(db, sql: "SELECT webhook FROM item WHERE item_id = ?", arguments: [itemID]) {
            try enqueue(db, url: url, body: event.itemBody(itemID: itemID), type: event.type, code: event.code, itemID: itemID, now: now)
            queued += 1
        }
        guard event.processorFields != nil else { return queued }
        for row in try Row.fetchAll(db, sql: """
            SELECT account_id, webhook FROM processor_token
            WHERE item_id = ? AND webhook IS NOT NULL AND revoked_at IS NULL ORDER BY created_at, token
            """, arguments: [itemID]) {
            guard let body = event.processorBody(accountID: row["account_id"]) else { continue }
            try enqueue(db, url: row["webhook"], body: body, type: event.type, code: event.code, itemID: itemID, now: now)
            queued += 1
        }
        return queued
    }

    static func enqueue(_ db: Database, url: String, body: [String: JSONValue], type: String, code: String, itemID: String?,
                        now: Date) throws {
        try db.execute(sql: """
            INSERT INTO webhook_delivery (url, body, webhook_type, webhook_code, item_id, created_at, next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [url, try WebhookEvent.encodedBody(body), type, code, itemID, now.timeIntervalSince1970, now.timeIntervalSince1970])
    }

    func announce(_ event: WebhookEvent, itemID: String, now: Date) async throws -> Int {
        try await immediateWrite { db in try Self.enqueue(db, event, itemID: itemID, now: now) }
    }

    func announce(_ event: WebhookEvent, toProcessorToken token: String, accountID: String, itemID: String, now: Date) async throws -> Bool {
        try await immediateWrite { db in
            guard let url = try String.fetchOne(db, sql: "SELECT webhook FROM processor_token WHERE token = ? AND revoked_at IS NULL",
                                                arguments: [token]),
                  let body = event.processorBody(accountID: accountID)
            else { return false }
            try Self.enqueue(db, url: url, body: body, type: event.type, code: event.code, itemID: itemID, now: now)
            return true
        }
    }

    // MARK: Signing keys

    func currentWebhookKey(now: Date) async throws -> WebhookSigningKey {
        if let key = try await pool.read({ db in try Self.currentKey(db) }) { return key }
        return try await immediateWrite { db in
            if let key = try Self.currentKey(db) { return key }
            let key = WebhookSigningKey.generate(now: now)
            try Self.insert(db, key)
            return key
        }
    }

    func rotateWebhookKey(now: Date) throws -> (retired: String?, current: String) {
        try immediateWrite { db in
            let retired = try Self.currentKey(db)?.kid
            try db.execute(sql: "UPDATE webhook_key SET expired_at = ? WHERE expired_at IS NULL", arguments: [now.timeIntervalSince1970])
            let key = WebhookSigningKey.generate(now: now)
            try Self.insert(db, key)
            return (retired, key.kid)
        }
    }

    func webhookKey(kid: String) async throws -> WebhookSigningKey? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM webhook_key WHERE kid = ?", arguments: [kid]).map(Self.key(_:))
        }
    }

    private static func currentKey(_ db: Database) throws -> WebhookSigningKey? {
        try Row.fetchOne(db, sql: "SELECT * FROM webhook_key WHERE expired_at IS NULL ORDER BY created_at DESC LIMIT 1").map(key(_:))
    }

    private static func key(_ row: Row) -> WebhookSigningKey {
        WebhookSigningKey(kid: row["kid"], privateKeyPEM: row["private_key_pem"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                          expiredAt: (row["expired_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }

    private static func insert(_ db: Database, _ key: WebhookSigningKey) throws {
        try db.execute(sql: "INSERT INTO webhook_key (kid, private_key_pem, created_at) VALUES (?, ?, ?)",
                       arguments: [key.kid, key.privateKeyPEM, key.createdAt.timeIntervalSince1970])
    }

    // MARK: Delivery

    func claimDueWebhooks(now: Date, limit: Int, lease: TimeInterval) async throws -> [QueuedWebhook] {
        let moment = now.timeIntervalSince1970
        let due = try await pool.read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM webhook_delivery WHERE state = 'pending' AND next_attempt_at <= ? AND claimed_until <= ?)
                """, arguments: [moment, moment]) ?? false
        }
        guard due else { return [] }
        return try await immediateWrite { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT delivery_id, url, body, created_at, attempts FROM webhook_delivery
                WHERE state = 'pending' AND next_attempt_at <= ? AND claimed_until <= ?
                ORDER BY next_attempt_at, delivery_id LIMIT ?
                """, arguments: [moment, moment, limit])
            for row in rows {
                try db.execute(sql: "UPDATE webhook_delivery SET claimed_until = ? WHERE delivery_id = ?",
                               arguments: [moment + lease, row["delivery_id"] as Int64])
            }
            return rows.map { row in
                QueuedWebhook(deliveryID: row["delivery_id"], url: row["url"], body: row["body"],
                              createdAt: Date(timeIntervalSince1970: row["created_at"]), attempts: row["attempts"])
            }
        }
    }

    func recordWebhookAttempt(_ webhook: QueuedWebhook, at time: Date, keyID: String, status: Int?, latency: TimeInterval,
                              problem: String?, outcome: WebhookDeliveryOutcome) async throws {
        try await immediateWrite { db in
            try db.execute(sql: """
                INSERT INTO webhook_attempt (delivery_id, attempt, attempted_at, key_id, status, latency_ms, problem)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [webhook.deliveryID, webhook.attempts + 1, time.timeIntervalSince1970, keyID, status,
                                 latency * 1000, problem])
            let (state, next) = outcome.next(after: time)
            try db.execute(sql: """
                UPDATE webhook_delivery SET attempts = attempts + 1, state = ?, next_attempt_at = ?, claimed_until = 0
                WHERE delivery_id = ?
                """, arguments: [state, next, webhook.deliveryID])
        }
    }

    func webhookAttempts() throws -> [SandboxWebhookAttempt] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.delivery_id, a.attempt, COALESCE(a.attempted_at, d.created_at) AS attempted_at, d.url, d.webhook_type,
                       d.webhook_code, a.status, COALESCE(a.latency_ms, 0) AS latency_ms,
                       CASE WHEN a.delivery_id IS NULL THEN 'not attempted yet' ELSE a.problem END AS problem, d.state
                FROM webhook_delivery d LEFT JOIN webhook_attempt a ON a.delivery_id = d.delivery_id
                ORDER BY attempted_at, d.delivery_id, a.attempt
                """).map { row in
                SandboxWebhookAttempt(deliveryID: row["delivery_id"], attempt: row["attempt"] ?? 0,
                                     attemptedAt: Date(timeIntervalSince1970: row["attempted_at"]), url: row["url"],
                                     type: row["webhook_type"], code: row["webhook_code"], status: row["status"],
                                     latencyMilliseconds: row["latency_ms"], problem: row["problem"], state: row["state"])
            }
        }
    }
}
