/// A short-lived token from Link (or the sandbox) that is exchanged once for an access token.
public struct PublicToken: PlaidToken {
    public let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }
}
