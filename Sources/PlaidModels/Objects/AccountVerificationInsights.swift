/// Signals gathered while verifying an account through database checks.
public struct AccountVerificationInsights: Codable, Hashable, Sendable {
    public var nameMatchScore: Nullable<Int>?
    public var networkStatus: AccountVerificationNetworkStatus
    public var previousReturns: AccountVerificationPreviousReturns?
    /// `valid`, `invalid` or `unknown`.
    public var accountNumberFormat: String

    public init(
        nameMatchScore: Nullable<Int>? = nil,
        networkStatus: AccountVerificationNetworkStatus,
        previousReturns: AccountVerificationPreviousReturns? = nil,
        accountNumberFormat: String
    ) {
        self.nameMatchScore = nameMatchScore
        self.networkStatus = networkStatus
        self.previousReturns = previousReturns
        self.accountNumberFormat = accountNumberFormat
    }

    enum CodingKeys: String, CodingKey {
        case nameMatchScore = "name_match_score"
        case networkStatus = "network_status"
        case previousReturns = "previous_returns"
        case accountNumberFormat = "account_number_format"
    }
}
