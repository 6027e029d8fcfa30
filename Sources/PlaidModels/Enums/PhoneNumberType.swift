/// What kind of phone number an owner record lists (`type`).
///
/// Unlisted values decode to ``unknown(_:)`` and encode back unchanged.
public enum PhoneNumberType: OpenEnum {
    case home
    case work
    case office
    case mobile
    case mobile1
    case other
    /// A value Plaid sent that this version of the models does not list.
    case unknown(String)

    public static let knownValues: [PhoneNumberType] = [
        .home,
        .work,
        .office,
        .mobile,
        .mobile1,
        .other,
    ]

    public var rawValue: String {
        switch self {
        case .home: "home"
        case .work: "work"
        case .office: "office"
        case .mobile: "mobile"
        case .mobile1: "mobile1"
        case .other: "other"
        case .unknown(let rawValue): rawValue
        }
    }
}
