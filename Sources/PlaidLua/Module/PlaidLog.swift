package import Foundation
import PlaidModels

/// `plaid.log`: leveled lines on stderr for scripts, with tokens masked.
package enum PlaidLog {
    package enum Level: Int, Comparable, CaseIterable {
        case debug, info, warn, error

        /// `PLAIDLUA_LOG`'s value; anything unknown means the default, `info`.
        package init(_ name: String?) {
            self = Level.allCases.first { "\($0)" == name?.lowercased() } ?? .info
        }

        package static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    package static func line(_ level: Level, _ message: String, at date: Date = Date()) -> String {
        let stamp = date.formatted(.iso8601)
        return "\(stamp) \("\(level)".uppercased()) \(Redaction.maskTokens(in: message))"
    }
}
