/// The error object Plaid returns in the body of a failed call, plus the HTTP status it came with.
///
/// Decide what to do from ``errorType`` and ``errorCode``; ``errorMessage`` is meant for
/// developers and may change wording at any time.
public struct PlaidError: Codable, Hashable, Sendable {
    public var errorType: PlaidErrorType
    /// A stable code such as `INVALID_ACCESS_TOKEN`, safe to branch on.
    public var errorCode: String
    /// A finer reason, set only for some OAuth errors.
    public var errorCodeReason: Nullable<String>?
    /// Text for developers. Plaid's schema marks it non-null, but some documented errors carry
    /// `null`, so it is accepted here rather than failing the whole error.
    public var errorMessage: Nullable<String>
    /// Text fit to show an end user, or null when the error is not the user's to fix.
    public var displayMessage: Nullable<String>
    public var requestID: String?
    /// Per-Item causes of report errors, kept as raw JSON.
    public var causes: [JSONValue]?
    /// The HTTP status as written in the body; only errors delivered by webhook carry it.
    public var status: Nullable<Int>?
    public var documentationURL: String?
    public var suggestedAction: Nullable<String>?
    public var requiredAccountSubtypes: [String]?
    public var providedAccountSubtypes: [String]?
    /// The HTTP status of the response that carried this error; not part of the JSON object.
    public var httpStatus: Int?

    public init(
        errorType: PlaidErrorType,
        errorCode: String,
        errorCodeReason: Nullable<String>? = nil,
        errorMessage: Nullable<String>,
        displayMessage: Nullable<String> = .null,
        requestID: String? = nil,
        causes: [JSONValue]? = nil,
        status: Nullable<Int>? = nil,
        documentationURL: String? = nil,
        suggestedAction: Nullable<String>? = nil,
        requiredAccountSubtypes: [String]? = nil,
        providedAccountSubtypes: [String]? = nil,
        httpStatus: Int? = nil
    ) {
        self.errorType = errorType
        self.errorCode = errorCode
        self.errorCodeReason = errorCodeReason
        self.errorMessage = errorMessage
        self.displayMessage = displayMessage
        self.requestID = requestID
        self.causes = causes
        self.status = status
        self.documentationURL = documentationURL
        self.suggestedAction = suggestedAction
        self.requiredAccountSubtypes = requiredAccountSubtypes
        self.providedAccountSubtypes = providedAccountSubtypes
        self.httpStatus = httpStatus
    }

    enum CodingKeys: String, CodingKey {
        case errorType = "error_type"
        case errorCode = "error_code"
        case errorCodeReason = "error_code_reason"
        case errorMessage = "error_message"
        case displayMessage = "display_message"
        case requestID = "request_id"
        case causes
        case status
        case documentationURL = "documentation_url"
        case suggestedAction = "suggested_action"
        case requiredAccountSubtypes = "required_account_subtypes"
        case providedAccountSubtypes = "provided_account_subtypes"
    }
}
