import Foundation

/// The thread a ``LuaRuntime`` runs on, and its mailbox.
///
/// Lua code on the main thread cannot yield, so a call that waits there holds the runtime's
/// thread while other coroutines go on (``LuaRuntime`` runs them from inside the wait). A thread
/// of its own keeps that hold off Swift's cooperative pool, whose few threads the waited-for work
/// itself needs. What a waiting runtime must hear of — a call's result, a cancellation — comes
/// as a message, since no actor job can run while it holds the thread.
final class LuaExecutor: SerialExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var jobs: [UnownedJob] = []
    private var firstJob = 0
    private var messages: [LuaRuntime.Message] = []
    private var hopScheduled = false
    private var isShutDown = false

    init(name: String) {
        let thread = Thread { [self] in runJobs() }
        thread.name = name
        // Room for Lua's C-call depth (LUAI_MAXCCALLS) with host frames and waits in between.
        thread.stackSize = 16 << 20
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Ends the thread once the jobs queued so far have run.
    func shutDown() {
        condition.lock()
        isShutDown = true
        condition.signal()
        condition.unlock()
    }

    private func runJobs() {
        while let job = nextJob() {
            job.runSynchronously(on: asUnownedSerialExecutor())
        }
    }

    private func nextJob() -> UnownedJob? {
        condition.lock()
        defer { condition.unlock() }
        while firstJob == jobs.count {
            if isShutDown { return nil }
            condition.wait()
        }
        let job = jobs[firstJob]
        firstJob += 1
        if firstJob > 1024, firstJob * 2 > jobs.count {
            jobs.removeFirst(firstJob)
            firstJob = 0
        }
        return job
    }

    // MARK: The mailbox

    /// Leaves a message; `true` when the caller must hop onto the runtime to have it read
    /// (nobody has been asked to yet — a waiting runtime reads it without one).
    func post(_ message: LuaRuntime.Message) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        messages.append(message)
        condition.signal()
        if hopScheduled { return false }
        hopScheduled = true
        return true
    }

    /// The messages left so far, for the hop that was asked to read them.
    func takeMessagesForHop() -> [LuaRuntime.Message] {
        condition.lock()
        defer { condition.unlock() }
        hopScheduled = false
        defer { messages = [] }
        return messages
    }

    /// The messages left so far, waiting for one when there are none (a runtime inside a wait).
    func waitForMessages() -> [LuaRuntime.Message] {
        condition.lock()
        defer { condition.unlock() }
        while messages.isEmpty { condition.wait() }
        defer { messages = [] }
        return messages
    }
}
