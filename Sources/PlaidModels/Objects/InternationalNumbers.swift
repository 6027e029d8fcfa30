/// Numbers for an international wire: IBAN and BIC.
public struct InternationalNumbers: Codable, Hashable, Sendable {
    public var accountID: String
    public var iban: String
    public var bic: String

    public init(
        accountID: String,
        iban: String,
        bic: String
    ) {
        self.accountID = accountID
        self.iban = iban
        self.bic = bic
    }

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case iban
        case bic
    }
}
