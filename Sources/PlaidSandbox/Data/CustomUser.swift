import Foundation
import PlaidModels

/// The accounts of a `user_custom` login, from the JSON configuration given as its password
/// (Plaid's format: `override_accounts`, each with `type`, `subtype`, `starting_balance`,
/// `force_available_balance`, `currency`, `meta`, `numbers`, `identity`, `transactions`), so a
/// test can have exactly the account it needs. `{}` is a valid user with default accounts.
struct CustomUser: Sendable, Hashable {
    static let username = "user_custom"
    static let maximumAccounts = 10
    static let maximumTransactions = 250
    static let maximumBytes = 55_000

    struct Configuration: Decodable, Sendable, Hashable {
        var overrideAccounts: [CustomAccount]?

        enum CodingKeys: String, CodingKey {
            case overrideAccounts = "override_accounts"
        }
    }

    struct CustomAccount: Decodable, Sendable, Hashable {
        var type: String
        var subtype: String
        var startingBalance: Double?
        var forceAvailableBalance: Double?
        var currency: String?
        var meta: Meta?
        var numbers: Numbers?
        var identity: Identity?
        var transactions: [CustomTransaction]?
        var liability: Liability?
        var inflowModel: InflowModel?

        enum CodingKeys: String, CodingKey {
            case type, subtype
            case startingBalance = "starting_balance"
            case forceAvailableBalance = "force_available_balance"
            case currency, meta, numbers, identity, transactions, liability
            case inflowModel = "inflow_model"
        }
    }

    /// What a credit card's or student loan's liability says, in place of the defaults.
    struct Liability: Decodable, Sendable, Hashable {
        var type: String
        var purchaseApr: Double?
        var cashApr: Double?
        var balanceTransferApr: Double?
        var specialApr: Double?
        var lastPaymentAmount: Double?
        var minimumPaymentAmount: Double?
        var isOverdue: Bool?
        var originationDate: String?
        var principal: Double?
        var nominalApr: Double?
        var expectedPayoffDate: String?
        var guarantor: String?
        var loanName: String?
        var paymentReferenceNumber: String?
        var repaymentPlanDescription: String?
        var repaymentPlanType: String?
        var sequenceNumber: String?

        enum CodingKeys: String, CodingKey {
            case type
            case purchaseApr = "purchase_apr"
            case cashApr = "cash_apr"
            case balanceTransferApr = "balance_transfer_apr"
            case specialApr = "special_apr"
            case lastPaymentAmount = "last_payment_amount"
            case minimumPaymentAmount = "minimum_payment_amount"
            case isOverdue = "is_overdue"
            case originationDate = "origination_date"
            case principal
            case nominalApr = "nominal_apr"
            case expectedPayoffDate = "expected_payoff_date"
            case guarantor
            case loanName = "loan_name"
            case paymentReferenceNumber = "payment_reference_number"
            case repaymentPlanDescription = "repayment_plan_description"
            case repaymentPlanType = "repayment_plan_type"
            case sequenceNumber = "sequence_number"
        }
    }

    /// Money that comes in every month: income into a deposit account, or a payment on a debt.
    struct InflowModel: Decodable, Sendable, Hashable {
        /// `none`, `monthly-income`, `monthly-balance-payment` or `monthly-interest-only-payment`.
        var type: String
        var incomeAmount: Double?
        var paymentDayOfMonth: DayOfMonth?
        var transactionName: String?
        var statementDayOfMonth: DayOfMonth?

        enum CodingKeys: String, CodingKey {
            case type
            case incomeAmount = "income_amount"
            case paymentDayOfMonth = "payment_day_of_month"
            case transactionName = "transaction_name"
            case statementDayOfMonth = "statement_day_of_month"
        }

        static let types = ["none", "monthly-income", "monthly-balance-payment", "monthly-interest-only-payment"]
    }

