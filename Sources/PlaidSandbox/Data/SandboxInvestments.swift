import Foundation
import PlaidModels

/// What the sandbox's IRA and 401k accounts hold and did. The holdings add up to the account's
/// balance; the activity (a monthly contribution and purchase in the 401k, quarterly dividends
/// in both) runs from two years before the Item was linked to today, like the transaction history.
enum SandboxInvestments {
    static let securities: [Security] = [
        security("VTI", "Vanguard Total Stock Market ETF", type: "etf", price: 245.12, isin: "US9229087690", cusip: "922908769",
                 figi: "BBG000HVN3M6", sector: nil, industry: nil),
        security("AGG", "iShares Core U.S. Aggregate Bond ETF", type: "etf", price: 98.4, isin: "US4642872265", cusip: "464287226",
                 figi: "BBG000BN4YC2", sector: nil, industry: nil),
        security("AAPL", "Apple Inc.", type: "equity", price: 190.5, isin: "US0378331005", cusip: "037833100", figi: "BBG000B9XRY4",
                 sector: "Electronic Technology", industry: "Telecommunications Equipment"),
        Security(securityID: securityID("CUR:USD"), isin: .null, cusip: .null, name: .value("U S Dollar"), tickerSymbol: .value("CUR:USD"),
                 isCashEquivalent: .value(true), type: .value("cash"), closePrice: .value(1), closePriceAsOf: .null,
                 isoCurrencyCode: .value("USD"), marketIdentifierCode: .null, sector: .null, industry: .null, figi: .null),
    ]

    /// The account as the investments endpoints report it: its balances say what is borrowed on
    /// margin (nothing, in these retirement accounts).
    static func investmentAccount(_ account: SandboxAccount) -> Account {
        var shown = account.account()
        shown.balances.marginLoanAmount = .value(0)
        return shown
    }

    /// Quantities per ticker; cash makes the total equal the account's balance.
    static func holdings(of account: SandboxAccount) -> [Holding]? {
        let shares: [String: Double]
        switch account.kind.subtype {
        case .ira: shares = ["VTI": 1]
        case .plan401k: shares = ["VTI": 50, "AGG": 100, "AAPL": 8]
        default: return nil
        }
        var holdings: [Holding] = []
        var invested = 0.0
        for security in securities where shares[security.tickerSymbol.value ?? ""] != nil {
            let quantity = shares[security.tickerSymbol.value!]!, price = security.closePrice.value!
            invested += quantity * price
            holdings.append(Holding(accountID: account.accountID, securityID: security.securityID, institutionPrice: price,
                                    institutionValue: HistoryTemplate.cents(quantity * price),
                                    costBasis: .value(HistoryTemplate.cents(quantity * price * 0.8)), quantity: quantity,
                                    isoCurrencyCode: .value("USD")))
        }
        let cash = HistoryTemplate.cents((account.balances.current.value ?? 0) - invested)
        holdings.append(Holding(accountID: account.accountID, securityID: securityID("CUR:USD"), institutionPrice: 1,
                                institutionValue: cash, costBasis: .value(cash), quantity: cash, isoCurrencyCode: .value("USD")))
        return holdings
    }

    /// The account's activity up to `now`, oldest first.
    static func transactions(of account: SandboxAccount, linkedAt: Date, now: Date) -> [InvestmentTransaction] {
        guard holdings(of: account) != nil else { return [] }
        let calendar = TransactionHistory.calendar
        let first = calendar.date(byAdding: .month, value: -TransactionHistory.monthsOfHistory,
                                  to: calendar.dateInterval(of: .month, for: linkedAt)!.start)!
        let today = TransactionHistory.day(of: now)
        let vti = securities[0]
        var made: [InvestmentTransaction] = []
        func add(_ key: String, day: Int, name: String, security: Security?, quantity: Double, amount: Double, price: Double,
                 type: String, subtype: String) {
            guard day <= today else { return }
            var random = SeededGenerator(seed: TransactionHistory.stableHash("\(account.accountID)|\(key)"), stream: 0)
            made.append(InvestmentTransaction(
                investmentTransactionID: random.alphanumeric(count: 37), accountID: account.accountID,
                securityID: Nullable(security?.securityID), date: TransactionHistory.dateString(day: day), name: name,
                quantity: quantity, amount: HistoryTemplate.cents(amount), price: price, fees: .value(0), type: type,
                subtype: subtype, isoCurrencyCode: .value("USD")))
        }
        for month in 0..<(TransactionHistory.monthsOfHistory + 24) {
            let start = TransactionHistory.day(of: calendar.date(byAdding: .month, value: month, to: first)!)
            if account.kind.subtype == .plan401k {
                add("\(month)-contribution", day: start + 14, name: "Employee contribution", security: nil, quantity: 0,
                    amount: -500, price: 0, type: "cash", subtype: "contribution")
                let price = HistoryTemplate.cents(vti.closePrice.value! * (0.8 + 0.2 * Double(month) / 48))
                let quantity = (500 / price * 1000).rounded() / 1000
                add("\(month)-buy", day: start + 15, name: "BUY Vanguard Total Stock Market ETF", security: vti, quantity: quantity,
                    amount: quantity * price, price: price, type: "buy", subtype: "buy")
            }
            if month % 3 == 2 {
                add("\(month)-dividend", day: start + 27, name: "DIVIDEND Vanguard Total Stock Market ETF", security: vti, quantity: 0,
                    amount: account.kind.subtype == .ira ? -0.91 : -45.4, price: 0, type: "cash", subtype: "dividend")
            }
        }
        return made
    }

    private static func security(_ ticker: String, _ name: String, type: String, price: Double, isin: String, cusip: String,
                                 figi: String, sector: String?, industry: String?) -> Security {
        Security(securityID: securityID(ticker), isin: .value(isin), cusip: .value(cusip), name: .value(name),
                 tickerSymbol: .value(ticker), isCashEquivalent: .value(false), type: .value(type), closePrice: .value(price),
                 closePriceAsOf: .null, isoCurrencyCode: .value("USD"), marketIdentifierCode: .value("XNAS"),
                 sector: Nullable(sector), industry: Nullable(industry), figi: .value(figi))
    }

    /// The same id for a security in every sandbox, as Plaid's ids are.
    static func securityID(_ ticker: String) -> String {
        var random = SeededGenerator(seed: TransactionHistory.stableHash("security|\(ticker)"), stream: 0)
        return random.alphanumeric(count: 37)
    }
}
