import Dispatch
import Foundation

/// Dispatch sources for `signals`, whose default action is set to "ignore" so they no longer end
/// the process. The sources run on a queue of their own, so a busy Lua loop or a full thread
/// pool cannot hold their handler back, and this returns only once they are registered: a
/// signal ignored before its source exists would be lost.
func makeSignalSources(_ signals: [Int32], label: String,
                       handler: @escaping @Sendable (Int32) -> Void) -> [any DispatchSourceSignal] {
    let queue = DispatchQueue(label: label)
    return signals.map { number in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
        let registered = DispatchSemaphore(value: 0)
        source.setRegistrationHandler { registered.signal() }
        source.setEventHandler { handler(number) }
        source.activate()
        _ = registered.wait(timeout: .now() + 2)
        return source
    }
}
