import NIOConcurrencyHelpers
import PlaidModels

/// One of the test accounts a sandbox login has, with its fixed balances.
struct SandboxAccountKind: Sendable, Hashable {
    let name: String
    let officialName: String?
    let mask: String
    let type: AccountType
    let subtype: AccountSubtype
    let available: Double?
    let current: Double
    let limit: Double?

    /// Checking, savings and cash management accounts have transfer numbers; others do not.
    var hasTransferNumbers: Bool {
        type == .depository && [.checking, .savings, .cashManagement].contains(subtype)
    }

    static let checking = SandboxAccountKind(
        name: "Plaid Checking", officialName: "Plaid Gold Standard 0% Interest Checking", mask: "0000",
        type: .depository, subtype: .checking, available: 100, current: 110, limit: nil)
    static let savings = SandboxAccountKind(
        name: "Plaid Saving", officialName: "Plaid Silver Standard 0.1% Interest Saving", mask: "1111",
        type: .depository, subtype: .savings, available: 200, current: 210, limit: nil)
    static let cd = SandboxAccountKind(
        name: "Plaid CD", officialName: "Plaid Bronze Standard 0.2% Interest CD", mask: "2222",
        type: .depository, subtype: .cd, available: nil, current: 1000, limit: nil)
    static let creditCard = SandboxAccountKind(
        name: "Plaid Credit Card", officialName: "Plaid Diamond 12.5% APR Interest Credit Card", mask: "3333",
        type: .credit, subtype: .creditCard, available: nil, current: 410, limit: 2000)
    static let moneyMarket = SandboxAccountKind(
        name: "Plaid Money Market", officialName: "Plaid Platinum Standard 1.85% Interest Money Market", mask: "4444",
        type: .depository, subtype: .moneyMarket, available: 43200, current: 43200, limit: nil)
    static let ira = SandboxAccountKind(
        name: "Plaid IRA", officialName: nil, mask: "5555",
        type: .investment, subtype: .ira, available: nil, current: 320.76, limit: nil)
    static let retirement401k = SandboxAccountKind(
        name: "Plaid 401k", officialName: nil, mask: "6666",
        type: .investment, subtype: .plan401k, available: nil, current: 23631.9805, limit: nil)
    static let studentLoan = SandboxAccountKind(
        name: "Plaid Student Loan", officialName: nil, mask: "7777",
        type: .loan, subtype: .student, available: nil, current: 65262, limit: nil)
    static let mortgage = SandboxAccountKind(
        name: "Plaid Mortgage", officialName: nil, mask: "8888",
        type: .loan, subtype: .mortgage, available: nil, current: 56302.06, limit: nil)

    /// The accounts of a default US login, in the order Plaid lists them.
    static let usPersonal: [SandboxAccountKind] = [
        .checking, .savings, .cd, .creditCard, .moneyMarket, .ira, .retirement401k, .studentLoan, .mortgage,
    ]

    /// Interest owed on the student loan; added to its balance where the institution counts it.
    static let studentLoanOutstandingInterest = 1281.45
}

/// An account of one Item, with everything the endpoints report about it.
struct SandboxAccount: Sendable {
    let kind: SandboxAccountKind
    let accountID: String
    let balances: AccountBalance
    let persistentAccountID: String?
    let verificationStatus: VerificationStatus?
    /// Nil for accounts without transfer numbers.
    let numbers: ProcessorNumbers?
    let owner: Owner
    /// A `user_custom` account's configuration: its transactions, liability and inflow model.
    var configured: CustomUser.CustomAccount?

    /// The account as `/accounts/get` and the processor endpoints report it; owners only on request.
    func account(includingOwners: Bool = false, lastUpdated: String? = nil) -> Account {
        var balances = balances
        if let lastUpdated { balances.lastUpdatedDatetime = .value(lastUpdated) }
        return Account(
            accountID: accountID,
            balances: balances,
            mask: .value(kind.mask),
            name: kind.name,
            officialName: Nullable(kind.officialName),
            type: kind.type,
            subtype: .value(kind.subtype),
            verificationStatus: verificationStatus,
            persistentAccountID: persistentAccountID,
            owners: includingOwners ? [owner] : nil
        )
    }
}

/// Builds an Item's accounts from its institution and its stored seed, so the same Item always
/// has the same account ids and numbers, in every process that opens the data directory.
enum SandboxAccounts {
    private struct Key: Hashable {
        let institutionID: String
        let seed: UInt64
        let microdepositVerified: Bool
        let verificationStatus: VerificationStatus?
        let customConfig: String?
    }

    /// Accounts derived lately. Deriving them is a good part of a read's work and the same few
    /// Items are read again and again; the result depends on the key alone, so the cache can
    /// never be stale. Emptied when it reaches ``cacheLimit``.
    private static let derived = NIOLockedValueBox<[Key: [SandboxAccount]]>([:])
    private static let cacheLimit = 4096

    static func accounts(for item: StoredItem) -> [SandboxAccount] {
        let key = Key(institutionID: item.institutionID, seed: item.seed, microdepositVerified: item.microdepositVerified,
                      verificationStatus: item.verificationStatus, customConfig: item.customConfig)
        if let known = derived.withLockedValue({ $0[key] }) { return known }
        let accounts = derive(for: item)
        derived.withLockedValue { cache in
            if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[key] = accounts
        }
        return accounts
    }

    private static func derive(for item: StoredItem) -> [SandboxAccount] {
        guard let institution = Institutions.named(item.institutionID) else { return [] }
        let custom = item.customUser
        let defaults = item.microdepositVerified ? [SandboxAccountKind.checking] : institution.accounts
        let kinds = custom?.kinds(defaults: defaults, seed: item.seed) ?? defaults
        return kinds.enumerated().map { index, kind in
            let configured = custom?.listsAccounts == true ? custom?.account(at: index) : nil
            var random = SeededGenerator(seed: item.seed, stream: UInt64(index))
            let accountID = random.alphanumeric(count: 37)
            let persistentID = institution.hasPersistentAccountIDs ? random.hex(count: 56) : nil
            var current = kind.current
            if kind.subtype == .student, institution.studentLoanBalanceIncludesInterest {
                current += SandboxAccountKind.studentLoanOutstandingInterest
            }
            let balances = AccountBalance(
                available: Nullable(kind.available),
                current: .value(current),
                limit: Nullable(kind.limit),
                isoCurrencyCode: .value(configured?.currency ?? institution.currency),
                unofficialCurrencyCode: .null,
                lastUpdatedDatetime: .null
            )
            var numbers = kind.hasTransferNumbers
                ? TransferNumbers.numbers(for: kind, accountID: accountID, institution: institution, random: &random)
                : nil
            if let given = configured?.numbers, let account = given.account, let routing = given.achRouting {
                numbers = ProcessorNumbers(
                    ach: .value(ACHNumbers(accountID: accountID, account: account, isTokenizedAccountNumber: false, routing: routing,
                                           wireRouting: Nullable(given.achWireRouting))),
                    eft: .null, international: .null, bacs: .null)
            }
            return SandboxAccount(
                kind: kind,
                accountID: accountID,
                balances: balances,
                persistentAccountID: persistentID,
                verificationStatus: item.microdepositVerified ? item.verificationStatus ?? .automaticallyVerified : nil,
                numbers: numbers,
                owner: CustomUser.owner(configured?.identity, default: AccountOwners.owner(for: institution.country)),
                configured: configured
            )
        }
    }
}
