import Foundation
import PlaidModels

/// The transaction history of a sandbox account, generated when it is read rather than stored.
///
/// Its content (days, names, amounts, categories) is a function of the institution, the test
/// username and the kind of account, so every sandbox gives the same history to the same user;
/// only the ids come from the account's id. Over time it changes as a bank's would: a purchase
/// shows as pending, then posts under a new id; a few amounts are corrected days later and a few
/// transactions are withdrawn. What the history looked like at any moment is a pure function of
/// that moment, which is what `/processor/transactions/sync` compares.
struct TransactionHistory: Sendable {
    /// How many months before the Item was linked the history starts.
    static let monthsOfHistory = 25

    let entries: [HistoryEntry]

    /// The generated history of `account` of `item`.
    init(item: StoredItem, account: SandboxAccount) {
        let calendar = Self.calendar
        let linkedMonth = calendar.dateInterval(of: .month, for: item.createdAt)!.start
        let first = calendar.date(byAdding: .month, value: -Self.monthsOfHistory, to: linkedMonth)!
        if let custom = account.configured, custom.transactions != nil || custom.inflowModel != nil {
            entries = (custom.transactions ?? []).enumerated().map { index, transaction in
                let authorized = TransactionHistory.day(of: transaction.dateTransacted)!
                return HistoryEntry(
                    key: "custom-\(index)", authorizedDay: authorized,
                    postingLag: max(0, TransactionHistory.day(of: transaction.datePosted)! - authorized), amount: transaction.amount,
                    name: transaction.description, merchant: nil,
                    category: PersonalFinanceCategory(primary: transaction.amount < 0 ? "TRANSFER_IN" : "GENERAL_MERCHANDISE",
                                                      detailed: transaction.amount < 0 ? "TRANSFER_IN_DEPOSIT" : "GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE"),
                    channel: .other, correction: nil, withdrawnAfterDays: nil)
            } + Self.inflows(custom, account: account, from: first)
            return
        }
        let templates = HistoryTemplate.templates(for: account.kind)
        let seed = Self.stableHash("\(item.institutionID)|\(item.username)|\(account.kind.name)")
        var entries: [HistoryEntry] = []
        // Up to two years past the link, so an Item's history keeps growing while it is used.
        for monthIndex in 0..<(Self.monthsOfHistory + 24) {
            let month = calendar.date(byAdding: .month, value: monthIndex, to: first)!
            for (templateIndex, template) in templates.enumerated() {
                for (occurrence, day) in template.days.enumerated() {
                    var random = SeededGenerator(seed: seed, stream: UInt64(monthIndex * 256 + templateIndex * 8 + occurrence))
                    if template.everyOtherMonth, monthIndex % 2 == 1 { continue }
                    let date = calendar.date(byAdding: .day, value: day - 1, to: month)!
                    entries.append(template.entry(key: "\(monthIndex)-\(templateIndex)-\(occurrence)", date: date, random: &random))
                }
            }
        }
        self.entries = entries
    }

    /// A custom account's inflow model as monthly transactions: income coming in, or a payment of
    /// the balance (or its interest) on a debt, over the same years as a generated history.
    private static func inflows(_ custom: CustomUser.CustomAccount, account: SandboxAccount, from first: Date) -> [HistoryEntry] {
        guard let model = custom.inflowModel, model.type != "none", let payday = model.paymentDayOfMonth,
              let name = model.transactionName else { return [] }
        let balance = account.balances.current.value ?? 0
        let rate = custom.liability?.purchaseApr ?? custom.liability?.nominalApr ?? 10
        let amount = switch model.type {
        case "monthly-income": -(model.incomeAmount ?? 0)
        case "monthly-interest-only-payment": -HistoryTemplate.cents(balance * rate / 1200)
        default: -balance
        }
        let category = model.type == "monthly-income"
            ? PersonalFinanceCategory(primary: "INCOME", detailed: "INCOME_WAGES")
            : PersonalFinanceCategory(primary: "LOAN_PAYMENTS", detailed: "LOAN_PAYMENTS_OTHER_PAYMENT")
        return (0..<(monthsOfHistory + 24)).map { month in
            let start = calendar.date(byAdding: .month, value: month, to: first)!
            let length = calendar.range(of: .day, in: .month, for: start)!.count
            return HistoryEntry(key: "inflow-\(month)", authorizedDay: payday.day(inMonthStarting: day(of: start), length: length),
                                postingLag: 0, amount: amount, name: name, merchant: nil, category: category, channel: .other,
                                correction: nil, withdrawnAfterDays: nil)
        }
    }

