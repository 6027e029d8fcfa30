/// The broad kind of a financial account (`type`).
///
/// Unlisted values decode to ``unknown(_:)`` and encode back unchanged.
public enum AccountType: OpenEnum {
    case investment
    case credit
    case depository
    case loan
    case brokerage
    case other
    /// A value Plaid sent that this version of the models does not list.
    case unknown(String)

    public static let knownValues: [AccountType] = [
        .investment,
        .credit,
        .depository,
        .loan,
        .brokerage,
        .other,
    ]

    public var rawValue: String {
        switch self {
        case .investment: "investment"
        case .credit: "credit"
        case .depository: "depository"
        case .loan: "loan"
        case .brokerage: "brokerage"
        case .other: "other"
        case .unknown(let rawValue): rawValue
        }
    }
}
