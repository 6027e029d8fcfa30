/// What kind of email address an owner record lists (`type`).
///
/// Unlisted values decode to ``unknown(_:)`` and encode back unchanged.
public enum EmailType: OpenEnum {
    case primary
    case secondary
    case other
    /// A value Plaid sent that this version of the models does not list.
    case unknown(String)

    public static let knownValues: [EmailType] = [
        .primary,
        .secondary,
        .other,
    ]

    public var rawValue: String {
        switch self {
        case .primary: "primary"
        case .secondary: "secondary"
        case .other: "other"
        case .unknown(let rawValue): rawValue
        }
    }
}
