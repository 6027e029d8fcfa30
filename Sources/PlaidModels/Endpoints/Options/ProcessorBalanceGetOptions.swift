/// Options of `/processor/balance/get`.
public struct ProcessorBalanceGetOptions: Codable, Hashable, Sendable {
    /// Oldest acceptable balance time (ISO 8601); only some institutions use it.
    public var minLastUpdatedDatetime: String?

    public init(
        minLastUpdatedDatetime: String? = nil
    ) {
        self.minLastUpdatedDatetime = minLastUpdatedDatetime
    }

    enum CodingKeys: String, CodingKey {
        case minLastUpdatedDatetime = "min_last_updated_datetime"
    }
}
