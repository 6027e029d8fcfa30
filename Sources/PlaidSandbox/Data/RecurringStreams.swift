import Foundation
import PlaidModels

/// Recurring streams found in an account's posted transactions: the same description at a
/// regular interval, three times or more.
enum RecurringStreams {
    static func streams(in transactions: [Transaction], accountID: String, currency: String, today: Int)
        -> (inflows: [TransactionStream], outflows: [TransactionStream]) {
        let posted = transactions.filter { !$0.pending }
        let groups = Dictionary(grouping: posted) { "\($0.name)|\($0.amount < 0)" }
        var inflows: [TransactionStream] = [], outflows: [TransactionStream] = []
        for key in groups.keys.sorted() {
            let members = groups[key]!.sorted { ($0.date, $0.transactionID) < ($1.date, $1.transactionID) }
            let days = members.compactMap { TransactionHistory.day(of: $0.date) }
            guard members.count >= 3, days.count == members.count,
                  let (frequency, period) = frequency(of: zip(days.dropFirst(), days).map { $0 - $1 })
            else { continue }
            let last = members.last!
            let active = today - days.last! <= 2 * period
            let average = HistoryTemplate.cents(members.map(\.amount).reduce(0, +) / Double(members.count))
            let category = last.personalFinanceCategory?.value
            let stream = TransactionStream(
                accountID: accountID, streamID: String(TransactionHistory.stableHash("\(accountID)|\(key)"), radix: 36),
                category: category.map { [words($0.primary), words($0.detailed)] } ?? [],
                categoryID: String(TransactionHistory.stableHash(category?.detailed ?? "") % 90_000_000 + 10_000_000),
                description: last.name, merchantName: last.merchantName ?? .null, firstDate: members.first!.date,
                lastDate: last.date, predictedNextDate: .value(TransactionHistory.dateString(day: days.last! + period)),
                frequency: frequency, transactionIDs: members.map(\.transactionID),
                averageAmount: TransactionStreamAmount(amount: average, isoCurrencyCode: .value(currency)),
                lastAmount: TransactionStreamAmount(amount: last.amount, isoCurrencyCode: .value(currency)),
                isActive: active, status: !active ? "TOMBSTONED" : members.count >= 6 ? "MATURE" : "EARLY_DETECTION",
                personalFinanceCategory: last.personalFinanceCategory ?? nil)
            if last.amount < 0 { inflows.append(stream) } else { outflows.append(stream) }
        }
        return (inflows, outflows)
    }

    /// The frequency and its period in days that the gaps between occurrences fit, if any.
    static func frequency(of gaps: [Int]) -> (String, Int)? {
        guard !gaps.isEmpty else { return nil }
        let sorted = gaps.sorted()
        let median = sorted[sorted.count / 2]
        // Most gaps must be near the median: an irregular payee is no stream.
        guard gaps.filter({ abs($0 - median) <= 3 }).count * 4 >= gaps.count * 3 else { return nil }
        switch median {
        case 6...8: return ("WEEKLY", 7)
        case 14 where gaps.allSatisfy { $0 == 14 }: return ("BIWEEKLY", 14)
        case 13...17: return ("SEMI_MONTHLY", 15)
        case 27...32: return ("MONTHLY", 30)
        case 360...370: return ("ANNUALLY", 365)
        default: return nil
        }
    }

    private static func words(_ name: String) -> String {
        name.split(separator: "_").map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined(separator: " ")
    }
}
