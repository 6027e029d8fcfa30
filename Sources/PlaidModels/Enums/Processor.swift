/// The partner a processor token is created for (`processor` in `/processor/token/create`).
///
/// Unlisted values decode to ``unknown(_:)`` and encode back unchanged.
public enum Processor: OpenEnum {
    case dwolla
    case galileo
    case modernTreasury
    case ocrolus
    case vesta
    case drivewealth
    case vopay
    case achq
    case check
    case checkbook
    case circle
    case silaMoney
    case rize
    case svbApi
    case unit
    case wyre
    case lithic
    case alpaca
    case astra
    case moov
    case treasuryPrime
    case marqeta
    case checkout
    case solid
    case highnote
    case gemini
    case apexClearing
    case gusto
    case adyen
    case atomic
    case i2c
    case wepay
    case riskified
    case utb
    case adpRoll
    case fortressTrust
    case bond
    case bakkt
    case teal
    case zeroHash
    case tabaPay
    case knot
    case sardine
    case alloy
    case finix
    case nuvei
    case layer
    case boom
    case paynote
    case stake
    case wedbush
    case esusu
    case ansa
    case scribeup
    case straddle
    case loanpro
    case bloomCredit
    case sfox
    case brale
    case parafin
    case cardless
    case openLedger
    case valon
    case gainbridge
    case cardlytics
    case pinwheel
    case threadBank
    case array
    case fiant
    case oatfi
    case curinos
    case frame
    case interchecks
    case interchange
    case atomicfi
    case primeTrust
    /// A value Plaid sent that this version of the models does not list.
    case unknown(String)

    public static let knownValues: [Processor] = [
        .dwolla,
        .galileo,
        .modernTreasury,
        .ocrolus,
        .vesta,
        .drivewealth,
        .vopay,
        .achq,
        .check,
        .checkbook,
        .circle,
        .silaMoney,
        .rize,
        .svbApi,
        .unit,
        .wyre,
        .lithic,
        .alpaca,
        .astra,
        .moov,
        .treasuryPrime,
        .marqeta,
        .checkout,
        .solid,
        .highnote,
        .gemini,
        .apexClearing,
        .gusto,
        .adyen,
        .atomic,
        .i2c,
        .wepay,
        .riskified,
        .utb,
        .adpRoll,
        .fortressTrust,
        .bond,
        .bakkt,
        .teal,
        .zeroHash,
        .tabaPay,
        .knot,
        .sardine,
        .alloy,
        .finix,
        .nuvei,
        .layer,
        .boom,
        .paynote,
        .stake,
        .wedbush,
        .esusu,
        .ansa,
        .scribeup,
        .straddle,
        .loanpro,
        .bloomCredit,
        .sfox,
        .brale,
        .parafin,
        .cardless,
        .openLedger,
        .valon,
        .gainbridge,
        .cardlytics,
        .pinwheel,
        .threadBank,
        .array,
        .fiant,
        .oatfi,
        .curinos,
        .frame,
        .interchecks,
        .interchange,
        .atomicfi,
        .primeTrust,
    ]

    public var rawValue: String {
        switch self {
        case .dwolla: "dwolla"
        case .galileo: "galileo"
        case .modernTreasury: "modern_treasury"
        case .ocrolus: "ocrolus"
        case .vesta: "vesta"
        case .drivewealth: "drivewealth"
        case .vopay: "vopay"
        case .achq: "achq"
        case .check: "check"
        case .checkbook: "checkbook"
        case .circle: "circle"
        case .silaMoney: "sila_money"
        case .rize: "rize"
        case .svbApi: "svb_api"
        case .unit: "unit"
        case .wyre: "wyre"
        case .lithic: "lithic"
        case .alpaca: "alpaca"
        case .astra: "astra"
        case .moov: "moov"
        case .treasuryPrime: "treasury_prime"
        case .marqeta: "marqeta"
        case .checkout: "checkout"
        case .solid: "solid"
        case .highnote: "highnote"
        case .gemini: "gemini"
        case .apexClearing: "apex_clearing"
        case .gusto: "gusto"
        case .adyen: "adyen"
        case .atomic: "atomic"
        case .i2c: "i2c"
        case .wepay: "wepay"
        case .riskified: "riskified"
        case .utb: "utb"
        case .adpRoll: "adp_roll"
        case .fortressTrust: "fortress_trust"
        case .bond: "bond"
        case .bakkt: "bakkt"
        case .teal: "teal"
        case .zeroHash: "zero_hash"
        case .tabaPay: "taba_pay"
        case .knot: "knot"
        case .sardine: "sardine"
        case .alloy: "alloy"
        case .finix: "finix"
        case .nuvei: "nuvei"
        case .layer: "layer"
        case .boom: "boom"
        case .paynote: "paynote"
        case .stake: "stake"
        case .wedbush: "wedbush"
        case .esusu: "esusu"
        case .ansa: "ansa"
        case .scribeup: "scribeup"
        case .straddle: "straddle"
        case .loanpro: "loanpro"
        case .bloomCredit: "bloom_credit"
        case .sfox: "sfox"
        case .brale: "brale"
        case .parafin: "parafin"
        case .cardless: "cardless"
        case .openLedger: "open_ledger"
        case .valon: "valon"
        case .gainbridge: "gainbridge"
        case .cardlytics: "cardlytics"
        case .pinwheel: "pinwheel"
        case .threadBank: "thread_bank"
        case .array: "array"
        case .fiant: "fiant"
        case .oatfi: "oatfi"
        case .curinos: "curinos"
        case .frame: "frame"
        case .interchecks: "interchecks"
        case .interchange: "interchange"
        case .atomicfi: "atomicfi"
        case .primeTrust: "prime_trust"
        case .unknown(let rawValue): rawValue
        }
    }
}
