internal import CLuaShim
import NIOConcurrencyHelpers

/// One Lua state and the scheduler that runs its coroutines.
///
/// A script's main chunk runs on Lua's main thread, as in `lua` (``runMain(_:chunkName:arguments:)``);
/// work started with ``spawn(_:chunkName:arguments:keepsResults:)`` or `task.spawn` runs in
/// coroutines the runtime owns (``LuaTask``). A host function that returns ``LuaReturn/suspend(_:)``
/// yields only its coroutine: the runtime starts the Swift work, keeps the coroutine anchored in
/// the registry while it waits, and resumes it with the result — so thousands of API calls can be
/// in flight on one state while each looks blocking to the script, as in OpenResty's cosockets.
/// Where Lua cannot yield (the main thread, a `table.sort` comparator, a module's top level), the
/// call waits in place instead, and the runtime runs the other coroutines from inside the wait.
///
/// The actor is the state's only executor: a `lua_State` has no locks of its own. It runs on a
/// thread of its own (``LuaExecutor``), which a wait in place holds.
public actor LuaRuntime {
    public struct Options: Sendable {
        public var libraries: LuaLibraries
        /// Ignore `LUA_PATH`, `LUA_CPATH` and `LUA_INIT` (`lua -E`).
        public var ignoresEnvironment: Bool
        /// Bytes Lua may hold at most; `nil` for no limit.
        public var memoryLimit: Int?
        /// Cleans every text of a ``LuaError`` this runtime throws (message and traceback), which
        /// can hold anything a script had (its embedder masks credentials here); `nil` keeps them as they are.
        public var redact: (@Sendable (String) -> String)?
        /// What `task.sleep` waits on.
        public var sleepClock: SleepClock
        /// Where `require` looks by default, and the variables that replace it.
        public var searchPaths: LuaSearchPaths

        public init(libraries: LuaLibraries = .standard, ignoresEnvironment: Bool = false, memoryLimit: Int? = nil,
                    redact: (@Sendable (String) -> String)? = nil, sleepClock: SleepClock = .continuous,
                    searchPaths: LuaSearchPaths = LuaSearchPaths()) {
            self.libraries = libraries
            self.ignoresEnvironment = ignoresEnvironment
            self.memoryLimit = memoryLimit
            self.redact = redact
            self.sleepClock = sleepClock
            self.searchPaths = searchPaths
        }
    }

    public let options: Options
    let state: LuaState
    let executor: LuaExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    var coroutines: [Int: Coroutine] = [:]
    var tickets: [Int: Ticket] = [:]
    /// The ticket of the last wait that yielded, which the routed coroutine library passes on.
    var lastYieldedTicket: Int?
    /// Results of waits in place that arrived while the wait's frame was not the innermost.
    var resultsInPlace: [Int: Result<LuaResults, any Error>] = [:]
    var ready: [(id: Int, arguments: Int32)] = []
    /// Tasks cancelled while Lua code runs; each gets its error once that code yields or waits,
    /// so that no coroutine is resumed from inside another's host call behind its back.
    var cancelledWhileRunning: [Int] = []
    /// The coroutine running Lua code right now (the main chunk or a task); calls belong to it.
    var running: Coroutine?
    /// The main chunk while it runs.
    var main: Coroutine?
    var lastID = 0
    /// The thread running Lua code right now (0 while none does, also while a call waits in
    /// place), for ``interrupt()`` from another thread; the lock keeps it from being finished
    /// while the hook is set.
    nonisolated let threadRunningLua = NIOLockedValueBox<UInt>(0)

    final class Coroutine {
        let task: LuaTask
        let thread: OpaquePointer
        /// Its anchor in the registry (`LUA_NOREF` for the main thread, which needs none).
        let reference: Int32
        /// Whether Swift wants the returned values; a script's main chunk may return anything.
        var keepsResults = true
        var pendingTicket: Int?
        var cancelRequested = false

        init(task: LuaTask, thread: OpaquePointer, reference: Int32) {
            self.task = task
            self.thread = thread
            self.reference = reference
        }
    }

    /// One host call's wait.
    struct Ticket {
        /// The task (or main chunk) the call belongs to.
        let coroutine: Int
        /// Whether a frame on the runtime's thread waits for it in place (instead of the
        /// coroutine being suspended until the result resumes it).
        var inPlace = false
        /// The thread that made the call, and the script coroutines the wait passed through on
        /// its way out: `coroutine.close` of any of them cancels the call.
        let caller: OpaquePointer
        var passedThrough: [OpaquePointer] = []
        let work: Task<Void, Never>
    }

    /// What reaches the runtime from other threads (see ``LuaExecutor``).
    enum Message: Sendable {
        case completed(ticket: Int, result: Result<LuaResults, any Error>)
        case cancel(task: Int)
        case cancelAll
    }

    public init(options: Options = Options()) throws {
        self.options = options
        let state = try LuaState(libraries: options.libraries, searchPaths: options.searchPaths,
                                 readsEnvironment: !options.ignoresEnvironment, memoryLimit: options.memoryLimit)
        self.state = state
        executor = LuaExecutor(name: "lua")
        clua_getextraspace(state.L).storeBytes(of: Unmanaged.passUnretained(self).toOpaque(), as: UnsafeRawPointer.self)
        try Self.installScheduling(in: state)
    }

    deinit { executor.shutDown() }

    static func owner(of thread: OpaquePointer) -> LuaRuntime {
        let pointer = clua_getextraspace(thread).load(as: UnsafeRawPointer.self)
        return Unmanaged<LuaRuntime>.fromOpaque(pointer).takeUnretainedValue()
    }

    // MARK: Running code

    /// Compiles `source` and starts it as a new task; a syntax error is thrown here.
    ///
    /// - Parameters:
    ///   - chunkName: Lua's chunk name: `@file.lua` for files, `=label` for others.
    ///   - keepsResults: `false` drops what the chunk returns, as `lua` does with a script's,
    ///     so returning a function or a module table is not an error.
    public func spawn(_ source: LuaBytes, chunkName: String, arguments: [LuaValue] = [], keepsResults: Bool = true) throws -> LuaTask {
        let L = state.L
        try load(source, chunkName: chunkName)
        let top = lua_gettop(L)
        do {
            for argument in arguments { try LuaStack(L).push(argument) }
        } catch {
            lua_settop(L, top - 1)
            throw error
        }
        let coroutine = makeCoroutine(from: L, moving: Int32(arguments.count) + 1)
        coroutine.keepsResults = keepsResults
        ready.append((coroutine.task.id, Int32(arguments.count)))
        drain()
        return coroutine.task
    }

    /// Runs `source` to completion and returns what it returned. Cancelling the calling Swift
    /// task cancels the coroutine's waiting work, which raises an error in the script.
    public func run(_ source: LuaBytes, chunkName: String, arguments: [LuaValue] = [], keepsResults: Bool = true) async throws -> [LuaValue] {
        let task = try spawn(source, chunkName: chunkName, arguments: arguments, keepsResults: keepsResults)
        return try await withTaskCancellationHandler {
            try await task.value()
        } onCancel: {
            self.cancel(task)
        }
    }

    public func run(_ source: String, chunkName: String = "=(run)", arguments: [LuaValue] = []) async throws -> [LuaValue] {
        try await run(LuaBytes(source), chunkName: chunkName, arguments: arguments)
    }

    /// Runs `source` on Lua's main thread, as `lua` runs a script or a REPL line: the chunk is
    /// not a coroutine (`coroutine.running()` says so, and it cannot yield), and its host calls
    /// wait in place while spawned tasks go on. Errors carry `lua`'s message and traceback.
    /// Cancelling the calling Swift task cancels the call the chunk waits for.
    public func runMain(_ source: LuaBytes, chunkName: String, arguments: [LuaValue] = [], keepsResults: Bool = true) async throws -> [LuaValue] {
        lastID += 1
        let task = LuaTask(id: lastID)
        return try await withTaskCancellationHandler {
            try execute(source, chunkName: chunkName, arguments: arguments, keepsResults: keepsResults, as: task)
        } onCancel: {
            self.cancel(task)
        }
    }

    /// Raises a cancellation error in the task (or main chunk) at its current wait, or its next
    /// one; callable from anywhere, also while the runtime's thread waits in place.
    public nonisolated func cancel(_ task: LuaTask) {
        post(.cancel(task: task.id))
    }

    /// Raises "interrupted!" in the coroutine that is running Lua code right now, such as a
    /// busy loop; callable from any thread (a signal handler's queue). Waiting coroutines are
    /// reached with ``cancelAll()`` instead.
    public nonisolated func interrupt() {
        threadRunningLua.withLockedValue { address in
            if address != 0, let thread = OpaquePointer(bitPattern: address) { clua_interrupt(thread) }
        }
    }

    /// Like ``interrupt()``, but the running coroutine raises again at every instruction until
    /// it ends, so code that catches the error cannot carry on (a time limit).
    public nonisolated func halt() {
        threadRunningLua.withLockedValue { address in
            if address != 0, let thread = OpaquePointer(bitPattern: address) { clua_halt(thread) }
        }
    }

    /// Cancels every task and the main chunk's wait (Ctrl-C); callable from anywhere.
    public nonisolated func cancelAll() {
        post(.cancelAll)
    }

    /// Leaves a message for the runtime, and hops onto it to read it unless a hop is on its way
    /// already (a runtime waiting in place reads it sooner).
    nonisolated func post(_ message: Message) {
        if executor.post(message) { Task { await self.readMessages() } }
    }

    /// Closes the Lua state as `lua` does before it exits: pending to-be-closed variables of
    /// the main thread are closed and finalizers run (their errors become warnings). The tasks
    /// still waiting are dropped and their work cancelled; the runtime runs nothing afterwards.
    public func close() {
        for ticket in tickets.values { ticket.work.cancel() }
        tickets = [:]
        ready = []
        cancelledWhileRunning = []
        coroutines = [:]
        state.close()
    }

    /// How many tasks have not finished.
    public var activeTaskCount: Int { coroutines.count }
}

/// Carries a value into `assumeIsolated`, whose closure runs synchronously on the calling
/// thread — the runtime's executor, since only the runtime runs Lua — so nothing crosses threads.
struct SameThread<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

extension LuaRuntime {
    /// Lua's release and copyright line, as `lua -v` prints it.
    public static var luaCopyright: String { String(cString: clua_copyright()) }
}
