package import Dispatch
import Foundation

/// Dispatch sources for `signals`, whose default action is set to "ignore" so they no longer end
/// the process. The sources run on a queue of their own, so a busy Lua loop or a full thread
/// pool cannot hold their handler back, and this returns only once they are registered: a
/// signal ignored before its source exists would be lost.
package func makeSignalSources(_ signals: [Int32], label: String,
                       handler: @escaping @Sendable (Int32) -> Void) -> [any DispatchSourceSignal] {
    let queue = DispatchQueue(label: label)
    return signals.map { number in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
        let registered = DispatchSemaphore(value: 0)
        source.setRegistrationHandler { registered.signal() }
        // Signals that arrive together reach the handler once; each of them counts (a second
        // Ctrl-C ends a script).
        source.setEventHandler { for _ in 0..<max(1, Int(source.data)) { handler(number) } }
        source.activate()
        _ = registered.wait(timeout: .now() + 2)
        return source
    }
}

/// Waits for one of `signals`, which then no longer end the process: for a command that stops
/// cleanly on Ctrl-C or SIGTERM (`plaidlua sandbox serve`). Each signal counts from the moment
/// the waiter is made, even one that arrives before ``next()`` is called.
public final class SignalWaiter {
    private let received: AsyncStream<Int32>
    private let sources: [any DispatchSourceSignal]

    public init(signals: [Int32], label: String) {
        let (received, continuation) = AsyncStream<Int32>.makeStream()
        self.received = received
        sources = makeSignalSources(signals, label: label) { continuation.yield($0) }
    }

    deinit {
        for source in sources { source.cancel() }
    }

    /// The next signal received.
    public func next() async -> Int32 {
        for await number in received { return number }
        return 0
    }
}
