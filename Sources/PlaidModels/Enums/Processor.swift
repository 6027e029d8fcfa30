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

    public init(rawValue: String) {
        switch rawValue {
        case "dwolla": self = .dwolla
        case "galileo": self = .galileo
        case "modern_treasury": self = .modernTreasury
        case "ocrolus": self = .ocrolus
        case "vesta": self = .vesta
        case "drivewealth": self = .drivewealth
        case "vopay": self = .vopay
        case "achq": self = .achq
        case "check": self = .check
        case "checkbook": self = .checkbook
        case "circle": self = .circle
        case "sila_money": self = .silaMoney
        case "rize": self = .rize
        case "svb_api": self = .svbApi
        case "unit": self = .unit
        case "wyre": self = .wyre
        case "lithic": self = .lithic
        case "alpaca": self = .alpaca
        case "astra": self = .astra
        case "moov": self = .moov
        case "treasury_prime": self = .treasuryPrime
        case "marqeta": self = .marqeta
        case "checkout": self = .checkout
        case "solid": self = .solid
        case "highnote": self = .highnote
        case "gemini": self = .gemini
        case "apex_clearing": self = .apexClearing
        case "gusto": self = .gusto
        case "adyen": self = .adyen
        case "atomic": self = .atomic
        case "i2c": self = .i2c
        case "wepay": self = .wepay
        case "riskified": self = .riskified
        case "utb": self = .utb
        case "adp_roll": self = .adpRoll
        case "fortress_trust": self = .fortressTrust
        case "bond": self = .bond
        case "bakkt": self = .bakkt
        case "teal": self = .teal
        case "zero_hash": self = .zeroHash
        case "taba_pay": self = .tabaPay
        case "knot": self = .knot
        case "sardine": self = .sardine
        case "alloy": self = .alloy
        case "finix": self = .finix
        case "nuvei": self = .nuvei
        case "layer": self = .layer
        case "boom": self = .boom
        case "paynote": self = .paynote
        case "stake": self = .stake
        case "wedbush": self = .wedbush
        case "esusu": self = .esusu
        case "ansa": self = .ansa
        case "scribeup": self = .scribeup
        case "straddle": self = .straddle
        case "loanpro": self = .loanpro
        case "bloom_credit": self = .bloomCredit
        case "sfox": self = .sfox
        case "brale": self = .brale
        case "parafin": self = .parafin
        case "cardless": self = .cardless
        case "open_ledger": self = .openLedger
        case "valon": self = .valon
        case "gainbridge": self = .gainbridge
        case "cardlytics": self = .cardlytics
        case "pinwheel": self = .pinwheel
        case "thread_bank": self = .threadBank
        case "array": self = .array
        case "fiant": self = .fiant
        case "oatfi": self = .oatfi
        case "curinos": self = .curinos
        case "frame": self = .frame
        case "interchecks": self = .interchecks
        case "interchange": self = .interchange
        case "atomicfi": self = .atomicfi
        case "prime_trust": self = .primeTrust
        default: self = .unknown(rawValue)
        }
    }

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
