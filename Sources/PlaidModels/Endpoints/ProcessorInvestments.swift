/// The body of `/processor/investments/holdings/get`. Reads what an investment account holds.
public struct ProcessorInvestmentsHoldingsGetRequest: PlaidRequest {
    /// Token a partner received for one account.
    public var processorToken: ProcessorToken

    public init(processorToken: ProcessorToken) {
        self.processorToken = processorToken
    }

    enum CodingKeys: String, CodingKey {
        case processorToken = "processor_token"
    }

    public typealias Response = ProcessorInvestmentsHoldingsGetResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/investments/holdings/get",
        effect: .read,
        caller: .partner,
        summary: "Reads what an investment account holds, and the securities.",
        requestFields: [.processorToken],
        rateLimitCode: "INVESTMENT_HOLDINGS_GET_LIMIT"
    )
}

/// The successful response of `/processor/investments/holdings/get`.
public struct ProcessorInvestmentsHoldingsGetResponse: PlaidResponse {
    public var account: Account
    public var holdings: [Holding]
    public var securities: [Security]
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(account: Account, holdings: [Holding], securities: [Security], requestID: String) {
        self.account = account
        self.holdings = holdings
        self.securities = securities
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case account, holdings, securities
        case requestID = "request_id"
    }
}

/// The body of `/processor/investments/transactions/get`. Reads an investment account's trades,
/// contributions and dividends between two dates, newest first, a page at a time.
public struct ProcessorInvestmentsTransactionsGetRequest: PlaidRequest {
    /// Token a partner received for one account.
    public var processorToken: ProcessorToken
    /// The first day, `YYYY-MM-DD`.
    public var startDate: String
    /// The last day, `YYYY-MM-DD`.
    public var endDate: String
    public var options: ProcessorInvestmentsTransactionsGetOptions?

    public init(processorToken: ProcessorToken, startDate: String, endDate: String, options: ProcessorInvestmentsTransactionsGetOptions? = nil) {
        self.processorToken = processorToken
        self.startDate = startDate
        self.endDate = endDate
        self.options = options
    }

    enum CodingKeys: String, CodingKey {
        case processorToken = "processor_token"
        case startDate = "start_date"
        case endDate = "end_date"
        case options
    }

    public typealias Response = ProcessorInvestmentsTransactionsGetResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/investments/transactions/get",
        effect: .read,
        caller: .partner,
        summary: "Reads an investment account's trades, contributions and dividends between two dates.",
        requestFields: [
            .processorToken,
            RequestField(name: "start_date", type: .string, isRequired: true, summary: "The first day, YYYY-MM-DD."),
            RequestField(name: "end_date", type: .string, isRequired: true, summary: "The last day, YYYY-MM-DD."),
            RequestField(name: "options", type: .object, isRequired: false, fields: [
                RequestField(name: "count", type: .integer, isRequired: false, summary: "Transactions per page, 1 to 500 (default 100)."),
                RequestField(name: "offset", type: .integer, isRequired: false, summary: "How many to skip, for the next page."),
            ], summary: "Paging."),
        ],
        rateLimitCode: "INVESTMENT_TRANSACTIONS_GET_LIMIT"
    )
}

/// Paging of `/processor/investments/transactions/get`.
public struct ProcessorInvestmentsTransactionsGetOptions: Codable, Hashable, Sendable {
    public var count: Int?
    public var offset: Int?

    public init(count: Int? = nil, offset: Int? = nil) {
        self.count = count
        self.offset = offset
    }
}

/// One page of `/processor/investments/transactions/get`.
public struct ProcessorInvestmentsTransactionsGetResponse: PlaidResponse {
    public var account: Account
    public var investmentTransactions: [InvestmentTransaction]
    public var securities: [Security]
    /// How many the dates hold in all, over every page.
    public var totalInvestmentTransactions: Int
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(account: Account, investmentTransactions: [InvestmentTransaction], securities: [Security],
                totalInvestmentTransactions: Int, requestID: String) {
        self.account = account
        self.investmentTransactions = investmentTransactions
        self.securities = securities
        self.totalInvestmentTransactions = totalInvestmentTransactions
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case account
        case investmentTransactions = "investment_transactions"
        case securities
        case totalInvestmentTransactions = "total_investment_transactions"
        case requestID = "request_id"
    }
}

