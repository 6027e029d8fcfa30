import Foundation
import PlaidModels

extension ProcessorBalanceGetRequest: SandboxServed {
    /// `/processor/balance/get`: the balances of the account behind a processor token. At an
    /// institution without real-time balances (Capital One) the caller must say how old a
    /// balance it accepts, and gets `last_updated_datetime` back.
    static func answer(_ request: ProcessorBalanceGetRequest, _ call: SandboxCall) async throws -> ProcessorBalanceGetResponse {
        let minimumText = request.options?.minLastUpdatedDatetime
        let minimum = try minimumText.map { text in
            guard let date = ISO8601DateTime.date(from: text) else {
                throw SandboxError.invalidField(
                    "options.min_last_updated_datetime must be an ISO 8601 date-time such as 2024-01-31T00:00:00Z, not \"\(text)\"")
            }
            return date
        }
        let (item, account) = try await call.processorAccount(request.processorToken, product: .balance)
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
                "requested datetime out of range, most recently updated balance \(ISO8601DateTime.string(from: lastUpdated))")
        }
        return ProcessorBalanceGetResponse(
            account: account.account(lastUpdated: ISO8601DateTime.string(from: lastUpdated)), requestID: call.requestID)
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
