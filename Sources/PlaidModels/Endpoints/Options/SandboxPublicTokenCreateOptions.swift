/// Options of `/sandbox/public_token/create`.
public struct SandboxPublicTokenCreateOptions: Codable, Hashable, Sendable {
    /// URL to receive the Item's webhooks.
    public var webhook: String?
    /// Test username to log in with (default `user_good`).
    public var overrideUsername: Nullable<String>?
    /// Test password to log in with (default `pass_good`).
    public var overridePassword: Nullable<String>?
    /// Transactions history to generate.
    public var transactions: Nullable<SandboxTransactionsOptions>?
    /// Statement range to generate.
    public var statements: Nullable<SandboxStatementsOptions>?
    /// Income verification settings.
    public var incomeVerification: SandboxIncomeVerificationOptions?

    public init(
        webhook: String? = nil,
        overrideUsername: Nullable<String>? = nil,
        overridePassword: Nullable<String>? = nil,
        transactions: Nullable<SandboxTransactionsOptions>? = nil,
        statements: Nullable<SandboxStatementsOptions>? = nil,
        incomeVerification: SandboxIncomeVerificationOptions? = nil
    ) {
        self.webhook = webhook
        self.overrideUsername = overrideUsername
        self.overridePassword = overridePassword
        self.transactions = transactions
        self.statements = statements
        self.incomeVerification = incomeVerification
    }

    enum CodingKeys: String, CodingKey {
        case webhook
        case overrideUsername = "override_username"
        case overridePassword = "override_password"
        case transactions
        case statements
        case incomeVerification = "income_verification"
    }
}
