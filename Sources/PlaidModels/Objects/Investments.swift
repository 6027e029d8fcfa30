/// A position in an investment account: how much of a security it holds and what it is worth.
public struct Holding: Codable, Hashable, Sendable {
    public var accountID: String
    public var securityID: String
    public var institutionPrice: Double
    public var institutionPriceAsOf: Nullable<String>?
    public var institutionValue: Double
    public var costBasis: Nullable<Double>
    public var quantity: Double
    public var isoCurrencyCode: Nullable<String>
    public var unofficialCurrencyCode: Nullable<String>

    public init(accountID: String, securityID: String, institutionPrice: Double, institutionPriceAsOf: Nullable<String>? = nil,
                institutionValue: Double, costBasis: Nullable<Double>, quantity: Double, isoCurrencyCode: Nullable<String>,
                unofficialCurrencyCode: Nullable<String> = .null) {
        self.accountID = accountID
        self.securityID = securityID
        self.institutionPrice = institutionPrice
        self.institutionPriceAsOf = institutionPriceAsOf
        self.institutionValue = institutionValue
        self.costBasis = costBasis
        self.quantity = quantity
        self.isoCurrencyCode = isoCurrencyCode
        self.unofficialCurrencyCode = unofficialCurrencyCode
    }

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case securityID = "security_id"
        case institutionPrice = "institution_price"
        case institutionPriceAsOf = "institution_price_as_of"
        case institutionValue = "institution_value"
        case costBasis = "cost_basis"
        case quantity
        case isoCurrencyCode = "iso_currency_code"
        case unofficialCurrencyCode = "unofficial_currency_code"
    }
}

/// A security held or traded: its identifiers, kind and last close.
public struct Security: Codable, Hashable, Sendable {
    public var securityID: String
    public var isin: Nullable<String>
    public var cusip: Nullable<String>
    public var sedol: Nullable<String>
    public var institutionSecurityID: Nullable<String>
    public var institutionID: Nullable<String>
    public var proxySecurityID: Nullable<String>
    public var name: Nullable<String>
    public var tickerSymbol: Nullable<String>
    public var isCashEquivalent: Nullable<Bool>
    /// `cash`, `cryptocurrency`, `derivative`, `equity`, `etf`, `fixed income`, `loan`, `mutual fund` or `other`.
    public var type: Nullable<String>
    public var closePrice: Nullable<Double>
    public var closePriceAsOf: Nullable<String>
    public var isoCurrencyCode: Nullable<String>
    public var unofficialCurrencyCode: Nullable<String>
    public var marketIdentifierCode: Nullable<String>
    public var sector: Nullable<String>
    public var industry: Nullable<String>
    /// The ISO 10962 classification, such as `CEOJLU` for an ETF.
    public var cfiCode: Nullable<String>
    public var figi: Nullable<String>
    public var optionContract: Nullable<JSONValue>
    public var fixedIncome: Nullable<JSONValue>

    public init(securityID: String, isin: Nullable<String>, cusip: Nullable<String>, name: Nullable<String>, tickerSymbol: Nullable<String>,
                isCashEquivalent: Nullable<Bool>, type: Nullable<String>, closePrice: Nullable<Double>, closePriceAsOf: Nullable<String>,
                isoCurrencyCode: Nullable<String>, marketIdentifierCode: Nullable<String>, sector: Nullable<String>,
                industry: Nullable<String>, cfiCode: Nullable<String> = .null, figi: Nullable<String>) {
        self.securityID = securityID
        self.isin = isin
        self.cusip = cusip
        sedol = .null
        institutionSecurityID = .null
        institutionID = .null
        proxySecurityID = .null
        self.name = name
        self.tickerSymbol = tickerSymbol
        self.isCashEquivalent = isCashEquivalent
        self.type = type
        self.closePrice = closePrice
        self.closePriceAsOf = closePriceAsOf
        self.isoCurrencyCode = isoCurrencyCode
        unofficialCurrencyCode = .null
        self.marketIdentifierCode = marketIdentifierCode
        self.sector = sector
        self.industry = industry
        self.cfiCode = cfiCode
        self.figi = figi
        optionContract = .null
        fixedIncome = .null
    }

    enum CodingKeys: String, CodingKey {
        case securityID = "security_id"
        case isin, cusip, sedol
        case institutionSecurityID = "institution_security_id"
        case institutionID = "institution_id"
        case proxySecurityID = "proxy_security_id"
        case name
        case tickerSymbol = "ticker_symbol"
        case isCashEquivalent = "is_cash_equivalent"
        case type
        case closePrice = "close_price"
        case closePriceAsOf = "close_price_as_of"
        case isoCurrencyCode = "iso_currency_code"
        case unofficialCurrencyCode = "unofficial_currency_code"
        case marketIdentifierCode = "market_identifier_code"
        case sector, industry
        case cfiCode = "cfi_code"
        case figi
        case optionContract = "option_contract"
        case fixedIncome = "fixed_income"
    }
}

/// A trade, contribution, dividend or fee in an investment account. `amount` is positive for
/// money leaving the account's cash (a buy, a fee) and negative for money coming in.
public struct InvestmentTransaction: Codable, Hashable, Sendable {
    public var investmentTransactionID: String
    public var accountID: String
    public var securityID: Nullable<String>
    public var date: String
    public var name: String
    public var quantity: Double
    public var amount: Double
    public var price: Double
    public var fees: Nullable<Double>
    /// `buy`, `sell`, `cancel`, `cash`, `fee` or `transfer`.
    public var type: String
    /// Such as `buy`, `contribution` or `dividend`.
    public var subtype: String
    public var isoCurrencyCode: Nullable<String>
    public var unofficialCurrencyCode: Nullable<String>

    public init(investmentTransactionID: String, accountID: String, securityID: Nullable<String>, date: String, name: String,
                quantity: Double, amount: Double, price: Double, fees: Nullable<Double>, type: String, subtype: String,
                isoCurrencyCode: Nullable<String>, unofficialCurrencyCode: Nullable<String> = .null) {
        self.investmentTransactionID = investmentTransactionID
        self.accountID = accountID
        self.securityID = securityID
        self.date = date
        self.name = name
        self.quantity = quantity
        self.amount = amount
        self.price = price
        self.fees = fees
        self.type = type
        self.subtype = subtype
        self.isoCurrencyCode = isoCurrencyCode
        self.unofficialCurrencyCode = unofficialCurrencyCode
    }

    enum CodingKeys: String, CodingKey {
        case investmentTransactionID = "investment_transaction_id"
        case accountID = "account_id"
        case securityID = "security_id"
        case date, name, quantity, amount, price, fees, type, subtype
        case isoCurrencyCode = "iso_currency_code"
        case unofficialCurrencyCode = "unofficial_currency_code"
    }
}
