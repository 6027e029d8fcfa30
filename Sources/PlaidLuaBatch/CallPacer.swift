import Foundation
import NIOConcurrencyHelpers
import PlaidClient
import PlaidLua

/// Counts every HTTP attempt the batch's clients make and, with `--rate`, spaces them evenly
/// so that no more than `rate` start in any second across the whole run.
final class CallPacer: PlaidCallGate {
    private struct State {
        var calls = 0
        var retries = 0
        /// When the next attempt may start.
        var nextStart = ContinuousClock.now
    }

    private let interval: Duration?
    private let state = NIOLockedValueBox(State())

    /// - Parameter rate: attempts per second at most; `nil` for no limit.
    init(rate: Double?) {
        interval = rate.map { .seconds(1 / $0) }
    }

    var calls: Int { state.withLockedValue { $0.calls } }
    var retries: Int { state.withLockedValue { $0.retries } }

    func admit() async throws {
        let start: ContinuousClock.Instant = state.withLockedValue { state in
            state.calls += 1
            guard let interval else { return .now }
            let start = max(state.nextStart, .now)
            state.nextStart = start + interval
            return start
        }
        if start > .now { try await Task.sleep(until: start, clock: .continuous) }
    }

    func willRetry() {
        state.withLockedValue { $0.retries += 1 }
    }
}
