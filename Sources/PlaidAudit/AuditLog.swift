public import Foundation
import GRDB
import NIOConcurrencyHelpers
import PrivateFiles

/// `audit.sqlite` in PlaidLua's data directory: one row per API call, kept by every run.
///
/// The file and its write-ahead log are 0600 (the directory, when this creates it, 0700): the
/// rows hold masked tokens only, but which items a team touched, and when, is still nobody
/// else's business. Appends use group commit: the calls that end while a transaction is being
/// written wait together for the next one, so at thousands of calls a second each one still
/// waits for its own row to be on disk without a disk flush of its own.
public final class AuditLog: Sendable {
    public static let fileName = "audit.sqlite"

    public let path: String
    private let pool: DatabasePool
    private let writer: GroupCommit

    /// Opens the log in `directory`, creating both when missing.
    ///
    /// - Parameter notice: told when an existing directory others could enter was narrowed to 0700.
    public init(directory: String, notice: (String) -> Void = { _ in }) throws {
        try PrivateDirectory.create(directory, notice: notice)
        path = (directory as NSString).appendingPathComponent(Self.fileName)
        try PrivateFile.prepareDatabase(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(15)
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in
            // Each group commit is in the WAL before its callers see their results, so a killed
            // process loses no row; NORMAL leaves the flush to disk to checkpoints, so only a
            // crash of the machine itself could lose the last rows (docs/audit.md).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try AuditSchema.migrator.migrate(pool)
        writer = GroupCommit(pool: pool)
    }

    /// Returns once `entry` is committed, together with whatever other entries arrived meanwhile.
    public func append(_ entry: AuditEntry) async throws {
        try await writer.append(entry)
    }

    /// The entries that match `query`, oldest first.
    public func entries(_ query: AuditQuery) throws -> [AuditEntry] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let since = query.since {
            conditions.append("time >= ?")
            arguments += [since.timeIntervalSince1970]
        }
        if let endpoint = query.endpoint {
            conditions.append("endpoint = ?")
            arguments += [endpoint]
        }
        if query.errorsOnly { conditions.append("(error_type IS NOT NULL OR status >= 400)") }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM call\(filter) ORDER BY time, id", arguments: arguments).map { row in
                AuditEntry(time: Date(timeIntervalSince1970: row["time"]), profile: row["profile"], environment: row["env"],
                           endpoint: row["endpoint"], token: row["token"], requestID: row["request_id"], status: row["status"],
                           errorType: row["error_type"], errorCode: row["error_code"], attempts: row["attempts"],
                           latencyMilliseconds: row["latency_ms"], run: row["run"])
            }
        }
    }

    /// Deletes the entries older than `date`; returns how many there were.
    @discardableResult
    public func prune(before date: Date) throws -> Int {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM call WHERE time < ?", arguments: [date.timeIntervalSince1970])
            return db.changesCount
        }
    }
}

/// Which entries ``AuditLog/entries(_:)`` returns.
public struct AuditQuery: Sendable, Hashable {
    /// Only calls that started at or after this time.
    public var since: Date?
    /// Only calls of this method name.
    public var endpoint: String?
    /// Only calls that failed: Plaid errors, other HTTP errors and calls with no usable answer.
    public var errorsOnly: Bool

    public init(since: Date? = nil, endpoint: String? = nil, errorsOnly: Bool = false) {
        self.since = since
        self.endpoint = endpoint
        self.errorsOnly = errorsOnly
    }
}

/// The tables of `audit.sqlite`, one migration per change, so a log written by an older build
/// stays readable.
enum AuditSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: calls") { db in
            try db.execute(sql: """
                CREATE TABLE call (
                    id INTEGER PRIMARY KEY,
                    time REAL NOT NULL,
                    profile TEXT,
                    env TEXT NOT NULL,
                    endpoint TEXT NOT NULL,
                    token TEXT,
                    request_id TEXT,
                    status INTEGER,
                    error_type TEXT,
                    error_code TEXT,
                    attempts INTEGER NOT NULL,
                    latency_ms REAL NOT NULL,
                    run TEXT NOT NULL
                );
                CREATE INDEX call_by_time ON call (time);
                """)
        }
        return migrator
    }
}

/// Writes appended entries in shared transactions: while one is being committed, the entries
/// that arrive wait, and the next transaction takes all of them. The transactions are written
/// on a queue of their own, with GRDB's blocking API: an append is a lock and a wait, with no
/// hop through an actor or an async write on the way (each cost a thread switch per call).
private final class GroupCommit: Sendable {
    private struct Waiting {
        var entries: [(entry: AuditEntry, committed: CheckedContinuation<Void, any Error>)] = []
        var isWriting = false
    }

    private let pool: DatabasePool
    private let waiting = NIOLockedValueBox(Waiting())
    private let queue = DispatchQueue(label: "plaidlua.audit.commit")

    init(pool: DatabasePool) {
        self.pool = pool
    }

    func append(_ entry: AuditEntry) async throws {
        try await withCheckedThrowingContinuation { committed in
            let startsWriting = waiting.withLockedValue { waiting in
                waiting.entries.append((entry, committed))
                defer { waiting.isWriting = true }
                return !waiting.isWriting
            }
            if startsWriting { queue.async { self.writeWaiting() } }
        }
    }

    private func writeWaiting() {
        while true {
            let group = waiting.withLockedValue { waiting in
                defer { waiting.entries = [] }
                if waiting.entries.isEmpty { waiting.isWriting = false }
                return waiting.entries
            }
            if group.isEmpty { return }
            do {
                try pool.write { db in
                    let insert = try db.cachedStatement(sql: """
                        INSERT INTO call (time, profile, env, endpoint, token, request_id, status, error_type, error_code,
                                          attempts, latency_ms, run)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                    for (entry, _) in group {
                        try insert.execute(arguments: [
                            entry.time.timeIntervalSince1970, entry.profile, entry.environment, entry.endpoint, entry.token,
                            entry.requestID, entry.status, entry.errorType, entry.errorCode, entry.attempts,
                            entry.latencyMilliseconds, entry.run,
                        ])
                    }
                }
                for waiter in group { waiter.committed.resume() }
            } catch {
                for waiter in group { waiter.committed.resume(throwing: error) }
            }
        }
    }
}
