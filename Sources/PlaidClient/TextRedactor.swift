import PlaidModels

/// Cleans text that came from outside (a server's message, an underlying error) before it goes
/// into an error or a log line: tokens are masked and the configured secret is cut out.
struct TextRedactor: Sendable {
    let secret: Secret

    func clean(_ text: String) -> String {
        var text = Redaction.maskTokens(in: text)
        if secret.value.count >= 4 {
            text = text.replacing(secret.value, with: secret.description)
        }
        return text
    }

    /// The same error object with its free-text fields cleaned.
    func clean(_ error: PlaidError) -> PlaidError {
        var error = error
        error.errorMessage = error.errorMessage.value.map { .value(clean($0)) } ?? .null
        error.displayMessage = error.displayMessage.value.map { .value(clean($0)) } ?? .null
        return error
    }
}