    /// The transactions the account showed at `moment`, by id.
    func transactions(at moment: Date, accountID: String, currency: String) -> [String: Transaction] {
        let today = Self.day(of: moment)
        var shown: [String: Transaction] = [:]
        for entry in entries {
            guard let transaction = entry.transaction(onDay: today, accountID: accountID, currency: currency) else { continue }
            shown[transaction.transactionID] = transaction
        }
        return shown
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// Days since 1970-01-01 (UTC).
    static func day(of date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    /// `YYYY-MM-DD` of a day number. Plain arithmetic on the proleptic Gregorian calendar, not
    /// `Calendar`: a transactions call formats a date for each of hundreds of transactions.
    static func dateString(day: Int) -> String {
        let (year, month, dayOfMonth) = civilDate(day: day)
        var text = String(year)
        while text.utf8.count < 4 { text = "0" + text }
        return text + (month < 10 ? "-0" : "-") + String(month) + (dayOfMonth < 10 ? "-0" : "-") + String(dayOfMonth)
    }

    /// The day number of a `YYYY-MM-DD`, or nil when it is not a real date.
    static func day(of text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts[0].utf8.count == 4, parts[1].utf8.count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2]),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(dayOfMonth)
        else { return nil }
        return day(year: year, month: month, day: dayOfMonth)
    }

    /// Days since 1970-01-01 of a Gregorian date: counted in 400-year eras that start on 1 March,
    /// so the leap day falls at the end of each year.
    static func day(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The Gregorian date of a day number: the inverse of `day(year:month:day:)`.
    static func civilDate(day: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = day + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// FNV-1a: a hash that, unlike Swift's `Hasher`, is the same in every process.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01B3
        }
        return hash
    }
}

/// One transaction of a generated history, with what later happens to it.
struct HistoryEntry: Sendable {
    /// Unique within the account's history; the transaction ids derive from it.
    let key: String
    /// The day it was made.
    let authorizedDay: Int
    /// Days until it posts; while it has not, it is pending.
    let postingLag: Int
    let amount: Double
    let name: String
    let merchant: String?
    let category: PersonalFinanceCategory
    let channel: PaymentChannel
    /// Days after posting when the bank corrects the amount, and the corrected amount.
    let correction: (afterDays: Int, amount: Double)?
    /// Days after posting when the bank withdraws it.
    let withdrawnAfterDays: Int?

    /// The transaction as it stood on `today`, or nil when it did not exist then.
    func transaction(onDay today: Int, accountID: String, currency: String) -> Transaction? {
        guard today >= authorizedDay else { return nil }
        let postedDay = authorizedDay + postingLag
        let pendingID = Self.id(accountID: accountID, key: key, stage: "pending")
        if today < postedDay {
            return transaction(id: pendingID, day: authorizedDay, pending: true, pendingID: nil, amount: amount,
                               accountID: accountID, currency: currency)
        }
        if let withdrawn = withdrawnAfterDays, today >= postedDay + withdrawn { return nil }
        var amount = amount
        if let correction, today >= postedDay + correction.afterDays { amount = correction.amount }
        return transaction(id: Self.id(accountID: accountID, key: key, stage: "posted"), day: postedDay, pending: false,
                           pendingID: postingLag > 0 ? pendingID : nil, amount: amount, accountID: accountID, currency: currency)
    }

