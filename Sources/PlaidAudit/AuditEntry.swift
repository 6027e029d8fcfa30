public import Foundation
public import PlaidClient

/// One call in the audit log, with the labels of the run that made it. It holds a token only
/// masked and never a secret: it is built from a ``PlaidCallRecord``, which holds neither.
public struct AuditEntry: Sendable, Hashable {
    public var time: Date
    /// The profile the client's credentials came from; `nil` when none was named.
    public var profile: String?
    /// `embedded`, `sandbox`, `production`, or the base URL of a custom environment.
    public var environment: String
    /// The method name, such as `processor_auth_get`.
    public var endpoint: String
    /// The request's token, masked (`processor-sandbox-…9f2c`).
    public var token: String?
    public var requestID: String?
    /// The HTTP status of the last answer; `nil` when none arrived.
    public var status: Int?
    /// Plaid's `error_type`, or `transport` for a call that got no usable answer.
    public var errorType: String?
    /// Plaid's `error_code`, or for `transport` the reason (`connectionRefused`, `timeout`, …).
    public var errorCode: String?
    public var attempts: Int
    public var latencyMilliseconds: Double
    /// Which run made the call: the script, `-e`, `repl` or `batch <handler>`, with the process
    /// id and start time that tell runs apart.
    public var run: String

    /// What `errorType` says for a call that got no usable answer.
    public static let transportErrorType = "transport"

    public init(time: Date, profile: String?, environment: String, endpoint: String, token: String?, requestID: String?,
                status: Int?, errorType: String?, errorCode: String?, attempts: Int, latencyMilliseconds: Double, run: String) {
        self.time = time
        self.profile = profile
        self.environment = environment
        self.endpoint = endpoint
        self.token = token
        self.requestID = requestID
        self.status = status
        self.errorType = errorType
        self.errorCode = errorCode
        self.attempts = attempts
        self.latencyMilliseconds = latencyMilliseconds
        self.run = run
    }

    public init(_ call: PlaidCallRecord, profile: String?, environment: String, run: String) {
        let latency = call.latency.components
        self.init(time: call.started, profile: profile, environment: environment, endpoint: call.endpoint, token: call.token,
                  requestID: call.requestID, status: call.httpStatus,
                  errorType: call.failure == nil ? call.errorType : Self.transportErrorType,
                  errorCode: call.failure ?? call.errorCode, attempts: call.attempts,
                  latencyMilliseconds: Double(latency.seconds) * 1000 + Double(latency.attoseconds) / 1e15, run: run)
    }

    /// Whether the call failed: Plaid answered with an error, or no usable answer came.
    public var isError: Bool {
        errorType != nil || (status ?? 200) >= 400
    }
}

extension AuditEntry: Encodable {
    /// The field names of `plaidlua log --json`, one JSON object per line.
    enum CodingKeys: String, CodingKey {
        case time, profile, env, endpoint, token
        case requestID = "request_id"
        case status
        case errorType = "error_type"
        case errorCode = "error_code"
        case attempts
        case latencyMilliseconds = "latency_ms"
        case run
    }

    /// Every field is written, `null` when empty, so each line has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.timestamp(time), forKey: .time)
        try container.encode(profile, forKey: .profile)
        try container.encode(environment, forKey: .env)
        try container.encode(endpoint, forKey: .endpoint)
        try container.encode(token, forKey: .token)
        try container.encode(requestID, forKey: .requestID)
        try container.encode(status, forKey: .status)
        try container.encode(errorType, forKey: .errorType)
        try container.encode(errorCode, forKey: .errorCode)
        try container.encode(attempts, forKey: .attempts)
        try container.encode((latencyMilliseconds * 10).rounded() / 10, forKey: .latencyMilliseconds)
        try container.encode(run, forKey: .run)
    }

    /// ISO 8601 in UTC with milliseconds: `2026-05-01T10:31:02.417Z`.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
