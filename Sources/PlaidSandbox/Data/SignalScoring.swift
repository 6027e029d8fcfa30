import Foundation
import PlaidModels

/// Signal's scores, from the account's balance and its last 30 days of transactions: the more
/// of the balance a debit would take, the likelier the bank returns it; the larger it is next to
/// what the account usually pays out, the likelier the holder disputes it. Neither score falls
/// as the amount grows.
struct SignalScoring {
    let amount: Double
    let available: Double
    let current: Double
    let debits: [Double]
    let credits: [Double]

    init(amount: Double, account: SandboxAccount, lastMonth: [Transaction]) {
        self.amount = amount
        available = account.balances.available.value ?? account.balances.current.value ?? 0
        current = account.balances.current.value ?? 0
        debits = lastMonth.map(\.amount).filter { $0 > 0 }
        credits = lastMonth.map { -$0.amount }.filter { $0 > 0 }
    }

    /// Insufficient funds: the share of the available balance the debit takes.
    var bankScore: Int {
        let share = amount / max(available, 1)
        return Self.clamped(2 + 97 * share / (share + 0.6))
    }

    /// A dispute: the debit against the largest the account paid out lately.
    var customerScore: Int {
        let usual = max(debits.max() ?? 0, 1)
        let multiple = amount / usual
        return Self.clamped(3 + 60 * multiple / (multiple + 4))
    }

    /// Tiers 1 to 8 for the bank's returns, 1 to 5 for the holder's.
    var scores: SignalScores {
        SignalScores(
            customerInitiatedReturnRisk: SignalReturnRisk(score: customerScore, riskTier: 1 + min(4, customerScore / 20)),
            bankInitiatedReturnRisk: SignalReturnRisk(score: bankScore, riskTier: 1 + min(7, bankScore / 13)))
    }

    /// The default ruleset: send it elsewhere when a bank return is likely, look at it when
    /// either risk is middling.
    func ruleset(key: String?) -> SignalRuleset {
        let result = bankScore >= 75 ? "REROUTE" : bankScore >= 45 || customerScore >= 50 ? "REVIEW" : "ACCEPT"
        return SignalRuleset(result: result, rulesetKey: key ?? "default")
    }

    func coreAttributes(account: SandboxAccount, linkedAt: Date, now: Date) -> SignalCoreAttributes {
        SignalCoreAttributes(
            availableBalance: .value(available), currentBalance: .value(current),
            debitTransactionsCount30d: .value(debits.count), creditTransactionsCount30d: .value(credits.count),
            totalDebitTransactionsAmount30d: .value(HistoryTemplate.cents(debits.reduce(0, +))),
            totalCreditTransactionsAmount30d: .value(HistoryTemplate.cents(credits.reduce(0, +))),
            daysSinceFirstPlaidConnection: .value(max(0, TransactionHistory.day(of: now) - TransactionHistory.day(of: linkedAt))),
            isSavingsOrMoneyMarketAccount: .value([.savings, .moneyMarket].contains(account.kind.subtype)),
            balanceToTransactionAmountRatio: .value((available / amount * 100).rounded() / 100))
    }

    private static func clamped(_ value: Double) -> Int { min(99, max(1, Int(value.rounded()))) }
}
