/// The body of `/processor/signal/evaluate`. Scores the risk that an ACH debit from the account
/// is returned, before the partner sends it.
public struct ProcessorSignalEvaluateRequest: PlaidRequest {
    /// Token a partner received for one account.
    public var processorToken: ProcessorToken
    /// The partner's id for the payment, 1 to 36 characters; the reports name it again.
    public var clientTransactionID: String
    /// The amount to debit, in the account's currency.
    public var amount: Double
    public var userPresent: Nullable<Bool>?
    public var clientUserID: String?
    public var isRecurring: Nullable<Bool>?
    public var defaultPaymentMethod: Nullable<String>?
    public var user: SignalUser?
    public var device: SignalDevice?
    public var rulesetKey: Nullable<String>?

    public init(processorToken: ProcessorToken, clientTransactionID: String, amount: Double, userPresent: Nullable<Bool>? = nil,
                clientUserID: String? = nil, isRecurring: Nullable<Bool>? = nil, defaultPaymentMethod: Nullable<String>? = nil,
                user: SignalUser? = nil, device: SignalDevice? = nil, rulesetKey: Nullable<String>? = nil) {
        self.processorToken = processorToken
        self.clientTransactionID = clientTransactionID
        self.amount = amount
        self.userPresent = userPresent
        self.clientUserID = clientUserID
        self.isRecurring = isRecurring
        self.defaultPaymentMethod = defaultPaymentMethod
        self.user = user
        self.device = device
        self.rulesetKey = rulesetKey
    }

    enum CodingKeys: String, CodingKey {
        case processorToken = "processor_token"
        case clientTransactionID = "client_transaction_id"
        case amount
        case userPresent = "user_present"
        case clientUserID = "client_user_id"
        case isRecurring = "is_recurring"
        case defaultPaymentMethod = "default_payment_method"
        case user, device
        case rulesetKey = "ruleset_key"
    }

    public typealias Response = ProcessorSignalEvaluateResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/signal/evaluate",
        effect: .read,
        caller: .partner,
        summary: "Scores the risk that an ACH debit from the account is returned.",
        requestFields: [
            .processorToken,
            RequestField(name: "client_transaction_id", type: .string, isRequired: true,
                         summary: "Your id for the payment, 1 to 36 characters; the reports name it again."),
            RequestField(name: "amount", type: .number, isRequired: true, summary: "The amount to debit."),
            RequestField(name: "user_present", type: .boolean, isRequired: false, isNullable: true, summary: "Whether the user is there now."),
            RequestField(name: "client_user_id", type: .string, isRequired: false, summary: "Your id for the user."),
            RequestField(name: "is_recurring", type: .boolean, isRequired: false, isNullable: true, summary: "Whether the payment recurs."),
            RequestField(name: "default_payment_method", type: .string, isRequired: false, isNullable: true,
                         summary: "How you would send it: SAME_DAY_ACH, NEXT_DAY_ACH or STANDARD_ACH."),
            RequestField(name: "user", type: .object, isRequired: false, fields: [
                RequestField(name: "name", type: .object, isRequired: false, fields: [
                    RequestField(name: "prefix", type: .string, isRequired: false, isNullable: true, summary: "Such as Ms."),
                    RequestField(name: "given_name", type: .string, isRequired: false, isNullable: true, summary: "First name."),
                    RequestField(name: "middle_name", type: .string, isRequired: false, isNullable: true, summary: "Middle name."),
                    RequestField(name: "family_name", type: .string, isRequired: false, isNullable: true, summary: "Last name."),
                    RequestField(name: "suffix", type: .string, isRequired: false, isNullable: true, summary: "Such as Jr."),
                ], summary: "The user's name."),
                RequestField(name: "phone_number", type: .string, isRequired: false, isNullable: true, summary: "The user's phone number."),
                RequestField(name: "email_address", type: .string, isRequired: false, isNullable: true, summary: "The user's email address."),
                RequestField(name: "address", type: .object, isRequired: false, fields: [
                    RequestField(name: "street", type: .string, isRequired: false, summary: "Street and number."),
                    RequestField(name: "city", type: .string, isRequired: false, summary: "City."),
                    RequestField(name: "region", type: .string, isRequired: false, isNullable: true, summary: "State or province code."),
                    RequestField(name: "postal_code", type: .string, isRequired: false, isNullable: true, summary: "Postal code."),
                    RequestField(name: "country", type: .string, isRequired: false, isNullable: true, summary: "Two-letter country code."),
                ], summary: "The user's address."),
            ], summary: "What you know of the user."),
            RequestField(name: "device", type: .object, isRequired: false, fields: [
                RequestField(name: "ip_address", type: .string, isRequired: false, isNullable: true, summary: "The user's IP address."),
                RequestField(name: "user_agent", type: .string, isRequired: false, isNullable: true, summary: "The user's browser."),
            ], summary: "The device the user is on."),
            RequestField(name: "ruleset_key", type: .string, isRequired: false, isNullable: true, summary: "The Signal ruleset to apply."),
        ]
    )
}

