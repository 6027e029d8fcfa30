public import Foundation
import NIOConcurrencyHelpers
public import PlaidClient

/// The observer given to one client: appends each of its calls to the audit log with the
/// labels of the client (profile, environment) and of the run.
public struct AuditTrail: PlaidCallObserver {
    public let log: AuditLog
    public let profile: String?
    public let environment: String
    public let run: AuditRun
    /// Told when an entry could not be written; the call's result still goes to its caller.
    private let writeFailed: @Sendable (any Error) -> Void

    public init(log: AuditLog, profile: String?, environment: String, run: AuditRun,
                writeFailed: @escaping @Sendable (any Error) -> Void) {
        self.log = log
        self.profile = profile
        self.environment = environment
        self.run = run
        self.writeFailed = writeFailed
    }

    public func record(_ call: PlaidCallRecord) async {
        do {
            try await log.append(AuditEntry(call, profile: profile, environment: environment, run: run.label))
        } catch {
            writeFailed(error)
        }
    }
}

/// Names the run calls come from. The name changes when a script hands over to the REPL; the
/// process id and start time stay, so two runs of the same script stay apart in the log. The
/// label is made at the first call recorded: formatting a date sets up time zones, which a run
/// that makes no call should not pay for at start-up.
public final class AuditRun: Sendable {
    private let processID: Int32
    private let started: Date
    private let current: NIOLockedValueBox<(name: String, label: String?)>

    public init(name: String, processID: Int32 = getpid(), started: Date = Date()) {
        self.processID = processID
        self.started = started
        current = NIOLockedValueBox((name, nil))
    }

    /// What the run is: a script's path, `-e`, `repl`, `batch <handler>`.
    public var name: String {
        get { current.withLockedValue { $0.name } }
        set { current.withLockedValue { $0 = (newValue, nil) } }
    }

    /// `fetch_balance.lua (pid 4242, started 2026-05-01T10:31:02.417Z)`, as entries record it.
    public var label: String {
        current.withLockedValue { run in
            if let label = run.label { return label }
            let label = "\(run.name) (pid \(processID), started \(AuditEntry.timestamp(started)))"
            run.label = label
            return label
        }
    }
}
