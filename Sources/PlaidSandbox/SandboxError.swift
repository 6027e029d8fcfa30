public import PlaidModels

/// A Plaid error the sandbox answers with: it knows its HTTP status and renders itself as the
/// Plaid error object, so every failure path produces the same shape.
public struct SandboxError: Error, Sendable, Hashable, CustomStringConvertible {
    public let httpStatus: Int
    public let errorType: PlaidErrorType
    public let errorCode: String
    public let errorMessage: String
    /// Text for an end user, or nil when the error is the developer's to fix.
    public let displayMessage: String?

    public init(httpStatus: Int = 400, type: PlaidErrorType, code: String, message: String, displayMessage: String? = nil) {
        self.httpStatus = httpStatus
        self.errorType = type
        self.errorCode = code
        self.errorMessage = message
        self.displayMessage = displayMessage
    }

    /// The Plaid error object, with `display_message` always present.
    public func plaidError(requestID: String) -> PlaidError {
        PlaidError(
            errorType: errorType,
            errorCode: errorCode,
            errorMessage: .value(errorMessage),
            displayMessage: Nullable(displayMessage),
            requestID: requestID,
            suggestedAction: .null,
            httpStatus: httpStatus
        )
    }

    public var description: String { "\(errorType.rawValue)/\(errorCode): \(errorMessage)" }
}

// MARK: - The errors the sandbox gives, by family

extension SandboxError {
    static func invalidRequest(_ code: String, _ message: String, status: Int = 400) -> SandboxError {
        SandboxError(httpStatus: status, type: .invalidRequest, code: code, message: message)
    }

    static func invalidInput(_ code: String, _ message: String) -> SandboxError {
        SandboxError(type: .invalidInput, code: code, message: message)
    }

    static func invalidBody(_ message: String) -> SandboxError {
        .invalidRequest("INVALID_BODY", message)
    }

    static func missingFields(_ names: [String]) -> SandboxError {
        .invalidRequest("MISSING_FIELDS", "the following required fields are missing: \(names.joined(separator: ", "))")
    }

    static func unknownFields(_ names: [String]) -> SandboxError {
        .invalidRequest("UNKNOWN_FIELDS", "the following fields are not recognized by this endpoint: \(names.joined(separator: ", "))")
    }

    static func invalidField(_ message: String) -> SandboxError {
        .invalidRequest("INVALID_FIELD", message)
    }

    static let notFound = SandboxError.invalidRequest("NOT_FOUND", "not found", status: 404)

    static func methodNotAllowed(_ method: String) -> SandboxError {
        .invalidRequest("METHOD_NOT_ALLOWED", "\(method) is not allowed here; every endpoint takes POST with a JSON body", status: 405)
    }

    static let invalidAPIKeys = SandboxError.invalidInput(
        "INVALID_API_KEYS", "invalid client_id or secret provided; `plaidlua sandbox credentials` lists this sandbox's keys")

    static let invalidAccessToken = SandboxError.invalidInput("INVALID_ACCESS_TOKEN", "could not find matching access token")
    static let malformedAccessToken = SandboxError.invalidInput(
        "INVALID_ACCESS_TOKEN", "provided access token is in an invalid format. expected format: access-<environment>-<identifier>")
    static let invalidPublicToken = SandboxError.invalidInput("INVALID_PUBLIC_TOKEN", "could not find matching public token")
    static let expiredPublicToken = SandboxError.invalidInput(
        "INVALID_PUBLIC_TOKEN", "public token has expired; public tokens are valid for 30 minutes after they are created")
    static let usedPublicToken = SandboxError.invalidInput(
        "INVALID_PUBLIC_TOKEN", "public token has already been exchanged; a public token can be exchanged only once")
    static let malformedPublicToken = SandboxError.invalidInput(
        "INVALID_PUBLIC_TOKEN", "provided public token is in an invalid format. expected format: public-<environment>-<identifier>")
    static let invalidProcessorToken = SandboxError.invalidInput("INVALID_PROCESSOR_TOKEN", "could not find matching processor token")
    static let malformedProcessorToken = SandboxError.invalidInput(
        "INVALID_PROCESSOR_TOKEN", "provided processor token is in an invalid format. expected format: processor-<environment>-<identifier>")
    /// A processor token whose permissions leave out the product an endpoint reads.
    static func productNotPermitted(_ product: String) -> SandboxError {
        .invalidInput("INVALID_PRODUCT", "client is not authorized to access the following products: [\"\(product)\"]")
    }

    static let invalidAccountID = SandboxError.invalidInput("INVALID_ACCOUNT_ID", "failed to find requested account ID for requested item")

    static func invalidProcessor(_ value: String) -> SandboxError {
        .invalidInput("INVALID_PROCESSOR", "the processor \"\(value)\" is not one this sandbox knows; see the processor enum for valid names")
    }

    static func invalidInstitution(_ id: String) -> SandboxError {
        .invalidInput("INVALID_INSTITUTION", "invalid institution_id provided: \(id) is not a sandbox institution")
    }

    static let itemNotFound = SandboxError(
        type: .itemError, code: "ITEM_NOT_FOUND", message: "the Item you requested cannot be found; it was removed with /item/remove")

    static let noAuthAccounts = SandboxError(
        type: .itemError, code: "NO_AUTH_ACCOUNTS",
        message: "this account has no transfer numbers; only checking, savings and cash management accounts do")

    static let invalidCredentials = SandboxError(
        type: .itemError, code: "INVALID_CREDENTIALS",
        message: "the provided credentials were not correct; the sandbox accepts user_good with pass_good",
        displayMessage: "The username or password you entered is not correct. Try again.")

    static func rateLimitExceeded(code: String, path: String) -> SandboxError {
        SandboxError(httpStatus: 429, type: .rateLimitExceeded, code: code,
                     message: "rate limit exceeded for \(path); wait and try again")
    }

    static let internalServerError = SandboxError(
        httpStatus: 500, type: .apiError, code: "INTERNAL_SERVER_ERROR", message: "an unexpected error occurred")
}
