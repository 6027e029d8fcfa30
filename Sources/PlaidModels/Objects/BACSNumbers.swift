/// Numbers for moving money to or from a UK account by BACS.
public struct BACSNumbers: Codable, Hashable, Sendable {
    public var accountID: String
    public var account: String
    public var sortCode: String

    public init(
        accountID: String,
        account: String,
        sortCode: String
    ) {
        self.accountID = accountID
        self.account = account
        self.sortCode = sortCode
    }

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case account
        case sortCode = "sort_code"
    }
}
