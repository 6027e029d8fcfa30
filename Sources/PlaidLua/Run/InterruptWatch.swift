import Dispatch
import Foundation
package import LuaBridge
import Synchronization

/// Ctrl-C while Lua code runs: the busy coroutine is interrupted ("interrupted!") and every
/// waiting call is cancelled, so the script gets a Lua error it can see in its traceback.
///
/// Outside ``during(secondInterruptEndsProcess:_:)`` the signal is ignored: the REPL edits lines
/// in raw mode, where Ctrl-C arrives as a key instead. A script run lets a second Ctrl-C end the
/// process, as `lua` does, for a script that catches the first and goes on.
///
/// One watch serves a whole `plaidlua` run (script, then REPL): a signal reaches only one
/// dispatch source.
package final class InterruptWatch {
    private final class State: Sendable {
        let isOn = Atomic<Bool>(false)
        let secondEndsProcess = Atomic<Bool>(false)
        let interrupts = Atomic<Int>(0)
    }

    private let sources: [any DispatchSourceSignal]
    private let state = State()

    package init(runtime: LuaRuntime) {
        let state = self.state
        sources = makeSignalSources([SIGINT], label: "plaidlua.interrupts") { _ in
            guard state.isOn.load(ordering: .relaxed) else { return }
            if state.interrupts.add(1, ordering: .relaxed).newValue > 1, state.secondEndsProcess.load(ordering: .relaxed) {
                signal(SIGINT, SIG_DFL)
                // To the process, not this thread: dispatch's threads block signals, so a raise() stays pending.
                kill(getpid(), SIGINT)
            }
            runtime.interrupt()
            runtime.cancelAll()
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }

    package func during<Result>(secondInterruptEndsProcess: Bool, _ body: () async -> Result) async -> Result {
        state.interrupts.store(0, ordering: .relaxed)
        state.secondEndsProcess.store(secondInterruptEndsProcess, ordering: .relaxed)
        state.isOn.store(true, ordering: .relaxed)
        defer { state.isOn.store(false, ordering: .relaxed) }
        return await body()
    }
}
