import Dispatch
package import LuaBridge
import Synchronization

/// `--timeout`: once the time is up, halts whatever Lua code runs (it raises at every
/// instruction, so catching the error does not help) and cancels every waiting call; again every
/// tenth of a second, for code that starts running later. `beforeCancelling` runs first each
/// time, so a batch can stop writing before its cancelled records fail.
package final class Watchdog {
    private final class Flag: Sendable {
        let isSet = Atomic<Bool>(false)
    }

    package let seconds: Double
    private let timer: any DispatchSourceTimer
    private let firedFlag = Flag()

    package init(runtime: LuaRuntime, seconds: Double, beforeCancelling: @escaping @Sendable () async -> Void = {}) {
        self.seconds = seconds
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "plaidlua.timeout"))
        let firedFlag = self.firedFlag
        timer.setEventHandler {
            firedFlag.isSet.store(true, ordering: .relaxed)
            runtime.halt()
            Task {
                await beforeCancelling()
                runtime.cancelAll()
            }
        }
        timer.schedule(deadline: .now() + seconds, repeating: 0.1)
        timer.activate()
    }

    package var fired: Bool { firedFlag.isSet.load(ordering: .relaxed) }

    /// The limit as messages show it: `2s`, `0.5s`.
    package var limit: String { seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s" }

    package func stop() { timer.cancel() }
}
