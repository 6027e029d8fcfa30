/// Bank income settings for a sandbox Item.
public struct SandboxBankIncomeOptions: Codable, Hashable, Sendable {
    /// Days of history to base income on.
    public var daysRequested: Int?

    public init(
        daysRequested: Int? = nil
    ) {
        self.daysRequested = daysRequested
    }

    enum CodingKeys: String, CodingKey {
        case daysRequested = "days_requested"
    }
}
