/// Numbers for moving money to or from a US account by ACH or wire.
public struct ACHNumbers: Codable, Hashable, Sendable {
    public var accountID: String
    public var account: String
    public var isTokenizedAccountNumber: Bool?
    public var routing: String
    public var wireRouting: Nullable<String>
    public var canTransferIn: Nullable<Bool>?
    public var canTransferOut: Nullable<Bool>?

    public init(
        accountID: String,
        account: String,
        isTokenizedAccountNumber: Bool? = nil,
        routing: String,
        wireRouting: Nullable<String>,
        canTransferIn: Nullable<Bool>? = nil,
        canTransferOut: Nullable<Bool>? = nil
    ) {
        self.accountID = accountID
        self.account = account
        self.isTokenizedAccountNumber = isTokenizedAccountNumber
        self.routing = routing
        self.wireRouting = wireRouting
        self.canTransferIn = canTransferIn
        self.canTransferOut = canTransferOut
    }

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case account
        case isTokenizedAccountNumber = "is_tokenized_account_number"
        case routing
        case wireRouting = "wire_routing"
        case canTransferIn = "can_transfer_in"
        case canTransferOut = "can_transfer_out"
    }
}
