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

    /// The same error object with every text a server could echo a token into cleaned:
    /// messages, the reason, the suggested action and the causes.
    func clean(_ error: PlaidError) -> PlaidError {
        var error = error
        error.errorMessage = clean(error.errorMessage)
        error.displayMessage = clean(error.displayMessage)
        error.errorCodeReason = error.errorCodeReason.map(clean)
        error.suggestedAction = error.suggestedAction.map(clean)
        error.causes = error.causes?.map(clean)
        return error
    }

    private func clean(_ text: Nullable<String>) -> Nullable<String> {
        text.value.map { .value(clean($0)) } ?? .null
    }

    private func clean(_ json: JSONValue) -> JSONValue {
        switch json {
        case .string(let text): .string(clean(text))
        case .array(let values): .array(values.map(clean))
        case .object(let members): .object(members.mapValues(clean))
        case .null, .bool, .integer, .double: json
        }
    }
}
