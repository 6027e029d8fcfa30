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

extension PlaidEnvironment {
    /// An environment as people write it, in `PLAID_ENV`, a profile's `env` or a client's `env`
    /// or `base_url`: `embedded`, `sandbox` or `production` in any case, or a base URL starting
    /// `http://` or `https://`. The one reading of these names, for the client's configuration
    /// and the `plaid` module alike.
    public enum Name: Hashable, Sendable, CustomStringConvertible {
        /// The sandbox `plaidlua` runs in-process, whose URL is known only once it has started.
        case embedded
        /// A server the name itself locates.
        case server(PlaidEnvironment)

        /// What a name may be, for messages that refuse one.
        public static let choices = "embedded, sandbox, production or a base URL"

        /// `nil` for anything but the names above; a URL is kept as written.
        public init?(_ text: String) {
            switch text.lowercased() {
            case "embedded": self = .embedded
            case "sandbox": self = .server(.sandbox)
            case "production": self = .server(.production)
            case let lowered where lowered.hasPrefix("http://") || lowered.hasPrefix("https://"):
                self = .server(.custom(baseURL: text))
            default: return nil
            }
        }

        /// `embedded`, `sandbox`, `production` or the URL: how clients and the audit log name
        /// their environment.
        public var description: String {
            switch self {
            case .embedded: "embedded"
            case .server(let environment): environment.description
            }
        }
    }
}
