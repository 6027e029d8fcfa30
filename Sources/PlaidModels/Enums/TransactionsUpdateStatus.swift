/// How far Plaid has got pulling an Item's transactions (`transactions_update_status`).
///
/// Unlisted values decode to ``unknown(_:)`` and encode back unchanged.
public enum TransactionsUpdateStatus: OpenEnum {
    case transactionsUpdateStatusUnknown
    case notReady
    case initialUpdateComplete
    case historicalUpdateComplete
    /// A value Plaid sent that this version of the models does not list.
    case unknown(String)

    public static let knownValues: [TransactionsUpdateStatus] = [
        .transactionsUpdateStatusUnknown, .notReady, .initialUpdateComplete, .historicalUpdateComplete,
    ]

    public var rawValue: String {
        switch self {
        case .transactionsUpdateStatusUnknown: "TRANSACTIONS_UPDATE_STATUS_UNKNOWN"
        case .notReady: "NOT_READY"
        case .initialUpdateComplete: "INITIAL_UPDATE_COMPLETE"
        case .historicalUpdateComplete: "HISTORICAL_UPDATE_COMPLETE"
        case .unknown(let rawValue): rawValue
        }
    }
}
