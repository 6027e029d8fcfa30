/// Why an Item is being removed (`reason_code` in `/item/remove`).
///
/// Unlisted values decode to ``unknown(_:)`` and encode back unchanged.
public enum ItemRemoveReasonCode: OpenEnum {
    case fraudFirstParty
    case fraudFalseIdentity
    case fraudAbuse
    case fraudOther
    case connectionIsNonFunctional
    case other
    /// A value Plaid sent that this version of the models does not list.
    case unknown(String)

    public static let knownValues: [ItemRemoveReasonCode] = [
        .fraudFirstParty,
        .fraudFalseIdentity,
        .fraudAbuse,
        .fraudOther,
        .connectionIsNonFunctional,
        .other,
    ]

    public var rawValue: String {
        switch self {
        case .fraudFirstParty: "FRAUD_FIRST_PARTY"
        case .fraudFalseIdentity: "FRAUD_FALSE_IDENTITY"
        case .fraudAbuse: "FRAUD_ABUSE"
        case .fraudOther: "FRAUD_OTHER"
        case .connectionIsNonFunctional: "CONNECTION_IS_NON_FUNCTIONAL"
        case .other: "OTHER"
        case .unknown(let rawValue): rawValue
        }
    }
}
