/// Where a transaction was made (`payment_channel`).
///
/// Unlisted values decode to ``unknown(_:)`` and encode back unchanged.
public enum PaymentChannel: OpenEnum {
    case online
    case inStore
    case other
    /// A value Plaid sent that this version of the models does not list.
    case unknown(String)

    public static let knownValues: [PaymentChannel] = [.online, .inStore, .other]

    public var rawValue: String {
        switch self {
        case .online: "online"
        case .inStore: "in store"
        case .other: "other"
        case .unknown(let rawValue): rawValue
        }
    }
}
