/// A one-time token that Stripe turns into a bank account.
public struct StripeBankAccountToken: PlaidToken {
    public let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }
}
