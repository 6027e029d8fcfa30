/// The API versions a client can ask for in the `Plaid-Version` header. The models are those of
/// ``current``; older versions answer in older shapes (docs/sandbox.md lists the differences).
public enum PlaidVersion: String, Sendable, Comparable, CaseIterable {
    case v2017_03_08 = "2017-03-08"
    case v2018_05_22 = "2018-05-22"
    case v2019_05_29 = "2019-05-29"
    case v2020_09_14 = "2020-09-14"

    /// The version the models follow, and what a request without the header gets.
    public static let current = PlaidVersion.v2020_09_14

    public static func < (lhs: PlaidVersion, rhs: PlaidVersion) -> Bool { lhs.rawValue < rhs.rawValue }
}
