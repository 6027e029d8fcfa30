/// Whether Plaid's network has seen the account's numbers before.
public struct AccountVerificationNetworkStatus: Codable, Hashable, Sendable {
    public var hasNumbersMatch: Bool
    public var isNumbersMatchVerified: Bool

    public init(
        hasNumbersMatch: Bool,
        isNumbersMatchVerified: Bool
    ) {
        self.hasNumbersMatch = hasNumbersMatch
        self.isNumbersMatchVerified = isNumbersMatchVerified
    }

    enum CodingKeys: String, CodingKey {
        case hasNumbersMatch = "has_numbers_match"
        case isNumbersMatchVerified = "is_numbers_match_verified"
    }
}
