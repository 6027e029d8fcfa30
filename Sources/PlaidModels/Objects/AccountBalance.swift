/// Balances of one account as the institution reports them; amounts are in the account's currency.
public struct AccountBalance: Codable, Hashable, Sendable {
    public var available: Nullable<Double>
    public var current: Nullable<Double>
    public var limit: Nullable<Double>
    /// Set when the currency has an ISO 4217 code; `unofficial_currency_code` is then null.
    public var isoCurrencyCode: Nullable<String>
    public var unofficialCurrencyCode: Nullable<String>
    /// ISO 8601 date-time, kept as sent.
    public var lastUpdatedDatetime: Nullable<String>?
    /// On investment accounts: what is borrowed on margin.
    public var marginLoanAmount: Nullable<Double>?

    public init(
        available: Nullable<Double>,
        current: Nullable<Double>,
        limit: Nullable<Double>,
        isoCurrencyCode: Nullable<String>,
        unofficialCurrencyCode: Nullable<String>,
        lastUpdatedDatetime: Nullable<String>? = nil
    ) {
        self.available = available
        self.current = current
        self.limit = limit
        self.isoCurrencyCode = isoCurrencyCode
        self.unofficialCurrencyCode = unofficialCurrencyCode
        self.lastUpdatedDatetime = lastUpdatedDatetime
    }

    enum CodingKeys: String, CodingKey {
        case available
        case current
        case limit
        case isoCurrencyCode = "iso_currency_code"
        case unofficialCurrencyCode = "unofficial_currency_code"
        case lastUpdatedDatetime = "last_updated_datetime"
        case marginLoanAmount = "margin_loan_amount"
    }
}
