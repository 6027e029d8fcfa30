/// Lets a partner reach exactly one account of an Item.
public struct ProcessorToken: PlaidToken {
    public let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }
}
