import Foundation
import PlaidModels

extension SandboxRoutes {
    /// `/processor/balance/get`: the balances of the account behind a processor token. At an
    /// institution without real-time balances (Capital One) the caller must say how old a
    /// balance it accepts, and gets `last_updated_datetime` back.
    static let processorBalanceGet = SandboxRoute(ProcessorBalanceGetRequest.self) { request, call in
        let minimumText = request.options?.minLastUpdatedDatetime
        let minimum = try minimumText.map { text in
            guard let date = ISO8601.date(from: text) else {
                throw SandboxError.invalidField(
                    "options.min_last_updated_datetime must be an ISO 8601 date-time such as 2024-01-31T00:00:00Z, not \"\(text)\"")
            }
            return date
        }
        let (item, account) = try await call.processorAccount(request.processorToken)
        guard item.institution?.requiresMinLastUpdated == true else {
            return ProcessorBalanceGetResponse(account: account.account(), requestID: call.requestID)
        }
        guard let minimum else {
            throw SandboxError.invalidField(
                "options.min_last_updated_datetime is required for accounts at \(item.institutionID), whose balances are not real time")
        }
        let lastUpdated = BalanceFreshness.lastUpdated(at: call.now)
        guard lastUpdated >= minimum else {
            throw SandboxError.invalidRequest(
                "LAST_UPDATED_DATETIME_OUT_OF_RANGE",
                "requested datetime out of range, most recently updated balance \(ISO8601.string(from: lastUpdated))")
        }
        return ProcessorBalanceGetResponse(
            account: account.account(lastUpdated: ISO8601.string(from: lastUpdated)), requestID: call.requestID)
    }
}

/// When an institution without real-time balances last refreshed them: the sandbox's choice is
/// once a day, at 00:00 UTC.
enum BalanceFreshness {
    static func lastUpdated(at now: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.startOfDay(for: now)
    }
}

/// ISO 8601 date-times as clients write them: `Z` or an offset, with or without fractional
/// seconds (Python's `isoformat()` writes microseconds), or no zone at all, read as UTC.
enum ISO8601 {
    static func date(from text: String) -> Date? {
        var text = text.trimmingCharacters(in: .whitespaces)
        var fraction = 0.0
        if let dot = text.firstIndex(of: "."), text[..<dot].contains("T") {
            let digitsEnd = text[text.index(after: dot)...].firstIndex { !$0.isNumber } ?? text.endIndex
            fraction = Double("0" + text[dot..<digitsEnd]) ?? 0
            text.removeSubrange(dot..<digitsEnd)
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: text) ?? formatter.date(from: text + "Z") else { return nil }
        return date.addingTimeInterval(fraction)
    }

    /// `YYYY-MM-DDTHH:mm:ssZ`, the form Plaid's balances carry.
    static func string(from date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