    private func transaction(id: String, day: Int, pending: Bool, pendingID: String?, amount: Double, accountID: String,
                             currency: String) -> Transaction {
        Transaction(
            transactionID: id, accountID: accountID, amount: amount, isoCurrencyCode: .value(currency),
            date: TransactionHistory.dateString(day: day), authorizedDate: .value(TransactionHistory.dateString(day: authorizedDay)),
            name: name, merchantName: .init(merchant), pending: pending, pendingTransactionID: .init(pendingID),
            paymentChannel: channel, personalFinanceCategory: .value(category))
    }

    static func id(accountID: String, key: String, stage: String) -> String {
        var random = SeededGenerator(seed: TransactionHistory.stableHash("\(accountID)|\(key)|\(stage)"), stream: 0)
        return random.alphanumeric(count: 37)
    }
}

/// A kind of transaction an account has every month: on which days, for how much, where.
struct HistoryTemplate: Sendable {
    let days: [Int]
    /// Amounts as Plaid signs them: positive leaves the account, negative comes in.
    let amounts: ClosedRange<Double>
    let names: [String]
    /// Whether the name is a merchant's (a purchase) rather than a bank's description.
    let isMerchant: Bool
    let primary: String
    let detailed: String
    let channel: PaymentChannel
    var everyOtherMonth = false

    func entry(key: String, date: Date, random: inout SeededGenerator) -> HistoryEntry {
        let amount = Self.cents(amounts.lowerBound == amounts.upperBound ? amounts.lowerBound : Double.random(in: amounts, using: &random))
        let name = names[Int.random(in: 0..<names.count, using: &random)]
        let purchase = channel != .other
        let roll = Int.random(in: 0..<1000, using: &random)
        // About 8% of in-store purchases are corrected (a tip added), 2% of everything withdrawn.
        let correction: (Int, Double)? = channel == .inStore && roll < 80 ? (Int.random(in: 2...5, using: &random), Self.cents(amount * 1.18)) : nil
        let withdrawn: Int? = roll >= 80 && roll < 100 ? Int.random(in: 2...6, using: &random) : nil
        return HistoryEntry(
            key: key, authorizedDay: TransactionHistory.day(of: date),
            postingLag: purchase ? Int.random(in: 1...2, using: &random) : 0, amount: amount, name: name,
            merchant: isMerchant ? name : nil, category: PersonalFinanceCategory(primary: primary, detailed: detailed),
            channel: channel, correction: correction, withdrawnAfterDays: withdrawn)
    }

