/// Income verification settings for a sandbox Item.
public struct SandboxIncomeVerificationOptions: Codable, Hashable, Sendable {
    /// Where income comes from: `bank` or `payroll`.
    public var incomeSourceTypes: [String]?
    /// Bank income settings.
    public var bankIncome: SandboxBankIncomeOptions?

    public init(
        incomeSourceTypes: [String]? = nil,
        bankIncome: SandboxBankIncomeOptions? = nil
    ) {
        self.incomeSourceTypes = incomeSourceTypes
        self.bankIncome = bankIncome
    }

    enum CodingKeys: String, CodingKey {
        case incomeSourceTypes = "income_source_types"
        case bankIncome = "bank_income"
    }
}
