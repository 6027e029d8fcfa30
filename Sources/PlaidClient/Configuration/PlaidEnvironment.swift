/// Which server the client talks to.
public enum PlaidEnvironment: Sendable, Hashable, CustomStringConvertible {
    /// The sandbox that `plaidlua` runs in-process, at the base URL it was started on.
    case embedded(baseURL: String)
    /// Plaid's own sandbox, `https://sandbox.plaid.com`.
    case sandbox
    /// Plaid's production API, `https://production.plaid.com`.
    case production
    /// Any other server speaking the Plaid API, such as a proxy or a test server.
    case custom(baseURL: String)

    /// The URL every endpoint path is appended to, without a trailing slash.
    public var baseURL: String {
        let url: String
        switch self {
        case .embedded(let baseURL), .custom(let baseURL): url = baseURL
        case .sandbox: url = "https://sandbox.plaid.com"
        case .production: url = "https://production.plaid.com"
        }
        return url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    /// Plaid's hosts refuse unknown credentials; local servers may not need any.
    public var requiresCredentials: Bool {
        switch self {
        case .sandbox, .production: true
        case .embedded, .custom: false
        }
    }

    public var description: String {
        switch self {
        case .embedded(let baseURL): "embedded (\(baseURL))"
        case .sandbox: "sandbox"
        case .production: "production"
        case .custom(let baseURL): baseURL
        }
    }
}
