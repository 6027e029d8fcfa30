/// Time and randomness for retries, replaceable so that a test can check backoff without waiting.
struct RetryClock: Sendable {
    /// Time elapsed since some fixed point; only differences are used.
    var now: @Sendable () -> Duration
    var sleep: @Sendable (Duration) async throws -> Void
    /// A random number in `0...1` that scales the backoff bound (full jitter).
    var jitter: @Sendable () -> Double

    static let system: RetryClock = {
        let clock = ContinuousClock()
        let start = clock.now
        return RetryClock(
            now: { clock.now - start },
            sleep: { try await clock.sleep(for: $0) },
            jitter: { Double.random(in: 0...1) }
        )
    }()
}
