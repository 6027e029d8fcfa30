import Foundation
import PlaidAudit
import PlaidClient
import Testing

/// `audit.sqlite` itself: modes, group commit under many concurrent appends, queries, pruning.
struct AuditLogTests {
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-audit-\(UUID().uuidString)").path
    }

    func entry(at time: Date, endpoint: String = "processor_auth_get", status: Int? = 200, errorType: String? = nil,
               errorCode: String? = nil, run: String = "test") -> AuditEntry {
        AuditEntry(time: time, profile: nil, environment: "embedded", endpoint: endpoint, token: "processor-sandbox-…9f2c",
                   requestID: "req", status: status, errorType: errorType, errorCode: errorCode, attempts: 1,
                   latencyMilliseconds: 2.5, run: run)
    }

    func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func theDirectoryIsMade0700AndTheFileAndItsWriteAheadLog0600() async throws {
        let log = try AuditLog(directory: folder + "/home")
        try await log.append(entry(at: Date()))
        #expect(try mode(folder + "/home") == 0o700)
        #expect(try mode(log.path) == 0o600)
        #expect(FileManager.default.fileExists(atPath: log.path + "-wal"))
        #expect(try mode(log.path + "-wal") == 0o600)
        #expect(try mode(log.path + "-shm") == 0o600)
    }

    @Test func aFileCreatedWiderIsTightenedOnOpen() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + AuditLog.fileName
        #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o644]))
        _ = try AuditLog(directory: folder)
        #expect(try mode(path) == 0o600)
    }

    @Test func concurrentAppendsAreEachCommittedBeforeTheyReturn() async throws {
        let log = try AuditLog(directory: folder)
        let start = Date()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<2_000 {
                group.addTask {
                    try await log.append(entry(at: start.addingTimeInterval(Double(index) / 1000), run: "call \(index)"))
                    // Committed means another connection (another process, `plaidlua log`) sees it now.
                    let reader = try AuditLog(directory: folder)
                    if index % 200 == 0 {
                        let seen = try reader.entries(AuditQuery(since: start.addingTimeInterval(Double(index) / 1000)))
                        #expect(seen.contains { $0.run == "call \(index)" })
                    }
                }
            }
            try await group.waitForAll()
        }
        let all = try log.entries(AuditQuery())
        #expect(all.count == 2_000)
        #expect(Set(all.map(\.run)).count == 2_000)
        #expect(all.map(\.time) == all.map(\.time).sorted())
    }

    @Test func queriesFilterBySinceEndpointAndErrors() async throws {
        let log = try AuditLog(directory: folder)
        let now = Date()
        try await log.append(entry(at: now.addingTimeInterval(-7_200), run: "old"))
        try await log.append(entry(at: now, endpoint: "processor_balance_get", run: "balance"))
        try await log.append(entry(at: now, status: 400, errorType: "ITEM_ERROR", errorCode: "ITEM_LOGIN_REQUIRED", run: "plaid error"))
        try await log.append(entry(at: now, status: nil, errorType: AuditEntry.transportErrorType, errorCode: "connectionRefused",
                                   run: "refused"))
        try await log.append(entry(at: now, status: 502, run: "bad gateway"))

        #expect(try log.entries(AuditQuery()).map(\.run) == ["old", "balance", "plaid error", "refused", "bad gateway"])
        #expect(try log.entries(AuditQuery(since: now.addingTimeInterval(-60))).count == 4)
        #expect(try log.entries(AuditQuery(endpoint: "processor_balance_get")).map(\.run) == ["balance"])
        #expect(try log.entries(AuditQuery(errorsOnly: true)).map(\.run) == ["plaid error", "refused", "bad gateway"])
        #expect(try log.entries(AuditQuery(since: now.addingTimeInterval(-60), endpoint: "processor_auth_get", errorsOnly: true)).count == 3)
    }

    @Test func pruningRemovesOnlyOlderEntries() async throws {
        let log = try AuditLog(directory: folder)
        let now = Date()
        for days in [40, 31, 29, 0] {
            try await log.append(entry(at: now.addingTimeInterval(-Double(days) * 86_400), run: "\(days) days"))
        }
        #expect(try log.prune(before: now.addingTimeInterval(-30 * 86_400)) == 2)
        #expect(try log.entries(AuditQuery()).map(\.run) == ["29 days", "0 days"])
    }

    @Test func anEntryFromACallRecordCarriesPlaidErrorsAndTransportFailuresApart() {
        let plaid = AuditEntry(PlaidCallRecord(started: Date(), endpoint: "processor_auth_get", httpStatus: 400,
                                               errorType: "ITEM_ERROR", errorCode: "ITEM_LOGIN_REQUIRED", attempts: 1,
                                               latency: .milliseconds(12)),
                               profile: "ops", environment: "sandbox", run: "r")
        #expect(plaid.errorType == "ITEM_ERROR" && plaid.errorCode == "ITEM_LOGIN_REQUIRED")
        #expect(plaid.latencyMilliseconds == 12)
        #expect(plaid.isError)
        let refused = AuditEntry(PlaidCallRecord(started: Date(), endpoint: "processor_auth_get", failure: "connectionRefused",
                                                 attempts: 4, latency: .seconds(1)),
                                 profile: nil, environment: "sandbox", run: "r")
        #expect(refused.errorType == "transport" && refused.errorCode == "connectionRefused" && refused.status == nil)
        #expect(refused.isError)
        let fine = AuditEntry(PlaidCallRecord(started: Date(), endpoint: "processor_auth_get", httpStatus: 200, attempts: 1,
                                              latency: .zero),
                              profile: nil, environment: "sandbox", run: "r")
        #expect(!fine.isError)
    }

    @Test func aRunKeepsItsProcessAndStartWhenRenamed() {
        let run = AuditRun(name: "script.lua", processID: 4242, started: Date(timeIntervalSince1970: 0))
        #expect(run.label == "script.lua (pid 4242, started 1970-01-01T00:00:00.000Z)")
        run.name = "repl"
        #expect(run.label == "repl (pid 4242, started 1970-01-01T00:00:00.000Z)")
    }
}
