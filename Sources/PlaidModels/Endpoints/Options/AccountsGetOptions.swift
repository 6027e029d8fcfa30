/// Options of `/accounts/get`.
public struct AccountsGetOptions: Codable, Hashable, Sendable {
    /// Return only these accounts.
    public var accountIDs: [String]?

    public init(
        accountIDs: [String]? = nil
    ) {
        self.accountIDs = accountIDs
    }

    enum CodingKeys: String, CodingKey {
        case accountIDs = "account_ids"
    }
}
