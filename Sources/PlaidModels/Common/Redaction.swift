/// Masks Plaid tokens so that logs, descriptions and errors can name a token without leaking it.
///
/// A token keeps its kind and environment and shows only its last four characters:
/// `access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6` becomes `access-sandbox-…c0f6`.
/// Tokens with eight characters or fewer after the prefix show no tail at all.
public enum Redaction {
    /// The marker put where the hidden part of a token was.
    public static let ellipsis = "…"

    /// Masks one token.
    public static func maskToken(_ token: String) -> String {
        let prefix = visiblePrefix(of: token)
        let hidden = token.dropFirst(prefix.count)
        let tail = hidden.count > 8 ? String(hidden.suffix(4)) : ""
        return prefix + ellipsis + tail
    }

    /// Masks every token-shaped word in free text, such as a server's error message.
    public static func maskTokens(in text: String) -> String {
        text.replacing(tokenPattern) { match in maskToken(String(match.output)) }
    }

    /// `<kind>-<environment>-` for Plaid tokens, `<kind>_` for tokens such as Stripe's `btok_`.
    private static func visiblePrefix(of token: String) -> String {
        let dashParts = token.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        if dashParts.count == 3, dashParts[0].allSatisfy(\.isLetter), dashParts[1].allSatisfy(\.isLetter) {
            return "\(dashParts[0])-\(dashParts[1])-"
        }
        if let underscore = token.firstIndex(of: "_"), token[..<underscore].allSatisfy(\.isLetter) {
            return String(token[...underscore])
        }
        return ""
    }

    nonisolated(unsafe) private static let tokenPattern =
        /(?:access|public|processor|link)-[a-z]+-[A-Za-z0-9-]+|btok_[A-Za-z0-9]+/
}
