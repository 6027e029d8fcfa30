/// A Plaid product, as named in `initial_products` and an Item's product lists.
///
/// Unlisted values decode to ``unknown(_:)`` and encode back unchanged.
public enum Product: OpenEnum {
    case assets
    case auth
    case balance
    case balancePlus
    case beacon
    case identity
    case identityMatch
    case investments
    case investmentsAuth
    case liabilities
    case paymentInitiation
    case identityVerification
    case transactions
    case creditDetails
    case income
    case incomeVerification
    case standingOrders
    case transfer
    case employment
    case recurringTransactions
    case transactionsRefresh
    case signal
    case statements
    case processorPayments
    case processorIdentity
    case profile
    case craBaseReport
    case craIncomeInsights
    case craPartnerInsights
    case craNetworkInsights
    case craCashflowInsights
    case craMonitoring
    case craLendScore
    case craPlaidCreditScore
    case layer
    case payByBank
    case protectLinkedBank
    case protectTransactions
    /// A value Plaid sent that this version of the models does not list.
    case unknown(String)

    public static let knownValues: [Product] = [
        .assets,
        .auth,
        .balance,
        .balancePlus,
        .beacon,
        .identity,
        .identityMatch,
        .investments,
        .investmentsAuth,
        .liabilities,
        .paymentInitiation,
        .identityVerification,
        .transactions,
        .creditDetails,
        .income,
        .incomeVerification,
        .standingOrders,
        .transfer,
        .employment,
        .recurringTransactions,
        .transactionsRefresh,
        .signal,
        .statements,
        .processorPayments,
        .processorIdentity,
        .profile,
        .craBaseReport,
        .craIncomeInsights,
        .craPartnerInsights,
        .craNetworkInsights,
        .craCashflowInsights,
        .craMonitoring,
        .craLendScore,
        .craPlaidCreditScore,
        .layer,
        .payByBank,
        .protectLinkedBank,
        .protectTransactions,
    ]

    public var rawValue: String {
        switch self {
        case .assets: "assets"
        case .auth: "auth"
        case .balance: "balance"
        case .balancePlus: "balance_plus"
        case .beacon: "beacon"
        case .identity: "identity"
        case .identityMatch: "identity_match"
        case .investments: "investments"
        case .investmentsAuth: "investments_auth"
        case .liabilities: "liabilities"
        case .paymentInitiation: "payment_initiation"
        case .identityVerification: "identity_verification"
        case .transactions: "transactions"
        case .creditDetails: "credit_details"
        case .income: "income"
        case .incomeVerification: "income_verification"
        case .standingOrders: "standing_orders"
        case .transfer: "transfer"
        case .employment: "employment"
        case .recurringTransactions: "recurring_transactions"
        case .transactionsRefresh: "transactions_refresh"
        case .signal: "signal"
        case .statements: "statements"
        case .processorPayments: "processor_payments"
        case .processorIdentity: "processor_identity"
        case .profile: "profile"
        case .craBaseReport: "cra_base_report"
        case .craIncomeInsights: "cra_income_insights"
        case .craPartnerInsights: "cra_partner_insights"
        case .craNetworkInsights: "cra_network_insights"
        case .craCashflowInsights: "cra_cashflow_insights"
        case .craMonitoring: "cra_monitoring"
        case .craLendScore: "cra_lend_score"
        case .craPlaidCreditScore: "cra_plaid_credit_score"
        case .layer: "layer"
        case .payByBank: "pay_by_bank"
        case .protectLinkedBank: "protect_linked_bank"
        case .protectTransactions: "protect_transactions"
        case .unknown(let rawValue): rawValue
        }
    }
}