    static func cents(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    /// What an account of `kind` has each month; nothing for loans and investments.
    static func templates(for kind: SandboxAccountKind) -> [HistoryTemplate] {
        switch kind.subtype {
        case .checking: checking
        case .savings: savings
        case .creditCard: creditCard
        case .cd, .moneyMarket: [interest]
        default: []
        }
    }

    static let interest = HistoryTemplate(days: [28], amounts: -3.5 ... -0.5, names: ["INTEREST PAYMENT"], isMerchant: false,
                                          primary: "INCOME", detailed: "INCOME_INTEREST_EARNED", channel: .other)

    static let checking: [HistoryTemplate] = [
        HistoryTemplate(days: [1, 15], amounts: -2410 ... -2410, names: ["ACME CORP PAYROLL"], isMerchant: false,
                        primary: "INCOME", detailed: "INCOME_WAGES", channel: .other),
        HistoryTemplate(days: [1], amounts: 1850 ... 1850, names: ["OAKWOOD PROPERTIES RENT"], isMerchant: false,
                        primary: "RENT_AND_UTILITIES", detailed: "RENT_AND_UTILITIES_RENT", channel: .other),
        HistoryTemplate(days: [2], amounts: 200 ... 200, names: ["TRANSFER TO SAVINGS"], isMerchant: false,
                        primary: "TRANSFER_OUT", detailed: "TRANSFER_OUT_SAVINGS", channel: .other),
        HistoryTemplate(days: [9], amounts: 68 ... 142, names: ["Pacific Power"], isMerchant: true,
                        primary: "RENT_AND_UTILITIES", detailed: "RENT_AND_UTILITIES_GAS_AND_ELECTRICITY", channel: .online),
        HistoryTemplate(days: [18], amounts: 65 ... 65, names: ["Comcast"], isMerchant: true,
                        primary: "RENT_AND_UTILITIES", detailed: "RENT_AND_UTILITIES_INTERNET_AND_CABLE", channel: .online),
        HistoryTemplate(days: [21], amounts: 55 ... 55, names: ["Verizon Wireless"], isMerchant: true,
                        primary: "RENT_AND_UTILITIES", detailed: "RENT_AND_UTILITIES_TELEPHONE", channel: .online),
        HistoryTemplate(days: [25], amounts: 240 ... 880, names: ["PLAID CREDIT CARD PAYMENT"], isMerchant: false,
                        primary: "LOAN_PAYMENTS", detailed: "LOAN_PAYMENTS_CREDIT_CARD_PAYMENT", channel: .other),
        HistoryTemplate(days: [3, 10, 17, 24], amounts: 34 ... 162, names: ["Whole Foods", "Safeway", "Trader Joe's", "Kroger"],
                        isMerchant: true, primary: "FOOD_AND_DRINK", detailed: "FOOD_AND_DRINK_GROCERIES", channel: .inStore),
        HistoryTemplate(days: [6, 13, 20, 27], amounts: 9 ... 64, names: ["Starbucks", "Chipotle", "Sweetgreen", "Blue Bottle Coffee"],
                        isMerchant: true, primary: "FOOD_AND_DRINK", detailed: "FOOD_AND_DRINK_RESTAURANT", channel: .inStore),
        HistoryTemplate(days: [8, 22], amounts: 28 ... 61, names: ["Shell", "Chevron"], isMerchant: true,
                        primary: "TRANSPORTATION", detailed: "TRANSPORTATION_GAS", channel: .inStore),
        HistoryTemplate(days: [12], amounts: 15.49 ... 15.49, names: ["Netflix"], isMerchant: true,
                        primary: "ENTERTAINMENT", detailed: "ENTERTAINMENT_TV_AND_MOVIES", channel: .online),
        HistoryTemplate(days: [14], amounts: 10.99 ... 10.99, names: ["Spotify"], isMerchant: true,
                        primary: "ENTERTAINMENT", detailed: "ENTERTAINMENT_MUSIC_AND_AUDIO", channel: .online),
        HistoryTemplate(days: [19], amounts: -120 ... -20, names: ["VENMO CASHOUT"], isMerchant: false,
                        primary: "TRANSFER_IN", detailed: "TRANSFER_IN_ACCOUNT_TRANSFER", channel: .other, everyOtherMonth: true),
    ]

    static let savings: [HistoryTemplate] = [
        HistoryTemplate(days: [2], amounts: -200 ... -200, names: ["TRANSFER FROM CHECKING"], isMerchant: false,
                        primary: "TRANSFER_IN", detailed: "TRANSFER_IN_SAVINGS", channel: .other),
        interest,
    ]

    static let creditCard: [HistoryTemplate] = [
        HistoryTemplate(days: [4, 11, 16, 26], amounts: 8 ... 180, names: ["Amazon", "Target", "Best Buy", "Apple"], isMerchant: true,
                        primary: "GENERAL_MERCHANDISE", detailed: "GENERAL_MERCHANDISE_ONLINE_MARKETPLACES", channel: .online),
        HistoryTemplate(days: [7, 23], amounts: 9 ... 48, names: ["Uber", "Lyft"], isMerchant: true,
                        primary: "TRANSPORTATION", detailed: "TRANSPORTATION_TAXIS_AND_RIDE_SHARES", channel: .online),
        HistoryTemplate(days: [25], amounts: -880 ... -240, names: ["PAYMENT THANK YOU"], isMerchant: false,
                        primary: "LOAN_PAYMENTS", detailed: "LOAN_PAYMENTS_CREDIT_CARD_PAYMENT", channel: .other),
    ]
}
