/// An ISO 3166-1 alpha-2 country code that Plaid supports (`country_codes`).
///
/// Unlisted values decode to ``unknown(_:)`` and encode back unchanged.
public enum CountryCode: OpenEnum {
    case us
    case gb
    case es
    case nl
    case fr
    case ie
    case ca
    case de
    case it
    case pl
    case dk
    case no
    case se
    case ee
    case lt
    case lv
    case pt
    case be
    case at
    case fi
    /// A value Plaid sent that this version of the models does not list.
    case unknown(String)

    public static let knownValues: [CountryCode] = [
        .us,
        .gb,
        .es,
        .nl,
        .fr,
        .ie,
        .ca,
        .de,
        .it,
        .pl,
        .dk,
        .no,
        .se,
        .ee,
        .lt,
        .lv,
        .pt,
        .be,
        .at,
        .fi,
    ]

    public var rawValue: String {
        switch self {
        case .us: "US"
        case .gb: "GB"
        case .es: "ES"
        case .nl: "NL"
        case .fr: "FR"
        case .ie: "IE"
        case .ca: "CA"
        case .de: "DE"
        case .it: "IT"
        case .pl: "PL"
        case .dk: "DK"
        case .no: "NO"
        case .se: "SE"
        case .ee: "EE"
        case .lt: "LT"
        case .lv: "LV"
        case .pt: "PT"
        case .be: "BE"
        case .at: "AT"
        case .fi: "FI"
        case .unknown(let rawValue): rawValue
        }
    }
}
