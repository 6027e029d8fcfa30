/// The category of a Plaid error (`error_type`); retry decisions look at it.
///
/// Unlisted values decode to ``unknown(_:)`` and encode back unchanged.
public enum PlaidErrorType: OpenEnum {
    case invalidRequest
    case invalidResult
    case invalidInput
    case institutionError
    case rateLimitExceeded
    case apiError
    case itemError
    case assetReportError
    case baseReportError
    case recaptchaError
    case oauthError
    case paymentError
    case bankTransferError
    case incomeVerificationError
    case microdepositsError
    case sandboxError
    case partnerError
    case signalError
    case transactionsError
    case transactionError
    case transferError
    case checkReportError
    case consumerReportError
    case userError
    /// A value Plaid sent that this version of the models does not list.
    case unknown(String)

    public static let knownValues: [PlaidErrorType] = [
        .invalidRequest,
        .invalidResult,
        .invalidInput,
        .institutionError,
        .rateLimitExceeded,
        .apiError,
        .itemError,
        .assetReportError,
        .baseReportError,
        .recaptchaError,
        .oauthError,
        .paymentError,
        .bankTransferError,
        .incomeVerificationError,
        .microdepositsError,
        .sandboxError,
        .partnerError,
        .signalError,
        .transactionsError,
        .transactionError,
        .transferError,
        .checkReportError,
        .consumerReportError,
        .userError,
    ]

    public var rawValue: String {
        switch self {
        case .invalidRequest: "INVALID_REQUEST"
        case .invalidResult: "INVALID_RESULT"
        case .invalidInput: "INVALID_INPUT"
        case .institutionError: "INSTITUTION_ERROR"
        case .rateLimitExceeded: "RATE_LIMIT_EXCEEDED"
        case .apiError: "API_ERROR"
        case .itemError: "ITEM_ERROR"
        case .assetReportError: "ASSET_REPORT_ERROR"
        case .baseReportError: "BASE_REPORT_ERROR"
        case .recaptchaError: "RECAPTCHA_ERROR"
        case .oauthError: "OAUTH_ERROR"
        case .paymentError: "PAYMENT_ERROR"
        case .bankTransferError: "BANK_TRANSFER_ERROR"
        case .incomeVerificationError: "INCOME_VERIFICATION_ERROR"
        case .microdepositsError: "MICRODEPOSITS_ERROR"
        case .sandboxError: "SANDBOX_ERROR"
        case .partnerError: "PARTNER_ERROR"
        case .signalError: "SIGNAL_ERROR"
        case .transactionsError: "TRANSACTIONS_ERROR"
        case .transactionError: "TRANSACTION_ERROR"
        case .transferError: "TRANSFER_ERROR"
        case .checkReportError: "CHECK_REPORT_ERROR"
        case .consumerReportError: "CONSUMER_REPORT_ERROR"
        case .userError: "USER_ERROR"
        case .unknown(let rawValue): rawValue
        }
    }
}