    /// A day of the month, 1 to 28, or `last`.
    enum DayOfMonth: Decodable, Sendable, Hashable {
        case day(Int)
        case last

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                if text == "last" { self = .last; return }
                guard let day = Int(text) else {
                    throw DecodingError.dataCorruptedError(in: container, debugDescription: "a day 1 to 28, or \"last\"")
                }
                self = .day(day)
            } else {
                self = .day(try container.decode(Int.self))
            }
            if case .day(let day) = self, !(1...28).contains(day) {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "a day 1 to 28, or \"last\", not \(day)")
            }
        }

        /// The day in the month that starts on day number `first` and has `length` days.
        func day(inMonthStarting first: Int, length: Int) -> Int {
            switch self {
            case .day(let day): first + day - 1
            case .last: first + length - 1
            }
        }
    }

    struct Meta: Decodable, Sendable, Hashable {
        var name: String?
        var officialName: String?
        var limit: Double?
        var mask: String?

        enum CodingKeys: String, CodingKey {
            case name
            case officialName = "official_name"
            case limit, mask
        }
    }

    struct Numbers: Decodable, Sendable, Hashable {
        var account: String?
        var achRouting: String?
        var achWireRouting: String?

        enum CodingKeys: String, CodingKey {
            case account
            case achRouting = "ach_routing"
            case achWireRouting = "ach_wire_routing"
        }
    }

    struct Identity: Decodable, Sendable, Hashable {
        var names: [String]?
        var phoneNumbers: [Contact]?
        var emails: [Contact]?
        var addresses: [Place]?

        enum CodingKeys: String, CodingKey {
            case names
            case phoneNumbers = "phone_numbers"
            case emails, addresses
        }
    }

    struct Contact: Decodable, Sendable, Hashable {
        var data: String
        var primary: Bool?
        var type: String?
    }

    struct Place: Decodable, Sendable, Hashable {
        var data: PlaceData
        var primary: Bool?
    }

    struct PlaceData: Decodable, Sendable, Hashable {
        var street: String?
        var city: String?
        var region: String?
        var postalCode: String?
        var country: String?

        enum CodingKeys: String, CodingKey {
            case street, city, region
            case postalCode = "postal_code"
            case country
        }
    }

    struct CustomTransaction: Decodable, Sendable, Hashable {
        var dateTransacted: String
        var datePosted: String
        var amount: Double
        var description: String
        var currency: String?

        enum CodingKeys: String, CodingKey {
            case dateTransacted = "date_transacted"
            case datePosted = "date_posted"
            case amount, description, currency
        }
    }

    let configuration: Configuration

    /// Checks the configuration a `user_custom` login was given as its password.
    init(password: String) throws {
        guard password.utf8.count <= Self.maximumBytes else {
            throw SandboxError.invalidField("override_password: a user_custom configuration is at most \(Self.maximumBytes) bytes, not \(password.utf8.count)")
        }
        do {
            configuration = try JSONDecoder().decode(Configuration.self, from: Data(password.utf8))
        } catch {
            throw SandboxError.invalidField("override_password for user_custom must be a JSON configuration such as "
                + "{\"override_accounts\": [{\"type\": \"depository\", \"subtype\": \"checking\", \"starting_balance\": 42.17}]}: \(Self.describe(error))")
        }
        let accounts = configuration.overrideAccounts ?? []
        guard accounts.count <= Self.maximumAccounts else {
            throw SandboxError.invalidField("override_password: user_custom takes at most \(Self.maximumAccounts) accounts, not \(accounts.count)")
        }
        let transactions = accounts.reduce(0) { $0 + ($1.transactions?.count ?? 0) }
        guard transactions <= Self.maximumTransactions else {
            throw SandboxError.invalidField("override_password: user_custom takes at most \(Self.maximumTransactions) transactions, not \(transactions)")
        }
        for (index, account) in accounts.enumerated() {
            let place = "override_accounts[\(index + 1)]"
            guard AccountType.knownRawValues.contains(account.type) else {
                throw SandboxError.invalidField("\(place).type must be one of \(AccountType.knownRawValues.joined(separator: ", ")), not \"\(account.type)\"")
            }
            guard AccountSubtype.knownRawValues.contains(account.subtype) else {
                throw SandboxError.invalidField("\(place).subtype \"\(account.subtype)\" is not an account subtype")
            }
            if let inflow = account.inflowModel {
                guard InflowModel.types.contains(inflow.type) else {
                    throw SandboxError.invalidField("\(place).inflow_model.type must be one of \(InflowModel.types.joined(separator: ", ")), not \"\(inflow.type)\"")
                }
                if inflow.type != "none", inflow.paymentDayOfMonth == nil || inflow.transactionName == nil {
                    throw SandboxError.invalidField("\(place).inflow_model \(inflow.type) needs payment_day_of_month and transaction_name")
                }
                if inflow.type == "monthly-income", inflow.incomeAmount == nil {
                    throw SandboxError.invalidField("\(place).inflow_model monthly-income needs income_amount")
                }
            }
            if let liability = account.liability {
                let fits = liability.type == "credit" ? account.subtype == "credit card" : liability.type == "student" && account.subtype == "student"
                guard fits else {
                    throw SandboxError.invalidField("\(place).liability of type \"\(liability.type)\" needs a credit card (credit) or student loan (student) account")
                }
            }
            for (number, transaction) in (account.transactions ?? []).enumerated()
                where TransactionHistory.day(of: transaction.dateTransacted) == nil || TransactionHistory.day(of: transaction.datePosted) == nil {
                throw SandboxError.invalidField("\(place).transactions[\(number + 1)] needs date_transacted and date_posted such as 2024-01-31")
            }
        }
    }

    /// The kinds of account the configuration asks for; none means the institution's defaults
    /// with balances of the Item's own (seeded), so `{}` is a random but valid user.
    func kinds(defaults: [SandboxAccountKind], seed: UInt64) -> [SandboxAccountKind] {
        guard let accounts = configuration.overrideAccounts, !accounts.isEmpty else {
            var random = SeededGenerator(seed: seed, stream: 999)
            return defaults.map { kind in
                let factor = Double.random(in: 0.5...3, using: &random)
                return SandboxAccountKind(name: kind.name, officialName: kind.officialName, mask: kind.mask, type: kind.type,
                                          subtype: kind.subtype, available: kind.available.map { HistoryTemplate.cents($0 * factor) },
                                          current: HistoryTemplate.cents(kind.current * factor), limit: kind.limit)
            }
        }
        return accounts.enumerated().map { index, account in
            let type = AccountType(rawValue: account.type), subtype = AccountSubtype(rawValue: account.subtype)
            let current = account.startingBalance ?? 100
            let available: Double? = account.forceAvailableBalance ?? (type == .depository ? current : nil)
            return SandboxAccountKind(
                name: account.meta?.name ?? "Custom \(account.subtype.capitalized)", officialName: account.meta?.officialName,
                mask: account.meta?.mask ?? account.numbers?.account.map { String($0.suffix(4)) } ?? String(format: "%04d", 9000 + index),
                type: type, subtype: subtype, available: available, current: current, limit: account.meta?.limit)
        }
    }

    /// Whether the configuration lists its own accounts.
    var listsAccounts: Bool { !(configuration.overrideAccounts ?? []).isEmpty }

    func account(at index: Int) -> CustomAccount? {
        guard let accounts = configuration.overrideAccounts, accounts.indices.contains(index) else { return nil }
        return accounts[index]
    }

    /// The account holder a configured identity describes, on top of the default one.
    static func owner(_ identity: Identity?, default owner: Owner) -> Owner {
        guard let identity else { return owner }
        return Owner(
            names: identity.names ?? owner.names,
            phoneNumbers: identity.phoneNumbers.map { $0.map { PhoneNumber(data: $0.data, primary: $0.primary ?? false,
                                                                              type: PhoneNumberType(rawValue: $0.type ?? "mobile")) } }
                ?? owner.phoneNumbers,
            emails: identity.emails.map { $0.map { Email(data: $0.data, primary: $0.primary ?? false, type: EmailType(rawValue: $0.type ?? "primary")) } }
                ?? owner.emails,
            addresses: identity.addresses.map { $0.map { place in
                Address(data: AddressData(city: Nullable(place.data.city), region: Nullable(place.data.region),
                                          street: place.data.street ?? "", postalCode: Nullable(place.data.postalCode),
                                          country: Nullable(place.data.country)), primary: place.primary ?? false)
            } } ?? owner.addresses)
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let context):
            return (context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".") + " is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
