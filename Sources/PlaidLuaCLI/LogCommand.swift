import ArgumentParser
import Foundation
import PlaidAudit
import PlaidLua

/// `plaidlua log [--since 1h] [--endpoint NAME] [--errors] [--json]`: the calls the audit log
/// recorded; `plaidlua log --prune-older-than 30d` trims it.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plaidlua log",
        abstract: "Show the audit log: every Plaid API call a script, the REPL or a batch made.",
        discussion: """
            The log is $PLAIDLUA_HOME/audit.sqlite; PLAIDLUA_AUDIT=off keeps runs from writing it. \
            Tokens in it are masked and it never holds a secret. See docs/audit.md.
            Example:
              plaidlua log --since 1h --errors
            """
    )

    @Option(help: ArgumentHelp("Only calls made in the last 30m, 1h, 2d, … or since an ISO time (2026-05-01T10:00:00Z, 2026-05-01).",
                               valueName: "age-or-time"))
    var since: String?

    @Option(help: ArgumentHelp("Only calls of this method, such as processor_auth_get.", valueName: "method"))
    var endpoint: String?

    @Flag(help: "Only calls that failed: Plaid errors and calls that got no usable answer.")
    var errors = false

    @Flag(help: "One JSON object per line rather than a table.")
    var json = false

    @Option(name: .customLong("prune-older-than"),
            help: ArgumentHelp("Delete the calls older than this (30d, 12h) instead of showing any.", valueName: "age"))
    var pruneOlderThan: String?

    @Option(name: .customLong("data"),
            help: ArgumentHelp("The data directory holding audit.sqlite (default: $PLAIDLUA_HOME, else $XDG_DATA_HOME/plaidlua, "
                               + "else ~/.local/share/plaidlua).", valueName: "dir"))
    var directory: String?

    static let ageExpected = "an age such as 30m, 1h or 2d"

    func validate() throws {
        if let since, Self.moment(since, now: Date()) == nil {
            throw ValidationError("--since needs \(Self.ageExpected) or an ISO time such as 2026-05-01T10:00:00Z, not '\(since)'")
        }
        if let pruneOlderThan {
            guard Self.age(pruneOlderThan) != nil else {
                throw ValidationError("--prune-older-than needs \(Self.ageExpected), not '\(pruneOlderThan)'")
            }
            if since != nil || endpoint != nil || errors || json {
                throw ValidationError("--prune-older-than deletes and shows nothing; it takes no --since, --endpoint, --errors or --json")
            }
        }
    }

    func run() throws {
        let folder = directory ?? DataDirectory.resolve(environment: ProcessInfo.processInfo.environment)
        let path = (folder as NSString).appendingPathComponent(AuditLog.fileName)
        let now = Date()
        guard FileManager.default.fileExists(atPath: path) else {
            // Nothing was ever recorded here; looking must not create the log.
            if !json { print(pruneOlderThan == nil ? "no calls recorded in \(path)" : "nothing to prune in \(path)") }
            return
        }
        let log = try AuditLog(directory: folder)
        if let pruneOlderThan, let age = Self.age(pruneOlderThan) {
            let removed = try log.prune(before: now.addingTimeInterval(-age))
            print("removed \(removed) call\(removed == 1 ? "" : "s") older than \(pruneOlderThan) from \(path)")
            return
        }
        let entries = try log.entries(AuditQuery(since: since.flatMap { Self.moment($0, now: now) }, endpoint: endpoint,
                                                 errorsOnly: errors))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var output = Data()
            for entry in entries {
                output.append(try encoder.encode(entry))
                output.append(UInt8(ascii: "\n"))
            }
            FileHandle.standardOutput.write(output)
        } else if entries.isEmpty {
            print("no calls match")
        } else {
            print(Self.table(entries))
        }
    }

    /// A time from `--since`: now minus an age, or an ISO 8601 time or date (UTC unless it says).
    static func moment(_ text: String, now: Date) -> Date? {
        if let age = age(text) { return now.addingTimeInterval(-age) }
        let styles = [
            Date.ISO8601FormatStyle(includingFractionalSeconds: true),
            Date.ISO8601FormatStyle(),
            Date.ISO8601FormatStyle().year().month().day(),
        ]
        for style in styles {
            if let date = try? style.parse(text) { return date }
        }
        return nil
    }

    /// Seconds in `30s`, `30m`, `1h`, `2d` or `1w`.
    static func age(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let count = Int(text.dropLast()), count >= 0 else { return nil }
        let seconds: Int? = switch unit {
        case "s": 1
        case "m": 60
        case "h": 3_600
        case "d": 86_400
        case "w": 604_800
        default: nil
        }
        return seconds.map { TimeInterval(count * $0) }
    }

    /// One row per call, columns padded to their widest cell.
    static func table(_ entries: [AuditEntry]) -> String {
        let header = ["time", "env", "profile", "endpoint", "token", "status", "error", "attempts", "ms", "request_id", "run"]
        let rows = entries.map { entry in
            [
                AuditEntry.timestamp(entry.time), entry.environment, entry.profile ?? "-", entry.endpoint, entry.token ?? "-",
                entry.status.map(String.init) ?? "-",
                [entry.errorType, entry.errorCode].compactMap { $0 }.joined(separator: "/").nonEmpty ?? "-",
                String(entry.attempts), String(format: "%.1f", entry.latencyMilliseconds), entry.requestID ?? "-", entry.run,
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { cells in
            zip(cells, widths).map { cell, width in cell.padding(toLength: width, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }

    /// Parses `arguments` (what follows `log`) and runs; returns the exit status.
    static func run(arguments: [String]) -> Int32 {
        do {
            let command = try parse(arguments)
            try command.run()
            return 0
        } catch {
            return report(error, command: "plaidlua log")
        }
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