/// What a partner knows of the user paying, for Signal.
public struct SignalUser: Codable, Hashable, Sendable {
    public var name: SignalPersonName?
    public var phoneNumber: Nullable<String>?
    public var emailAddress: Nullable<String>?
    public var address: SignalAddress?

    public init(name: SignalPersonName? = nil, phoneNumber: Nullable<String>? = nil, emailAddress: Nullable<String>? = nil,
                address: SignalAddress? = nil) {
        self.name = name
        self.phoneNumber = phoneNumber
        self.emailAddress = emailAddress
        self.address = address
    }

    enum CodingKeys: String, CodingKey {
        case name
        case phoneNumber = "phone_number"
        case emailAddress = "email_address"
        case address
    }
}

/// A person's name in parts.
public struct SignalPersonName: Codable, Hashable, Sendable {
    public var prefix: Nullable<String>?
    public var givenName: Nullable<String>?
    public var middleName: Nullable<String>?
    public var familyName: Nullable<String>?
    public var suffix: Nullable<String>?

    public init(prefix: Nullable<String>? = nil, givenName: Nullable<String>? = nil, middleName: Nullable<String>? = nil,
                familyName: Nullable<String>? = nil, suffix: Nullable<String>? = nil) {
        self.prefix = prefix
        self.givenName = givenName
        self.middleName = middleName
        self.familyName = familyName
        self.suffix = suffix
    }

    enum CodingKeys: String, CodingKey {
        case prefix
        case givenName = "given_name"
        case middleName = "middle_name"
        case familyName = "family_name"
        case suffix
    }
}

/// An address, every part optional.
public struct SignalAddress: Codable, Hashable, Sendable {
    public var street: String?
    public var city: String?
    public var region: Nullable<String>?
    public var postalCode: Nullable<String>?
    public var country: Nullable<String>?

    public init(street: String? = nil, city: String? = nil, region: Nullable<String>? = nil, postalCode: Nullable<String>? = nil,
                country: Nullable<String>? = nil) {
        self.street = street
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.country = country
    }

    enum CodingKeys: String, CodingKey {
        case street, city, region
        case postalCode = "postal_code"
        case country
    }
}

/// The device a user pays from.
public struct SignalDevice: Codable, Hashable, Sendable {
    public var ipAddress: Nullable<String>?
    public var userAgent: Nullable<String>?

    public init(ipAddress: Nullable<String>? = nil, userAgent: Nullable<String>? = nil) {
        self.ipAddress = ipAddress
        self.userAgent = userAgent
    }

    enum CodingKeys: String, CodingKey {
        case ipAddress = "ip_address"
        case userAgent = "user_agent"
    }
}

/// Signal's answer: the return risks, the account facts they came from, and the ruleset's result.
public struct ProcessorSignalEvaluateResponse: PlaidResponse {
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String
    public var scores: SignalScores
    public var coreAttributes: SignalCoreAttributes?
    public var ruleset: Nullable<SignalRuleset>?
    public var warnings: [SignalWarning]?

    public init(requestID: String, scores: SignalScores, coreAttributes: SignalCoreAttributes? = nil,
                ruleset: Nullable<SignalRuleset>? = nil, warnings: [SignalWarning]? = nil) {
        self.requestID = requestID
        self.scores = scores
        self.coreAttributes = coreAttributes
        self.ruleset = ruleset
        self.warnings = warnings
    }

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id"
        case scores
        case coreAttributes = "core_attributes"
        case ruleset, warnings
    }
}

/// The two return risks, each a score from 1 (unlikely) to 99 (likely) and a tier.
public struct SignalScores: Codable, Hashable, Sendable {
    /// The risk that the account holder disputes the debit (returns such as R07, R10).
    public var customerInitiatedReturnRisk: SignalReturnRisk?
    /// The risk that the bank returns it (returns such as R01 insufficient funds).
    public var bankInitiatedReturnRisk: SignalReturnRisk?

