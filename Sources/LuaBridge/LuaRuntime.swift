internal import CLuaShim
import NIOConcurrencyHelpers

/// One Lua state and the scheduler that runs its coroutines.
///
/// Every piece of Lua code runs in a coroutine the runtime owns (a ``LuaTask``). A host function
/// that returns ``LuaReturn/suspend(_:)`` yields only its coroutine; the runtime starts the Swift
/// work, keeps the coroutine anchored in the registry while it waits, and resumes it with the
/// result on this actor — so thousands of API calls can be in flight on one state while each
/// looks blocking to the script, as in OpenResty's cosockets.
///
/// The actor is the state's only executor: a `lua_State` has no locks of its own.
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

        public init(libraries: LuaLibraries = .standard, ignoresEnvironment: Bool = false, memoryLimit: Int? = nil,
                    redact: (@Sendable (String) -> String)? = nil, sleepClock: SleepClock = .continuous) {
            self.libraries = libraries
            self.ignoresEnvironment = ignoresEnvironment
            self.memoryLimit = memoryLimit
            self.redact = redact
            self.sleepClock = sleepClock
        }
    }

    public let options: Options
    let state: LuaState
    var coroutines: [Int: Coroutine] = [:]
    var tickets: [Int: Ticket] = [:]
    var ready: [(id: Int, arguments: Int32)] = []
    /// Tasks cancelled from Lua (`t:cancel()`) while another coroutine runs; each gets its
    /// error once the running one yields, since coroutines must not resume inside each other.
    var cancelledWhileRunning: [Int] = []
    /// The coroutine being resumed right now; suspensions belong to it.
    var running: Coroutine?
    var lastID = 0
    /// The thread inside `lua_resume` right now (0 when none), for ``interrupt()`` from
    /// another thread; the lock keeps it from being finished while the hook is set.
    nonisolated let resumedThread = NIOLockedValueBox<UInt>(0)

    final class Coroutine {
        let task: LuaTask
        let thread: OpaquePointer
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

    struct Ticket {
        let coroutine: Int
        let work: Task<Void, Never>
    }

    public init(options: Options = Options()) throws {
        self.options = options
        let state = try LuaState(libraries: options.libraries, ignoreEnvironment: options.ignoresEnvironment,
                                 memoryLimit: options.memoryLimit)
        self.state = state
        clua_getextraspace(state.L).storeBytes(of: Unmanaged.passUnretained(self).toOpaque(), as: UnsafeRawPointer.self)
        try Self.installScheduling(in: state)
    }

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
        let mode = options.libraries == .safe ? "t" : "bt"
        let status = withCharacters(source.bytes) { clua_loadbuffer(L, $0, $1, chunkName, mode) }
        guard status == LUA_OK else {
            let message = redacted(LuaStack(L).message(at: -1))
            lua_settop(L, -2)
            throw LuaError(kind: status == LUA_ERRMEM ? .memory : .syntax, message: message)
        }
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
            Task { await self.cancel(task) }
        }
    }

    public func run(_ source: String, chunkName: String = "=(run)", arguments: [LuaValue] = []) async throws -> [LuaValue] {
        try await run(LuaBytes(source), chunkName: chunkName, arguments: arguments)
    }

    /// Raises a cancellation error in the task at its current suspension (or its next one).
    public func cancel(_ task: LuaTask) {
        guard let coroutine = coroutines[task.id] else { return }
        coroutine.cancelRequested = true
        if let ticket = coroutine.pendingTicket {
            tickets.removeValue(forKey: ticket)?.work.cancel()
            coroutine.pendingTicket = nil
            if running != nil {
                cancelledWhileRunning.append(coroutine.task.id)
                return
            }
            resume(coroutine, delivering: .failure(LuaError(kind: .cancelled, message: "cancelled")))
            drain()
        }
    }

    /// Raises "interrupted!" in the coroutine that is running Lua code right now, such as a
    /// busy loop; callable from any thread (a signal handler's queue). Waiting coroutines are
    /// reached with ``cancelAll()`` instead.
    public nonisolated func interrupt() {
        resumedThread.withLockedValue { address in
            if address != 0, let thread = OpaquePointer(bitPattern: address) { clua_interrupt(thread) }
        }
    }

    /// Like ``interrupt()``, but the running coroutine raises again at every instruction until
    /// it ends, so code that catches the error cannot carry on (a time limit).
    public nonisolated func halt() {
        resumedThread.withLockedValue { address in
            if address != 0, let thread = OpaquePointer(bitPattern: address) { clua_halt(thread) }
        }
    }

    /// Cancels every task (Ctrl-C).
    public func cancelAll() {
        for coroutine in Array(coroutines.values) { cancel(coroutine.task) }
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
    /// The Lua release this runtime was built against, such as `Lua 5.4.4`.
    public static var luaRelease: String { String(cString: clua_release()) }
}
