/// One account at a financial institution. `owners` is present only in identity responses.
public struct Account: Codable, Hashable, Sendable {
    public var accountID: String
    public var balances: AccountBalance
    /// The last few characters of the account number, for display.
    public var mask: Nullable<String>
    public var name: String
    public var officialName: Nullable<String>
    public var type: AccountType
    public var subtype: Nullable<AccountSubtype>
    public var verificationStatus: VerificationStatus?
    public var verificationName: String?
    public var verificationInsights: AccountVerificationInsights?
    public var persistentAccountID: String?
    /// `business`, `personal` or `unrecognized`.
    public var holderCategory: Nullable<String>?
    public var owners: [Owner]?

    public init(
        accountID: String,
        balances: AccountBalance,
        mask: Nullable<String>,
        name: String,
        officialName: Nullable<String>,
        type: AccountType,
        subtype: Nullable<AccountSubtype>,
        verificationStatus: VerificationStatus? = nil,
        verificationName: String? = nil,
        verificationInsights: AccountVerificationInsights? = nil,
        persistentAccountID: String? = nil,
        holderCategory: Nullable<String>? = nil,
        owners: [Owner]? = nil
    ) {
        self.accountID = accountID
        self.balances = balances
        self.mask = mask
        self.name = name
        self.officialName = officialName
        self.type = type
        self.subtype = subtype
        self.verificationStatus = verificationStatus
        self.verificationName = verificationName
        self.verificationInsights = verificationInsights
        self.persistentAccountID = persistentAccountID
        self.holderCategory = holderCategory
        self.owners = owners
    }

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case balances
        case mask
        case name
        case officialName = "official_name"
        case type
        case subtype
        case verificationStatus = "verification_status"
        case verificationName = "verification_name"
        case verificationInsights = "verification_insights"
        case persistentAccountID = "persistent_account_id"
        case holderCategory = "holder_category"
        case owners
    }
}
