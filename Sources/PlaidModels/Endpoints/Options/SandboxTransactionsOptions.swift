/// Transactions history to generate for a sandbox Item.
public struct SandboxTransactionsOptions: Codable, Hashable, Sendable {
    /// First day of generated history (YYYY-MM-DD).
    public var startDate: String?
    /// Last day of generated history (YYYY-MM-DD).
    public var endDate: String?
    /// How many days of history to generate.
    public var daysRequested: Int?

    public init(
        startDate: String? = nil,
        endDate: String? = nil,
        daysRequested: Int? = nil
    ) {
        self.startDate = startDate
        self.endDate = endDate
        self.daysRequested = daysRequested
    }

    enum CodingKeys: String, CodingKey {
        case startDate = "start_date"
        case endDate = "end_date"
        case daysRequested = "days_requested"
    }
}