/// The body of `/processor/investments/auth/get`. Reads what a brokerage needs to move an
/// investment account to it (ACATS numbers, a 401k's plan) with its owners and holdings.
public struct ProcessorInvestmentsAuthGetRequest: PlaidRequest {
    /// Token a partner received for one account.
    public var processorToken: ProcessorToken

    public init(processorToken: ProcessorToken) {
        self.processorToken = processorToken
    }

    enum CodingKeys: String, CodingKey {
        case processorToken = "processor_token"
    }

    public typealias Response = ProcessorInvestmentsAuthGetResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/investments/auth/get",
        effect: .read,
        caller: .partner,
        summary: "Reads an investment account's transfer numbers, owners and holdings.",
        requestFields: [.processorToken]
    )
}

/// The successful response of `/processor/investments/auth/get`.
public struct ProcessorInvestmentsAuthGetResponse: PlaidResponse {
    public var account: Account
    public var holdings: [Holding]
    public var securities: [Security]
    public var owners: [InvestmentsAuthOwner]
    public var numbers: InvestmentsAuthNumbers
    public var dataSources: InvestmentsAuthDataSources
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(account: Account, holdings: [Holding], securities: [Security], owners: [InvestmentsAuthOwner],
                numbers: InvestmentsAuthNumbers, dataSources: InvestmentsAuthDataSources, requestID: String) {
        self.account = account
        self.holdings = holdings
        self.securities = securities
        self.owners = owners
        self.numbers = numbers
        self.dataSources = dataSources
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case account, holdings, securities, owners, numbers
        case dataSources = "data_sources"
        case requestID = "request_id"
    }
}

/// The names on an investment account.
public struct InvestmentsAuthOwner: Codable, Hashable, Sendable {
    public var accountID: String?
    public var names: [String]?

    public init(accountID: String?, names: [String]?) {
        self.accountID = accountID
        self.names = names
    }

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case names
    }
}

/// The numbers a brokerage transfer uses: ACATS (a brokerage or IRA account) or a 401k's.
public struct InvestmentsAuthNumbers: Codable, Hashable, Sendable {
    public var acats: [InvestmentsACATSNumber]?
    public var retirement401k: [InvestmentsRetirement401kNumber]?

    public init(acats: [InvestmentsACATSNumber]?, retirement401k: [InvestmentsRetirement401kNumber]?) {
        self.acats = acats
        self.retirement401k = retirement401k
    }

    enum CodingKeys: String, CodingKey {
        case acats
        case retirement401k = "retirement_401k"
    }
}

/// An account number for an ACATS transfer and the clearing firms' DTC numbers.
public struct InvestmentsACATSNumber: Codable, Hashable, Sendable {
    public var accountID: String
    public var account: String
    public var dtcNumbers: [String]

    public init(accountID: String, account: String, dtcNumbers: [String]) {
        self.accountID = accountID
        self.account = account
        self.dtcNumbers = dtcNumbers
    }

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case account
        case dtcNumbers = "dtc_numbers"
    }
}

/// A 401k's plan and participant numbers.
public struct InvestmentsRetirement401kNumber: Codable, Hashable, Sendable {
    public var accountID: String
    public var plan: String?
    public var account: String?

    public init(accountID: String, plan: String?, account: String?) {
        self.accountID = accountID
        self.plan = plan
        self.account = account
    }

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case plan, account
    }
}

/// Where each part of the answer came from: `INSTITUTION`, `INSTITUTION_MASK` or `USER`.
public struct InvestmentsAuthDataSources: Codable, Hashable, Sendable {
    public var numbers: Nullable<String>?
    public var owners: Nullable<String>?
    public var holdings: Nullable<String>?

    public init(numbers: Nullable<String>?, owners: Nullable<String>?, holdings: Nullable<String>?) {
        self.numbers = numbers
        self.owners = owners
        self.holdings = holdings
    }
}