    public init(customerInitiatedReturnRisk: SignalReturnRisk?, bankInitiatedReturnRisk: SignalReturnRisk?) {
        self.customerInitiatedReturnRisk = customerInitiatedReturnRisk
        self.bankInitiatedReturnRisk = bankInitiatedReturnRisk
    }

    enum CodingKeys: String, CodingKey {
        case customerInitiatedReturnRisk = "customer_initiated_return_risk"
        case bankInitiatedReturnRisk = "bank_initiated_return_risk"
    }
}

/// A return risk: its score (1 to 99) and tier (1 the lowest).
public struct SignalReturnRisk: Codable, Hashable, Sendable {
    public var score: Int
    public var riskTier: Int

    public init(score: Int, riskTier: Int) {
        self.score = score
        self.riskTier = riskTier
    }

    enum CodingKeys: String, CodingKey {
        case score
        case riskTier = "risk_tier"
    }
}

/// Some of the account facts Signal's scores came from.
public struct SignalCoreAttributes: Codable, Hashable, Sendable {
    public var availableBalance: Nullable<Double>?
    public var currentBalance: Nullable<Double>?
    public var debitTransactionsCount30d: Nullable<Int>?
    public var creditTransactionsCount30d: Nullable<Int>?
    public var totalDebitTransactionsAmount30d: Nullable<Double>?
    public var totalCreditTransactionsAmount30d: Nullable<Double>?
    public var daysSinceFirstPlaidConnection: Nullable<Int>?
    public var isSavingsOrMoneyMarketAccount: Nullable<Bool>?
    public var balanceToTransactionAmountRatio: Nullable<Double>?

    public init(availableBalance: Nullable<Double>? = nil, currentBalance: Nullable<Double>? = nil,
                debitTransactionsCount30d: Nullable<Int>? = nil, creditTransactionsCount30d: Nullable<Int>? = nil,
                totalDebitTransactionsAmount30d: Nullable<Double>? = nil, totalCreditTransactionsAmount30d: Nullable<Double>? = nil,
                daysSinceFirstPlaidConnection: Nullable<Int>? = nil, isSavingsOrMoneyMarketAccount: Nullable<Bool>? = nil,
                balanceToTransactionAmountRatio: Nullable<Double>? = nil) {
        self.availableBalance = availableBalance
        self.currentBalance = currentBalance
        self.debitTransactionsCount30d = debitTransactionsCount30d
        self.creditTransactionsCount30d = creditTransactionsCount30d
        self.totalDebitTransactionsAmount30d = totalDebitTransactionsAmount30d
        self.totalCreditTransactionsAmount30d = totalCreditTransactionsAmount30d
        self.daysSinceFirstPlaidConnection = daysSinceFirstPlaidConnection
        self.isSavingsOrMoneyMarketAccount = isSavingsOrMoneyMarketAccount
        self.balanceToTransactionAmountRatio = balanceToTransactionAmountRatio
    }

    enum CodingKeys: String, CodingKey {
        case availableBalance = "available_balance"
        case currentBalance = "current_balance"
        case debitTransactionsCount30d = "debit_transactions_count_30d"
        case creditTransactionsCount30d = "credit_transactions_count_30d"
        case totalDebitTransactionsAmount30d = "total_debit_transactions_amount_30d"
        case totalCreditTransactionsAmount30d = "total_credit_transactions_amount_30d"
        case daysSinceFirstPlaidConnection = "days_since_first_plaid_connection"
        case isSavingsOrMoneyMarketAccount = "is_savings_or_money_market_account"
        case balanceToTransactionAmountRatio = "balance_to_transaction_amount_ratio"
    }
}

/// What the ruleset made of the scores: `ACCEPT`, `REROUTE` or `REVIEW`.
public struct SignalRuleset: Codable, Hashable, Sendable {
    public var result: String
    public var rulesetKey: String?

    public init(result: String, rulesetKey: String? = nil) {
        self.result = result
        self.rulesetKey = rulesetKey
    }

    enum CodingKeys: String, CodingKey {
        case result
        case rulesetKey = "ruleset_key"
    }
}

/// Something Signal could not take into account.
public struct SignalWarning: Codable, Hashable, Sendable {
    public var warningType: String?
    public var warningCode: String?
    public var warningMessage: String?

    public init(warningType: String? = nil, warningCode: String? = nil, warningMessage: String? = nil) {
        self.warningType = warningType
        self.warningCode = warningCode
        self.warningMessage = warningMessage
    }

    enum CodingKeys: String, CodingKey {
        case warningType = "warning_type"
        case warningCode = "warning_code"
        case warningMessage = "warning_message"
    }
}
