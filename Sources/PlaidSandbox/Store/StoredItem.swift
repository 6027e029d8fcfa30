import Foundation
import GRDB
import PlaidModels

/// An Item as the database keeps it; its accounts are derived from ``seed``.
struct StoredItem: Sendable, Hashable {
    let itemID: String
    /// The client that created the Item; only it may use the Item's access token.
    let ownerClientID: String
    let institutionID: String
    /// The test username it was linked with, such as `user_good` or `user_transactions_dynamic`.
    let username: String
    let seed: UInt64
    let products: [String]
    let webhook: String?
    /// The Plaid error code the Item answers with, set by an `error_<CODE>` test password.
    let errorCode: String?
    /// Linked with the `microdeposits_good` test password: one checking account, verified.
    let microdepositVerified: Bool
    /// Set by `/sandbox/item/set_verification_status` on a micro-deposit Item.
    let verificationStatus: VerificationStatus?
    /// A `user_custom` login's configuration (its password), which its accounts follow.
    let customConfig: String?
    let createdAt: Date

    init(itemID: String, ownerClientID: String, institutionID: String, username: String = TestLogin.defaultUsername,
         seed: UInt64, products: [String],
         webhook: String?, errorCode: String?, microdepositVerified: Bool, verificationStatus: VerificationStatus? = nil,
         customConfig: String? = nil, createdAt: Date) {
        self.itemID = itemID
        self.ownerClientID = ownerClientID
        self.institutionID = institutionID
        self.username = username
        self.seed = seed
        self.products = products
        self.webhook = webhook
        self.errorCode = errorCode
        self.microdepositVerified = microdepositVerified
        self.verificationStatus = verificationStatus
        self.customConfig = customConfig
        self.createdAt = createdAt
    }

    init(row: Row) {
        itemID = row["item_id"]
        ownerClientID = row["owner_client_id"]
        institutionID = row["institution_id"]
        username = row["username"]
        seed = UInt64(bitPattern: row["seed"] as Int64)
        products = Self.names(inJSON: row["products"])
        webhook = row["webhook"]
        errorCode = row["error_code"]
        microdepositVerified = row["microdeposit_verified"]
        verificationStatus = (row["verification_status"] as String?).map(VerificationStatus.init(rawValue:))
        customConfig = row["custom_config"]
        createdAt = Date(timeIntervalSince1970: row["created_at"])
    }

    /// The strings of a stored JSON array of names (products); none when it is not one.
    static func names(inJSON text: String) -> [String] {
        guard case .array(let names)? = try? JSONValue(data: Data(text.utf8)) else { return [] }
        return names.compactMap(\.stringValue)
    }

    func insert(_ db: Database) throws {
        let productsJSON = try SandboxStoreRules.jsonText(products)
        try db.execute(
            sql: """
                INSERT INTO item (item_id, owner_client_id, institution_id, username, seed, products, webhook, error_code,
                                  microdeposit_verified, custom_config, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [itemID, ownerClientID, institutionID, username, Int64(bitPattern: seed), productsJSON, webhook, errorCode,
                        microdepositVerified, customConfig, createdAt.timeIntervalSince1970])
    }

    /// A `user_custom` login's configuration, checked when the Item was made.
    var customUser: CustomUser? { customConfig.flatMap { try? CustomUser(password: $0) } }

    /// The Item's accounts, derived again on every call.
    var accounts: [SandboxAccount] { SandboxAccounts.accounts(for: self) }

    var institution: SandboxInstitution? { Institutions.named(institutionID) }

    /// The error the Item is stuck in, if a test password put it there.
    var error: SandboxError? { errorCode.flatMap(ErrorTriggers.error(forCode:)) }
}
