/// What the partner decided about a payment Signal scored (`decision_outcome`).
///
/// Unlisted values decode to ``unknown(_:)`` and encode back unchanged.
public enum SignalDecisionOutcome: OpenEnum {
    case approve
    case review
    case reject
    case takeOtherRiskMeasures
    case notEvaluated
    /// A value Plaid sent that this version of the models does not list.
    case unknown(String)

    public static let knownValues: [SignalDecisionOutcome] = [.approve, .review, .reject, .takeOtherRiskMeasures, .notEvaluated]

    public var rawValue: String {
        switch self {
        case .approve: "APPROVE"
        case .review: "REVIEW"
        case .reject: "REJECT"
        case .takeOtherRiskMeasures: "TAKE_OTHER_RISK_MEASURES"
        case .notEvaluated: "NOT_EVALUATED"
        case .unknown(let rawValue): rawValue
        }
    }
}

/// How a payment Signal scored was sent (`payment_method`).
///
/// Unlisted values decode to ``unknown(_:)`` and encode back unchanged.
public enum SignalPaymentMethod: OpenEnum {
    case sameDayACH
    case nextDayACH
    case standardACH
    case multiplePaymentMethods
    /// A value Plaid sent that this version of the models does not list.
    case unknown(String)

    public static let knownValues: [SignalPaymentMethod] = [.sameDayACH, .nextDayACH, .standardACH, .multiplePaymentMethods]

    public var rawValue: String {
        switch self {
        case .sameDayACH: "SAME_DAY_ACH"
        case .nextDayACH: "NEXT_DAY_ACH"
        case .standardACH: "STANDARD_ACH"
        case .multiplePaymentMethods: "MULTIPLE_PAYMENT_METHODS"
        case .unknown(let rawValue): rawValue
        }
    }
}
