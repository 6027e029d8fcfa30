public import PlaidModels

/// Why a call failed: Plaid answered with an error object, or the call never got a usable answer.
///
/// Compare ``kind`` with the static kinds (`error.kind == .connectionRefused`); more kinds may be
/// added without breaking callers. ``description`` names what happened and the host, with tokens
/// masked and the secret removed. ``Kind/description`` carries no details at all, so it is safe
/// for metrics and terse logs.
public struct PlaidClientError: Error, Sendable, CustomStringConvertible {
    /// The category of a failure.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Code: String {
            case plaidError, connectionRefused, connectionReset, connectTimeout, timeout, hostNotFound,
                tlsFailure, responseNotJSON, responseTooLarge, unexpectedResponse, invalidRequest,
                invalidConfiguration, transportFailure, destinationRefused
        }

        private let code: Code

        /// Plaid answered with its error object; see ``PlaidClientError/plaidError``.
        public static let plaidError = Kind(code: .plaidError)
        /// Nothing listens at the host and port.
        public static let connectionRefused = Kind(code: .connectionRefused)
        /// The connection closed before a complete response arrived.
        public static let connectionReset = Kind(code: .connectionReset)
        /// No connection could be made within the connect timeout.
        public static let connectTimeout = Kind(code: .connectTimeout)
        /// The response did not complete within the total timeout.
        public static let timeout = Kind(code: .timeout)
        /// The host name could not be resolved.
        public static let hostNotFound = Kind(code: .hostNotFound)
        /// The TLS handshake failed, for example over an untrusted certificate.
        public static let tlsFailure = Kind(code: .tlsFailure)
        /// The response body is not JSON, such as a proxy's HTML error page.
        public static let responseNotJSON = Kind(code: .responseNotJSON)
        /// The response body exceeded the configured limit.
        public static let responseTooLarge = Kind(code: .responseTooLarge)
        /// JSON that is neither the expected response nor a Plaid error object.
        public static let unexpectedResponse = Kind(code: .unexpectedResponse)
        /// The request could not be built, such as a path that does not start with `/`.
        public static let invalidRequest = Kind(code: .invalidRequest)
        /// The configuration is incomplete or contradictory.
        public static let invalidConfiguration = Kind(code: .invalidConfiguration)
        /// Any other network failure.
        public static let transportFailure = Kind(code: .transportFailure)
        /// The credentials were not sent: the URL is not one they may travel to (see
        /// ``PlaidClient/Configuration/destinationRefusal()``). Nothing was connected to.
        public static let destinationRefused = Kind(code: .destinationRefused)

        public var description: String { code.rawValue }
    }

    public let kind: Kind
    /// What happened, in words fit for a log: tokens masked, the secret never included.
    public let message: String
    /// The host (and port) the call went to; empty for configuration errors.
    public let host: String
    /// The endpoint path; empty for configuration errors.
    public let path: String
    /// The HTTP status, when a response arrived.
    public let httpStatus: Int?
    /// The `request_id` of the failed call, when the server sent one.
    public let requestID: String?
    /// Plaid's error object, for ``Kind/plaidError``, with ``PlaidError/httpStatus`` set and
    /// tokens masked in its messages.
    public let plaidError: PlaidError?
    /// How many attempts were made before giving up.
    public internal(set) var attempts: Int
    /// Whether the request may have reached the server; decides whether a write is retried.
    let mayHaveReachedServer: Bool
    /// Whether the failure is transient, i.e. worth retrying at all.
    let isTransient: Bool
    /// Whether repeating the same call may succeed and cannot do anything twice: a rate limit,
    /// or a transient failure of a read or of a write that never reached the server.
    public internal(set) var isRetryable: Bool
    /// How long the server asked the client to wait (`Retry-After`), when it said.
    var retryAfter: Duration?

    /// Plaid answered `RATE_LIMIT_EXCEEDED`: the call was turned away before it did anything, so
    /// even a write may be repeated.
    var wasRefusedByRateLimit: Bool { plaidError?.errorType == .rateLimitExceeded }

    init(
        kind: Kind,
        message: String,
        host: String,
        path: String,
        httpStatus: Int? = nil,
        requestID: String? = nil,
        plaidError: PlaidError? = nil,
        mayHaveReachedServer: Bool,
        isTransient: Bool
    ) {
        self.kind = kind
        self.message = message
        self.host = host
        self.path = path
        self.httpStatus = httpStatus
        self.requestID = requestID
        self.plaidError = plaidError
        self.attempts = 1
        self.mayHaveReachedServer = mayHaveReachedServer
        self.isTransient = isTransient
        self.isRetryable = isTransient && !mayHaveReachedServer
    }

    static func invalidConfiguration(_ message: String) -> PlaidClientError {
        PlaidClientError(kind: .invalidConfiguration, message: message, host: "", path: "",
                         mayHaveReachedServer: false, isTransient: false)
    }

    public var description: String {
        var text = "PlaidClientError.\(kind): \(message)"
        if let requestID { text += " [request_id \(requestID)]" }
        if attempts > 1 { text += " (after \(attempts) attempts)" }
        return text
    }
}
