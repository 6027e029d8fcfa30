import Foundation
import NIOConcurrencyHelpers
import PlaidLua

/// Standard error for a batch run: the progress bar on a terminal, redrawn in place, and log
/// lines that clear it first so the two never share a line.
final class BatchTerminal: Sendable {
    /// Whether standard error is a terminal, so a progress bar can be drawn.
    let showsProgress: Bool
    private let barShown = NIOLockedValueBox(false)

    init(showsProgress: Bool) {
        self.showsProgress = showsProgress
    }

    /// Writes a whole line, above the progress bar.
    func writeLine(_ text: String) {
        barShown.withLockedValue { shown in
            let prefix = shown ? "\r\u{1B}[K" : ""
            shown = false
            FileHandle.standardError.write(Data((prefix + text + "\n").utf8))
        }
    }

    func drawBar(_ text: String) {
        guard showsProgress else { return }
        barShown.withLockedValue { shown in
            shown = true
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
        }
    }
}

/// The progress bar's text: done/total, rate, time left, failures and retries.
struct ProgressLine {
    var done: Int
    var total: Int?
    var failed: Int
    var retries: Int
    var elapsed: Double

    var text: String {
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var parts: [String] = []
        if let total, total > 0 {
            let percent = min(100, done * 100 / total)
            parts.append("\(done)/\(total) (\(percent)%)")
        } else {
            parts.append("\(done) records")
        }
        parts.append(String(format: "%.0f/s", rate))
        if let total, rate > 0, total > done {
            parts.append("ETA " + Self.clock(Double(total - done) / rate))
        }
        parts.append("\(failed) failed")
        parts.append("\(retries) retries")
        return parts.joined(separator: "  ")
    }

    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }
}

/// How many records a regular input file holds, for the progress bar: its lines (less the
/// header for CSV), counted in one pass over the bytes. `nil` for pipes and standard input.
func countInputRecords(path: String, format: InputFormat, shard: Shard?) -> Int? {
    guard path != "-", let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    var lines = 0
    var lastByte: UInt8 = UInt8(ascii: "\n")
    while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
        lines += chunk.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        lastByte = chunk.last ?? lastByte
    }
    if lastByte != UInt8(ascii: "\n") { lines += 1 }
    if format == .csv { lines = max(0, lines - 1) }
    guard let shard else { return lines }
    return lines / shard.count + (shard.index < lines % shard.count ? 1 : 0)
}
