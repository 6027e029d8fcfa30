/// Whether payments to the account were returned before.
public struct AccountVerificationPreviousReturns: Codable, Hashable, Sendable {
    public var hasPreviousAdministrativeReturn: Bool

    public init(
        hasPreviousAdministrativeReturn: Bool
    ) {
        self.hasPreviousAdministrativeReturn = hasPreviousAdministrativeReturn
    }

    enum CodingKeys: String, CodingKey {
        case hasPreviousAdministrativeReturn = "has_previous_administrative_return"
    }
}
