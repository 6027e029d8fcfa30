public import PlaidModels
extension PlaidClient {
    /// Everything a ``PlaidClient`` needs: where to connect, which credentials to send, and how
    /// patient to be. Build it from arguments, or from the process environment with
    /// ``fromEnvironment(_:embeddedBaseURL:)``.
    public struct Configuration: Sendable, CustomStringConvertible {
        /// The API version Plaid-Version is set to unless told otherwise.
        public static let defaultPlaidVersion = PlaidVersion.current.rawValue

        public var environment: PlaidEnvironment
        /// Sent as `PLAID-CLIENT-ID`; not secret, so it may appear in logs.
        public var clientID: String
        /// Sent as `PLAID-SECRET`; never printed.
        public var secret: Secret
        /// Sent as `Plaid-Version`.
        public var plaidVersion: String
        public var timeout: Timeout
        public var retry: RetryPolicy
        /// How many calls may be in flight at once; the connection pool keeps this many
        /// keep-alive connections to the host. Default 8.
        public var maxConcurrentRequests: Int
        /// Responses larger than this fail with ``PlaidClientError/Kind/responseTooLarge``
        /// instead of filling memory. Default 10 MiB.
        public var maxResponseBytes: Int
        /// The URL the credentials were given for, when that is not ``environment``'s own: the
        /// client refuses to send them anywhere else (see ``destinationRefusal()``).
        public var credentialsOrigin: String?
        /// Hosts besides Plaid's and loopback that credentials may go to, over HTTPS.
        public var allowedHosts: AllowedHosts

        public init(
            environment: PlaidEnvironment,
            clientID: String,
            secret: Secret,
            plaidVersion: String = Configuration.defaultPlaidVersion,
            timeout: Timeout = Timeout(),
            retry: RetryPolicy = .standard,
            maxConcurrentRequests: Int = 8,
            maxResponseBytes: Int = 10 * 1024 * 1024,
            credentialsOrigin: String? = nil,
            allowedHosts: AllowedHosts = AllowedHosts()
        ) {
            self.environment = environment
            self.clientID = clientID
            self.secret = secret
            self.plaidVersion = plaidVersion
            self.timeout = timeout
            self.retry = retry
            self.maxConcurrentRequests = max(1, maxConcurrentRequests)
            self.maxResponseBytes = maxResponseBytes
            self.credentialsOrigin = credentialsOrigin
            self.allowedHosts = allowedHosts
        }

        /// Reads `PLAID_ENV`, `PLAID_CLIENT_ID`, `PLAID_SECRET`, `PLAID_VERSION` and
        /// `PLAIDLUA_ALLOWED_HOSTS`.
        ///
        /// `PLAID_ENV` is `embedded`, `sandbox`, `production` or a base URL (`http://…` or
        /// `https://…`). When it is unset, the embedded sandbox is used if `embeddedBaseURL` is
        /// given, and Plaid's sandbox otherwise. Plaid's hosts need both credentials; local
        /// servers get `embedded` for any that is missing.
        ///
        /// - Throws: ``PlaidClientError`` of kind ``PlaidClientError/Kind/invalidConfiguration``
        ///   naming the variable that is wrong or missing.
        public static func fromEnvironment(
            _ variables: [String: String],
            embeddedBaseURL: String? = nil
        ) throws -> Configuration {
            let environment = try parseEnvironment(variables["PLAID_ENV"], embeddedBaseURL: embeddedBaseURL)
            func credential(_ name: String) throws -> String {
                if let value = variables[name], !value.isEmpty { return value }
                guard !environment.requiresCredentials else {
                    throw PlaidClientError.invalidConfiguration("\(name) is not set; the \(environment) environment needs it")
                }
                return "embedded"
            }
            let version = variables["PLAID_VERSION"].flatMap { $0.isEmpty ? nil : $0 }
            return Configuration(
                environment: environment,
                clientID: try credential("PLAID_CLIENT_ID"),
                secret: Secret(try credential("PLAID_SECRET")),
                plaidVersion: version ?? defaultPlaidVersion,
                allowedHosts: try AllowedHosts([variables["PLAIDLUA_ALLOWED_HOSTS"] ?? ""], source: "PLAIDLUA_ALLOWED_HOSTS")
            )
        }

        private static func parseEnvironment(_ value: String?, embeddedBaseURL: String?) throws -> PlaidEnvironment {
            guard let value, !value.isEmpty else { return embeddedBaseURL.map { .embedded(baseURL: $0) } ?? .sandbox }
            switch PlaidEnvironment.Name(value) {
            case .embedded?:
                guard let embeddedBaseURL else {
                    throw PlaidClientError.invalidConfiguration("PLAID_ENV is embedded, but no embedded sandbox is running")
                }
                return .embedded(baseURL: embeddedBaseURL)
            case .server(let environment)?:
                return environment
            case nil:
                throw PlaidClientError.invalidConfiguration("PLAID_ENV is \"\(value)\"; use \(PlaidEnvironment.Name.choices)")
            }
        }

        public var description: String {
            "PlaidClient.Configuration(environment: \(environment), clientID: \(clientID), secret: \(secret), "
                + "plaidVersion: \(plaidVersion), timeout: connect \(timeout.connect) total \(timeout.total), "
                + "retry: \(retry.maxAttempts) attempts, maxConcurrentRequests: \(maxConcurrentRequests), "
                + "allowedHosts: [\(allowedHosts)])"
        }
    }
}
