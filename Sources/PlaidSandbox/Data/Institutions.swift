import PlaidModels

/// A bank the sandbox can link, and the quirks that set it apart from the others.
struct SandboxInstitution: Sendable {
    /// How an institution's accounts are numbered for money transfers.
    enum NumberScheme: Sendable {
        /// US ACH account and routing numbers, as the institution knows them.
        case ach
        /// US ACH numbers replaced by tokens the bank issues per app; the mask keeps the real digits.
        case tokenizedACH
        /// Canadian EFT account, institution and branch numbers.
        case eft
        /// UK BACS account number and sort code, plus IBAN and BIC.
        case bacs
    }

    let id: String
    let name: String
    let country: CountryCode
    let currency: String
    let oauth: Bool
    let routingNumbers: [String]
    let numberScheme: NumberScheme
    /// The kinds of account every Item at this institution has, in the order they are listed.
    let accounts: [SandboxAccountKind]
    /// Balances are not real time: `/processor/balance/get` requires `min_last_updated_datetime`
    /// and reports `last_updated_datetime` (Capital One).
    let requiresMinLastUpdated: Bool
    /// Student-loan balances include outstanding interest (Sallie Mae).
    let studentLoanBalanceIncludesInterest: Bool
    /// Accounts carry a `persistent_account_id` (institutions with tokenized numbers).
    let hasPersistentAccountIDs: Bool

    static let products: [Product] = [.assets, .auth, .balance, .identity, .investments, .liabilities, .transactions]

    var institution: Institution {
        Institution(
            institutionID: id,
            name: name,
            products: Self.products,
            countryCodes: [country],
            routingNumbers: routingNumbers,
            dtcNumbers: [],
            oauth: oauth,
            connectionAvailability: "SUPPORTED"
        )
    }
}

/// The institutions this sandbox knows. Plaid's sandbox has thousands; these are the ones whose
/// behaviour differs in ways a processor integration must handle.
enum Institutions {
    /// Used when a test does not care which bank: non-OAuth, every account kind.
    static let defaultID = "ins_109508"

    static let all: [SandboxInstitution] = [
        SandboxInstitution(
            id: "ins_109508", name: "First Platypus Bank", country: .us, currency: "USD", oauth: false,
            routingNumbers: ["011401533"], numberScheme: .ach, accounts: SandboxAccountKind.usPersonal,
            requiresMinLastUpdated: false, studentLoanBalanceIncludesInterest: false, hasPersistentAccountIDs: false),
        SandboxInstitution(
            id: "ins_109512", name: "Houndstooth Bank", country: .us, currency: "USD", oauth: false,
            routingNumbers: ["021000021"], numberScheme: .ach, accounts: [.checking, .savings],
            requiresMinLastUpdated: false, studentLoanBalanceIncludesInterest: false, hasPersistentAccountIDs: false),
        SandboxInstitution(
            id: "ins_56", name: "Chase", country: .us, currency: "USD", oauth: true,
            routingNumbers: ["021000021", "322271627"], numberScheme: .tokenizedACH, accounts: SandboxAccountKind.usPersonal,
            requiresMinLastUpdated: false, studentLoanBalanceIncludesInterest: false, hasPersistentAccountIDs: true),
        SandboxInstitution(
            id: "ins_128026", name: "Capital One", country: .us, currency: "USD", oauth: false,
            routingNumbers: ["031176110", "051405515"], numberScheme: .ach, accounts: [.checking, .savings, .creditCard],
            requiresMinLastUpdated: true, studentLoanBalanceIncludesInterest: false, hasPersistentAccountIDs: false),
        SandboxInstitution(
            id: "ins_116944", name: "Sallie Mae", country: .us, currency: "USD", oauth: false,
            routingNumbers: ["124085244"], numberScheme: .ach, accounts: [.savings, .studentLoan],
            requiresMinLastUpdated: false, studentLoanBalanceIncludesInterest: true, hasPersistentAccountIDs: false),
        SandboxInstitution(
            id: "ins_43", name: "Tartan-Dominion Bank of Canada", country: .ca, currency: "CAD", oauth: false,
            routingNumbers: [], numberScheme: .eft, accounts: [.checking, .savings, .creditCard],
            requiresMinLastUpdated: false, studentLoanBalanceIncludesInterest: false, hasPersistentAccountIDs: false),
        SandboxInstitution(
            id: "ins_117650", name: "Royal Bank of Plaid", country: .gb, currency: "GBP", oauth: true,
            routingNumbers: [], numberScheme: .bacs, accounts: [.checking, .savings, .creditCard],
            requiresMinLastUpdated: false, studentLoanBalanceIncludesInterest: false, hasPersistentAccountIDs: false),
    ]

    static func named(_ id: String) -> SandboxInstitution? {
        all.first { $0.id == id }
    }
}
