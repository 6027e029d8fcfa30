/// The specific kind of a financial account (`subtype`); several raw values contain spaces or start with digits.
///
/// Unlisted values decode to ``unknown(_:)`` and encode back unchanged.
public enum AccountSubtype: OpenEnum {
    case plan401a
    case plan401k
    case plan403b
    case plan457b
    case plan529
    case auto
    case brokerage
    case business
    case cashISA
    case cashManagement
    case cd
    case checking
    case commercial
    case construction
    case consumer
    case creditCard
    case cryptoExchange
    case ebt
    case educationSavingsAccount
    case fhsa
    case fixedAnnuity
    case gic
    case healthReimbursementArrangement
    case homeEquity
    case hsa
    case isa
    case ira
    case keogh
    case lif
    case lifeInsurance
    case limitedPurposeChecking
    case lineOfCredit
    case lira
    case loan
    case lrif
    case lrsp
    case moneyMarket
    case mortgage
    case mutualFund
    case nonCustodialWallet
    case nonTaxableBrokerageAccount
    case other
    case otherInsurance
    case otherAnnuity
    case overdraft
    case paypal
    case payroll
    case pension
    case prepaid
    case prif
    case profitSharingPlan
    case qshr
    case rdsp
    case resp
    case retirement
    case rlif
    case roth
    case roth401k
    case roth403b
    case roth457b
    case rothPension
    case rothProfitSharingPlan
    case rothThriftSavingsPlan
    case rrif
    case rrsp
    case sarsep
    case savings
    case sepIRA
    case simpleIRA
    case sipp
    case stockPlan
    case student
    case thriftSavingsPlan
    case tfsa
    case trust
    case ugma
    case utma
    case variableAnnuity
    case recurring
    case rewards
    case safeDeposit
    /// A value Plaid sent that this version of the models does not list.
    case unknown(String)

    public static let knownValues: [AccountSubtype] = [
        .plan401a,
        .plan401k,
        .plan403b,
        .plan457b,
        .plan529,
        .auto,
        .brokerage,
        .business,
        .cashISA,
        .cashManagement,
        .cd,
        .checking,
        .commercial,
        .construction,
        .consumer,
        .creditCard,
        .cryptoExchange,
        .ebt,
        .educationSavingsAccount,
        .fhsa,
        .fixedAnnuity,
        .gic,
        .healthReimbursementArrangement,
        .homeEquity,
        .hsa,
        .isa,
        .ira,
        .keogh,
        .lif,
        .lifeInsurance,
        .limitedPurposeChecking,
        .lineOfCredit,
        .lira,
        .loan,
        .lrif,
        .lrsp,
        .moneyMarket,
        .mortgage,
        .mutualFund,
        .nonCustodialWallet,
        .nonTaxableBrokerageAccount,
        .other,
        .otherInsurance,
        .otherAnnuity,
        .overdraft,
        .paypal,
        .payroll,
        .pension,
        .prepaid,
        .prif,
        .profitSharingPlan,
        .qshr,
        .rdsp,
        .resp,
        .retirement,
        .rlif,
        .roth,
        .roth401k,
        .roth403b,
        .roth457b,
        .rothPension,
        .rothProfitSharingPlan,
        .rothThriftSavingsPlan,
        .rrif,
        .rrsp,
        .sarsep,
        .savings,
        .sepIRA,
        .simpleIRA,
        .sipp,
        .stockPlan,
        .student,
        .thriftSavingsPlan,
        .tfsa,
        .trust,
        .ugma,
        .utma,
        .variableAnnuity,
        .recurring,
        .rewards,
        .safeDeposit,
    ]

    public var rawValue: String {
        switch self {
        case .plan401a: "401a"
        case .plan401k: "401k"
        case .plan403b: "403B"
        case .plan457b: "457b"
        case .plan529: "529"
        case .auto: "auto"
        case .brokerage: "brokerage"
        case .business: "business"
        case .cashISA: "cash isa"
        case .cashManagement: "cash management"
        case .cd: "cd"
        case .checking: "checking"
        case .commercial: "commercial"
        case .construction: "construction"
        case .consumer: "consumer"
        case .creditCard: "credit card"
        case .cryptoExchange: "crypto exchange"
        case .ebt: "ebt"
        case .educationSavingsAccount: "education savings account"
        case .fhsa: "fhsa"
        case .fixedAnnuity: "fixed annuity"
        case .gic: "gic"
        case .healthReimbursementArrangement: "health reimbursement arrangement"
        case .homeEquity: "home equity"
        case .hsa: "hsa"
        case .isa: "isa"
        case .ira: "ira"
        case .keogh: "keogh"
        case .lif: "lif"
        case .lifeInsurance: "life insurance"
        case .limitedPurposeChecking: "limited purpose checking"
        case .lineOfCredit: "line of credit"
        case .lira: "lira"
        case .loan: "loan"
        case .lrif: "lrif"
        case .lrsp: "lrsp"
        case .moneyMarket: "money market"
        case .mortgage: "mortgage"
        case .mutualFund: "mutual fund"
        case .nonCustodialWallet: "non-custodial wallet"
        case .nonTaxableBrokerageAccount: "non-taxable brokerage account"
        case .other: "other"
        case .otherInsurance: "other insurance"
        case .otherAnnuity: "other annuity"
        case .overdraft: "overdraft"
        case .paypal: "paypal"
        case .payroll: "payroll"
        case .pension: "pension"
        case .prepaid: "prepaid"
        case .prif: "prif"
        case .profitSharingPlan: "profit sharing plan"
        case .qshr: "qshr"
        case .rdsp: "rdsp"
        case .resp: "resp"
        case .retirement: "retirement"
        case .rlif: "rlif"
        case .roth: "roth"
        case .roth401k: "roth 401k"
        case .roth403b: "roth 403B"
        case .roth457b: "roth 457b"
        case .rothPension: "roth pension"
        case .rothProfitSharingPlan: "roth profit sharing plan"
        case .rothThriftSavingsPlan: "roth thrift savings plan"
        case .rrif: "rrif"
        case .rrsp: "rrsp"
        case .sarsep: "sarsep"
        case .savings: "savings"
        case .sepIRA: "sep ira"
        case .simpleIRA: "simple ira"
        case .sipp: "sipp"
        case .stockPlan: "stock plan"
        case .student: "student"
        case .thriftSavingsPlan: "thrift savings plan"
        case .tfsa: "tfsa"
        case .trust: "trust"
        case .ugma: "ugma"
        case .utma: "utma"
        case .variableAnnuity: "variable annuity"
        case .recurring: "recurring"
        case .rewards: "rewards"
        case .safeDeposit: "safe deposit"
        case .unknown(let rawValue): rawValue
        }
    }
}
