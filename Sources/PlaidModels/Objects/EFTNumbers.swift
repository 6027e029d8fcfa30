/// Numbers for moving money to or from a Canadian account by EFT.
public struct EFTNumbers: Codable, Hashable, Sendable {
    public var accountID: String
    public var account: String
    public var institution: String
    public var branch: String

    public init(
        accountID: String,
        account: String,
        institution: String,
        branch: String
    ) {
        self.accountID = accountID
        self.account = account
        self.institution = institution
        self.branch = branch
    }

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case account
        case institution
        case branch
    }
}
