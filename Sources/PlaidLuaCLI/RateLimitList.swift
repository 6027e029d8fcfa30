import PlaidModels
import PlaidSandbox

extension RateLimit {
    struct ListError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Parses `ENDPOINT=N/s` entries, as `--rate-limit` and `PLAIDLUA_SANDBOX_RATE_LIMITS` give them.
    static func parseList(_ entries: [String]) throws(ListError) -> [String: RateLimit] {
        var limits: [String: RateLimit] = [:]
        for text in entries {
            let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let limit = RateLimit(parsing: parts[1]) else {
                throw ListError(message: "\(text) is not ENDPOINT=N/s, such as processor_auth_get=10/s")
            }
            guard PlaidEndpoint.named(methodName: parts[0]) != nil else {
                throw ListError(message: "names \(parts[0]), which is not an endpoint; use one of "
                    + PlaidAPI.endpoints.map(\.methodName).joined(separator: ", "))
            }
            limits[parts[0]] = limit
        }
        return limits
    }
}
