public import Foundation

/// How a ``SandboxServer`` listens, where it keeps its state, and how strict it is.
public struct SandboxConfiguration: Sendable {
    /// The address to listen on; loopback unless told otherwise.
    public var host = "127.0.0.1"
    /// The TCP port; `0` picks a free one, which ``SandboxServer/port`` then reports.
    public var port = 8484
    /// The folder holding `sandbox.sqlite`; created when missing.
    public var dataDirectory: String
    /// A PostgreSQL database to keep the state in instead of `sandbox.sqlite`, shared by every
    /// sandbox pointed at it.
    public var database: PostgresLocation?
    /// Per-endpoint limits, keyed by the endpoint's method name such as `processor_auth_get`.
    public var rateLimits: [String: RateLimit] = [:]
    /// Writes one line per request (request_id, method, path, status) to the logger.
    public var logRequests = false
    /// Bodies larger than this are refused with HTTP 413 before they are read in full.
    public var maxBodyBytes = 1024 * 1024
    /// The time the server believes it is; tests replace it to age public tokens.
    public var clock: @Sendable () -> Date = { Date() }

    /// Multiplies the delays between webhook delivery attempts (and the 24-hour horizon):
    /// 0.01 turns the first 30 s into 0.3 s. The 10 s answer timeout is never scaled.
    public var webhookRetryScale = 1.0
    /// Hosts besides loopback that webhook URLs may name; by default a sandbox sends nowhere else.
    public var webhookAllowedHosts: [String] = []

    public init(dataDirectory: String) {
        self.dataDirectory = dataDirectory
    }
}
