/// Statement range for a sandbox Item.
public struct SandboxStatementsOptions: Codable, Hashable, Sendable {
    /// First day covered (YYYY-MM-DD).
    public var startDate: String
    /// Last day covered (YYYY-MM-DD).
    public var endDate: String

    public init(
        startDate: String,
        endDate: String
    ) {
        self.startDate = startDate
        self.endDate = endDate
    }

    enum CodingKeys: String, CodingKey {
        case startDate = "start_date"
        case endDate = "end_date"
    }
}
