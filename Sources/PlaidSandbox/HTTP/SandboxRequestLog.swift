import Foundation

/// `sandbox serve`'s log: one line per request on standard error, each written whole by a single
/// `write`, so lines written at once from several threads never interleave and a killed server
/// has logged every request it answered. The time is UTC, formatted here: the C library's local
/// time takes a lock and looks up the time zone, on every line.
struct SandboxRequestLog: Sendable {
    enum Level: String, Sendable {
        case info, error
    }

    func info(_ message: String) { log(.info, message) }
    func error(_ message: String) { log(.error, message) }

    private func log(_ level: Level, _ message: String) {
        let line = Array("\(Self.timestamp()) \(level.rawValue) plaidlua.sandbox: \(message)\n".utf8)
        line.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` of now.
    static func timestamp(now: timespec = Self.now()) -> String {
        let seconds = Int(now.tv_sec)
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - day * 86_400
        let milliseconds = Int(now.tv_nsec) / 1_000_000
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.utf8.count)) + digits
        }
        return TransactionHistory.dateString(day: day) + "T" + padded(secondOfDay / 3600, 2) + ":"
            + padded(secondOfDay / 60 % 60, 2) + ":" + padded(secondOfDay % 60, 2) + "." + padded(milliseconds, 3) + "Z"
    }

    private static func now() -> timespec {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return now
    }
}
