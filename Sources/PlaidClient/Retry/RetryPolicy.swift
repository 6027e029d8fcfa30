import Foundation

extension PlaidClient {
    /// When and how long to wait before repeating a failed call.
    ///
    /// Transient failures (`RATE_LIMIT_EXCEEDED`, HTTP 429, `API_ERROR`, HTTP 5xx, connection
    /// failures, timeouts) are retried for reads. Calls that create or remove something are retried
    /// only when the request never reached the server (connection refused, connect timeout, host
    /// not found, TLS handshake failure), so a retry cannot do the thing twice.
    ///
    /// Waits use exponential backoff with full jitter: before retry `n` the client sleeps a random
    /// time between zero and `min(maxBackoff, initialBackoff * multiplier^(n-1))`.
    public struct RetryPolicy: Sendable, Hashable {
        /// Attempts in all, the first one included. `1` disables retries. Default 4.
        public var maxAttempts: Int
        /// Upper bound of the first wait. Default 250 ms.
        public var initialBackoff: Duration
        /// Upper bound of any single wait. Default 8 s.
        public var maxBackoff: Duration
        /// Growth of the bound from one wait to the next. Default 2.
        public var multiplier: Double
        /// No retry starts once this much time has passed since the first attempt, counting the
        /// wait before it. Default 30 s.
        public var maxTotalTime: Duration

        public init(
            maxAttempts: Int = 4,
            initialBackoff: Duration = .milliseconds(250),
            maxBackoff: Duration = .seconds(8),
            multiplier: Double = 2,
            maxTotalTime: Duration = .seconds(30)
        ) {
            self.maxAttempts = max(1, maxAttempts)
            self.initialBackoff = initialBackoff
            self.maxBackoff = maxBackoff
            self.multiplier = multiplier
            self.maxTotalTime = maxTotalTime
        }

        /// The defaults described above.
        public static let standard = RetryPolicy()
        /// Every call is tried once.
        public static let none = RetryPolicy(maxAttempts: 1)

        /// The upper bound of the wait before retry number `retry` (1 for the first retry).
        func backoffBound(beforeRetry retry: Int) -> Duration {
            min(initialBackoff * pow(multiplier, Double(retry - 1)), maxBackoff)
        }
    }
}
