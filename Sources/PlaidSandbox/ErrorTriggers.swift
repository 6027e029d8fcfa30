import PlaidModels

/// The test passwords that put a new Item into a Plaid error: `error_<CODE>` given as
/// `options.override_password` when the Item is created. The Item is created normally and then
/// answers every data call (`/accounts/get`, `/processor/*/get`) with that error, so scripts can
/// exercise their error handling end to end.
enum ErrorTriggers {
    static let passwordPrefix = "error_"

    /// The error a trigger code stands for, or nil when the sandbox cannot produce it.
    static func error(forCode code: String) -> SandboxError? {
        if let displayMessage = itemErrors[code] {
            return SandboxError(type: .itemError, code: code, message: itemMessage(code), displayMessage: displayMessage)
        }
        if let displayMessage = institutionErrors[code] {
            return SandboxError(type: .institutionError, code: code, message: "the institution failed to answer (\(code))",
                                displayMessage: displayMessage)
        }
        if code == "INTERNAL_SERVER_ERROR" { return .internalServerError }
        return nil
    }

    /// Every code a trigger password may name, for error messages and docs.
    static var knownCodes: [String] {
        (Array(itemErrors.keys) + Array(institutionErrors.keys) + ["INTERNAL_SERVER_ERROR"]).sorted()
    }

    /// Item errors and their display message; nil where Plaid sends null because the user cannot act.
    private static let itemErrors: [String: String?] = [
        "ITEM_LOGIN_REQUIRED": nil,
        "INVALID_CREDENTIALS": "The username or password you entered is not correct. Try again.",
        "INVALID_MFA": "The answer to the security question was not correct. Try again.",
        "ITEM_LOCKED": "Too many attempts: the account is locked. Contact your bank, then try again.",
        "ITEM_NOT_SUPPORTED": "This account cannot be connected yet.",
        "NO_ACCOUNTS": "No accounts that can be used were found at this bank.",
        "NO_AUTH_ACCOUNTS": nil,
        "INSUFFICIENT_CREDENTIALS": "INSUFFICIENT_CREDENTIALS",
        "MFA_NOT_SUPPORTED": "This kind of security check is not supported for this bank yet.",
        "USER_SETUP_REQUIRED": "Finish setting up the account on your bank's website, then try again.",
        "ACCESS_NOT_GRANTED": "Access to the account was not granted. Connect it again and allow access.",
        "PRODUCT_NOT_READY": nil,
        "PRODUCTS_NOT_SUPPORTED": nil,
    ]

    private static let institutionErrors: [String: String] = [
        "INSTITUTION_DOWN": "This bank is not available right now. Try again later.",
        "INSTITUTION_NOT_RESPONDING": "This bank is not answering right now. Try again later.",
        "INSTITUTION_NOT_AVAILABLE": "This bank is not available right now. Try again later.",
        "INSTITUTION_NO_LONGER_SUPPORTED": "This bank can no longer be connected.",
    ]

    private static func itemMessage(_ code: String) -> String {
        switch code {
        case "ITEM_LOGIN_REQUIRED": "the login details of this Item have changed; send the user through Link's update mode"
        case "PRODUCT_NOT_READY": "the requested product is not ready yet; try again later"
        default: "the Item is in the \(code) state (set by its sandbox test password)"
        }
    }
}
