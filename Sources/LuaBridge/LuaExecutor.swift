import Foundation

/// The thread a ``LuaRuntime`` runs on, with its mailbox.
///
/// Lua code on the main thread cannot yield, so a call that waits there holds the runtime's
/// thread while other coroutines go on (``LuaRuntime`` runs them from inside the wait). A thread
/// of its own keeps that hold off Swift's cooperative pool, whose few threads other work needs.
///
/// The host calls' Swift work runs on the same thread (their tasks prefer ``work``), so a call
/// and its result travel without a thread switch; a wait in place runs that work too. What a
/// waiting runtime must hear of — a call's result, a cancellation — comes as a message, since no
/// actor job can run while it holds the thread.
final class LuaExecutor: SerialExecutor, @unchecked Sendable {
    /// The task executor the host calls' work prefers.
    let work: WorkExecutor
    private let queue: JobQueue

    init(name: String) {
        let queue = JobQueue()
        self.queue = queue
        work = WorkExecutor(queue: queue)
        queue.executors = (asUnownedSerialExecutor(), work.asUnownedTaskExecutor())
        let thread = Thread { [queue] in queue.run() }
        thread.name = name
        // Room for Lua's C-call depth (LUAI_MAXCCALLS) with host frames and waits in between.
        thread.stackSize = 16 << 20
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        queue.add(UnownedJob(job), forActor: true)
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Ends the thread once the jobs queued so far have run.
    func shutDown() { queue.shutDown() }

    /// Leaves a message; `true` when the caller must hop onto the runtime to have it read
    /// (nobody has been asked to yet — a waiting runtime reads it without one).
    func post(_ message: LuaRuntime.Message) -> Bool { queue.post(message) }

    /// The messages left so far, for the hop that was asked to read them.
    func takeMessagesForHop() -> [LuaRuntime.Message] { queue.takeMessagesForHop() }

    /// For a runtime waiting in place: runs the host calls' work that is ready, and returns the
    /// messages that have arrived, waiting until there is one.
    func runWorkUntilMessages() -> [LuaRuntime.Message] { queue.runWorkUntilMessages() }

    final class WorkExecutor: TaskExecutor, @unchecked Sendable {
        fileprivate let queue: JobQueue
        fileprivate init(queue: JobQueue) { self.queue = queue }

        func enqueue(_ job: consuming ExecutorJob) {
            queue.add(UnownedJob(job), forActor: false)
        }

        func asUnownedTaskExecutor() -> UnownedTaskExecutor {
            UnownedTaskExecutor(ordinary: self)
        }
    }
}

/// The jobs and messages of one runtime's thread, under one lock.
private final class JobQueue: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var actorJobs = Jobs()
    private var workJobs = Jobs()
    private var messages: [LuaRuntime.Message] = []
    private var hopScheduled = false
    private var isShutDown = false
    private var threadEnded = false
    /// The runtime's and the work's executors, set once before the thread starts. Unowned: the
    /// jobs that need them keep them alive (an actor job its actor, a task its preference).
    var executors: (actor: UnownedSerialExecutor, work: UnownedTaskExecutor)?

    private struct Jobs {
        private var items: [UnownedJob] = []
        private var first = 0
        var isEmpty: Bool { first == items.count }
        mutating func append(_ job: UnownedJob) { items.append(job) }
        mutating func removeFirst() -> UnownedJob {
            let job = items[first]
            first += 1
            if first == items.count {
                items.removeAll(keepingCapacity: true)
                first = 0
            } else if first >= 1024, first * 2 >= items.count {
                items.removeFirst(first)
                first = 0
            }
            return job
        }
    }

    func add(_ job: UnownedJob, forActor: Bool) {
        condition.lock()
        if threadEnded, !forActor {
            condition.unlock()
            // Work whose runtime is gone (a cancelled sleep waking up) ends on Swift's pool.
            globalConcurrentExecutor.enqueue(ExecutorJob(job))
            return
        }
        if forActor { actorJobs.append(job) } else { workJobs.append(job) }
        condition.signal()
        condition.unlock()
    }

    func shutDown() {
        condition.lock()
        isShutDown = true
        condition.signal()
        condition.unlock()
    }

    func run() {
        guard let executors else { return }
        while let (job, forActor) = next() {
            if forActor {
                job.runSynchronously(on: executors.actor)
            } else {
                job.runSynchronously(on: executors.work)
            }
        }
    }

    private func next() -> (UnownedJob, Bool)? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if !workJobs.isEmpty { return (workJobs.removeFirst(), false) }
            if !actorJobs.isEmpty { return (actorJobs.removeFirst(), true) }
            if isShutDown {
                threadEnded = true
                return nil
            }
            condition.wait()
        }
    }

    func post(_ message: LuaRuntime.Message) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        messages.append(message)
        condition.signal()
        if hopScheduled { return false }
        hopScheduled = true
        return true
    }

    func takeMessagesForHop() -> [LuaRuntime.Message] {
        condition.lock()
        defer { condition.unlock() }
        hopScheduled = false
        defer { messages = [] }
        return messages
    }

    func runWorkUntilMessages() -> [LuaRuntime.Message] {
        guard let taskExecutor = executors?.work else { return [] }
        while true {
            condition.lock()
            while messages.isEmpty && workJobs.isEmpty { condition.wait() }
            if !messages.isEmpty {
                defer { messages = []; condition.unlock() }
                return messages
            }
            let job = workJobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: taskExecutor)
        }
    }
}
