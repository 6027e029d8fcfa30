import NIOCore

extension PlaidClient {
    /// Time limits for one attempt of a call. Retries get fresh limits; the retry policy bounds
    /// the time across attempts.
    public struct Timeout: Sendable, Hashable {
        /// How long to wait for a TCP (and TLS) connection. Default 10 s.
        public var connect: Duration
        /// How long one attempt may take from sending the request to the last byte of the
        /// response. Default 60 s.
        public var total: Duration

        public init(connect: Duration = .seconds(10), total: Duration = .seconds(60)) {
            self.connect = connect
            self.total = total
        }
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
