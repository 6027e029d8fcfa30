import Foundation
import NIOConcurrencyHelpers

/// A request budget for one endpoint, such as 10 per second.
public struct RateLimit: Sendable, Hashable, CustomStringConvertible {
    /// How many requests fit in one ``window``.
    public var requests: Int
    /// The length of the window, in seconds.
    public var window: Double

    public init(requests: Int, window: Double) {
        self.requests = requests
        self.window = window
    }

    /// Parses `N/s`, `N/min` or `N/h`, as written after `=` in `--rate-limit endpoint=N/s`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let requests = Int(parts[0]), requests > 0 else { return nil }
        switch parts[1] {
        case "s", "sec", "second": window = 1
        case "m", "min", "minute": window = 60
        case "h", "hour": window = 3600
        default: return nil
        }
        self.requests = requests
    }

    public var description: String {
        switch window {
        case 1: "\(requests)/s"
        case 60: "\(requests)/min"
        case 3600: "\(requests)/h"
        default: "\(requests) per \(window)s"
        }
    }
}

/// Token buckets, one per limited endpoint. Counters live in this process only: two servers on
/// one data directory each grant the full budget, which is enough for exercising retry paths.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var refilledAt: Date
    }

    private let limits: [String: RateLimit]
    private let buckets: NIOLockedValueBox<[String: Bucket]>

    init(limits: [String: RateLimit]) {
        self.limits = limits
        self.buckets = NIOLockedValueBox([:])
    }

    /// Takes one request from the endpoint's budget; false when the budget is spent.
    func admit(methodName: String, at now: Date) -> Bool {
        guard let limit = limits[methodName] else { return true }
        let capacity = Double(limit.requests)
        return buckets.withLockedValue { buckets in
            var bucket = buckets[methodName] ?? Bucket(tokens: capacity, refilledAt: now)
            let elapsed = max(0, now.timeIntervalSince(bucket.refilledAt))
            bucket.tokens = min(capacity, bucket.tokens + elapsed * capacity / limit.window)
            bucket.refilledAt = now
            let admitted = bucket.tokens >= 1
            if admitted { bucket.tokens -= 1 }
            buckets[methodName] = bucket
            return admitted
        }
    }
}
