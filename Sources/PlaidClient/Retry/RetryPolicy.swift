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
    ///
    /// `RATE_LIMIT_EXCEEDED` (and HTTP 429) is different: Plaid turned the call away before doing
    /// anything, and its windows are per minute, so reads and writes alike are retried for up to
    /// ``rateLimitBudget`` (90 s by default), with waits that grow from 1 s to 30 s, half fixed
    /// and half random, or as long as the server's `Retry-After` asks.
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
        /// How long rate-limited calls keep being retried, counting from the first attempt.
        /// Default 90 s, beyond one of Plaid's per-minute windows.
        public var rateLimitBudget: Duration
        /// Attempts in all for a call that keeps meeting rate limits; `nil` (the default) leaves
        /// only ``rateLimitBudget`` to end them. A caller who names a number of retries sets both
        /// this and ``maxAttempts``.
        public var rateLimitAttempts: Int?
        /// Upper bound of the first wait after a rate limit. Default 1 s.
        public var rateLimitInitialBackoff: Duration
        /// Upper bound of any wait after a rate limit. Default 30 s.
        public var rateLimitMaxBackoff: Duration

        public init(
            maxAttempts: Int = 4,
            initialBackoff: Duration = .milliseconds(250),
            maxBackoff: Duration = .seconds(8),
            multiplier: Double = 2,
            maxTotalTime: Duration = .seconds(30),
            rateLimitBudget: Duration = .seconds(90),
            rateLimitAttempts: Int? = nil,
            rateLimitInitialBackoff: Duration = .seconds(1),
            rateLimitMaxBackoff: Duration = .seconds(30)
        ) {
            self.maxAttempts = max(1, maxAttempts)
            self.initialBackoff = initialBackoff
            self.maxBackoff = maxBackoff
            self.multiplier = multiplier
            self.maxTotalTime = maxTotalTime
            self.rateLimitBudget = rateLimitBudget
            self.rateLimitAttempts = rateLimitAttempts.map { max(1, $0) }
            self.rateLimitInitialBackoff = rateLimitInitialBackoff
            self.rateLimitMaxBackoff = rateLimitMaxBackoff
        }

        /// Caps every kind of retry at `retries` after the first attempt.
        public mutating func limitRetries(to retries: Int) {
            maxAttempts = max(1, retries + 1)
            rateLimitAttempts = maxAttempts
        }

        /// The defaults described above.
        public static let standard = RetryPolicy()
        /// Every call is tried once.
        public static let none = RetryPolicy(maxAttempts: 1, rateLimitAttempts: 1)


        /// The upper bound of the wait before retry number `retry` (1 for the first retry).
        func backoffBound(beforeRetry retry: Int) -> Duration {
            min(initialBackoff * pow(multiplier, Double(retry - 1)), maxBackoff)
        }

        /// The wait before retry number `retry` of a rate-limited call: at least half the bound, so
        /// a crowd of callers turned away together does not come back together; when the server
        /// sent `Retry-After`, that long plus up to half a second of spread.
        func rateLimitDelay(beforeRetry retry: Int, jitter: Double, retryAfter: Duration?) -> Duration {
            if let retryAfter { return retryAfter + rateLimitInitialBackoff * (jitter / 2) }
            let bound = min(rateLimitInitialBackoff * pow(2, Double(min(retry, 16) - 1)), rateLimitMaxBackoff)
            return bound * (0.5 + jitter / 2)
        }
    }
}
