/// Grants access to one Item's data; it does not expire, so treat it like a password.
public struct AccessToken: PlaidToken {
    public let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }
}
