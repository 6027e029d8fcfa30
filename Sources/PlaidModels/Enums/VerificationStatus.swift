/// Where an account stands in Auth verification (`verification_status`).
///
/// Unlisted values decode to ``unknown(_:)`` and encode back unchanged.
public enum VerificationStatus: OpenEnum {
    case automaticallyVerified
    case pendingAutomaticVerification
    case pendingManualVerification
    case unsent
    case manuallyVerified
    case verificationExpired
    case verificationFailed
    case databaseMatched
    case databaseInsightsPass
    case databaseInsightsPassWithCaution
    case databaseInsightsFail
    /// A value Plaid sent that this version of the models does not list.
    case unknown(String)

    public static let knownValues: [VerificationStatus] = [
        .automaticallyVerified,
        .pendingAutomaticVerification,
        .pendingManualVerification,
        .unsent,
        .manuallyVerified,
        .verificationExpired,
        .verificationFailed,
        .databaseMatched,
        .databaseInsightsPass,
        .databaseInsightsPassWithCaution,
        .databaseInsightsFail,
    ]

    public var rawValue: String {
        switch self {
        case .automaticallyVerified: "automatically_verified"
        case .pendingAutomaticVerification: "pending_automatic_verification"
        case .pendingManualVerification: "pending_manual_verification"
        case .unsent: "unsent"
        case .manuallyVerified: "manually_verified"
        case .verificationExpired: "verification_expired"
        case .verificationFailed: "verification_failed"
        case .databaseMatched: "database_matched"
        case .databaseInsightsPass: "database_insights_pass"
        case .databaseInsightsPassWithCaution: "database_insights_pass_with_caution"
        case .databaseInsightsFail: "database_insights_fail"
        case .unknown(let rawValue): rawValue
        }
    }
}
