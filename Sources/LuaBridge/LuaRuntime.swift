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
    private var coroutines: [Int: Coroutine] = [:]
    private var tickets: [Int: Ticket] = [:]
    private var ready: [(id: Int, arguments: Int32)] = []
    /// Tasks cancelled from Lua (`t:cancel()`) while another coroutine runs; each gets its
    /// error once the running one yields, since coroutines must not resume inside each other.
    private var cancelledWhileRunning: [Int] = []
    /// The coroutine being resumed right now; suspensions belong to it.
    private var running: Coroutine?
    private var lastID = 0
    /// The thread inside `lua_resume` right now (0 when none), for ``interrupt()`` from
    /// another thread; the lock keeps it from being finished while the hook is set.
    private nonisolated let resumedThread = NIOLockedValueBox<UInt>(0)

    private final class Coroutine {
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

    private struct Ticket {
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

    // MARK: Registering Swift

    /// Makes `body` a global Lua function.
    public func register(_ name: String, _ body: @escaping LuaHostFunction) {
        let stack = LuaStack(state.L)
        stack.pushHostFunction(name, body)
        lua_setglobal(state.L, name)
    }

    /// Makes a module that scripts get with `require(name)`, through `package.preload`.
    public func registerModule(_ name: String, functions: [String: LuaHostFunction], values: [String: LuaValue] = [:]) throws {
        let L = state.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        try LuaStack(L).preload(name, functions: functions, values: values)
    }

    /// Makes a module written in Lua: `require(name)` runs `source` once, passing it a table
    /// of the given Swift functions and values, and returns what it returns.
    public func registerModule(_ name: String, source: String, functions: [String: LuaHostFunction], values: [String: LuaValue] = [:]) throws {
        try LuaStack(state.L).preload(name, source: source, functions: functions, values: values)
    }

    /// Under ``LuaLibraries/safe``: fixes `require`'s search path (`?.lua` templates, `;`-separated)
    /// and adds names `os.getenv` must hide, once; later calls and other libraries fail.
    public func lockSafeLibrary(path: String, hiddenVariables: [String]) throws {
        let L = state.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        guard lua_getfield(L, clua_registryindex(), LuaState.safeLockKey) == LUA_TFUNCTION else {
            throw LuaError(kind: .runtime, message: "the runtime has no safe library to lock, or it is locked already")
        }
        lua_pushnil(L)
        lua_setfield(L, clua_registryindex(), LuaState.safeLockKey)
        let stack = LuaStack(L)
        try stack.push(.string(LuaBytes(path)))
        try stack.push(.array(hiddenVariables.map { .string(LuaBytes($0)) }))
        guard clua_pcall(L, 2, 0, 0) == LUA_OK else {
            throw LuaError(kind: .runtime, message: stack.message(at: -1))
        }
    }

    public func setGlobal(_ name: String, _ value: LuaValue) throws {
        try LuaStack(state.L).push(value)
        lua_setglobal(state.L, name)
    }

    public func global(_ name: String) throws -> LuaValue {
        let L = state.L
        lua_getglobal(L, name)
        defer { lua_settop(L, -2) }
        return try LuaStack(L).value(at: -1)
    }

    /// Kilobytes Lua has allocated, as `collectgarbage("count")` reports.
    public var memoryInUse: Double { state.memoryInUse }

    public func collectGarbage() { state.collectGarbage() }

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

    // MARK: The scheduler

    /// Anchors a new thread in the registry and moves the function and arguments on top of
    /// `source`'s stack onto it.
    private func makeCoroutine(from source: OpaquePointer, moving count: Int32) -> Coroutine {
        let thread = lua_newthread(source)!
        let reference = luaL_ref(source, clua_registryindex())
        lua_xmove(source, thread, count)
        lastID += 1
        let coroutine = Coroutine(task: LuaTask(id: lastID), thread: thread, reference: reference)
        coroutines[lastID] = coroutine
        return coroutine
    }

    /// `task.spawn(f, ...)`: `f` and its arguments move from the caller's stack to a new task,
    /// which starts once the caller suspends or finishes.
    func spawnFromLua(_ call: LuaCall) throws -> LuaTask {
        guard lua_type(call.thread, 1) == LUA_TFUNCTION else {
            throw call.argumentError(1, "function expected, got \(call.typeName(1))")
        }
        let count = lua_gettop(call.thread)
        let coroutine = makeCoroutine(from: call.thread, moving: count)
        ready.append((coroutine.task.id, count - 1))
        return coroutine.task
    }

    private func drain() {
        while true {
            if !cancelledWhileRunning.isEmpty {
                if let coroutine = coroutines[cancelledWhileRunning.removeFirst()] {
                    resume(coroutine, delivering: .failure(LuaError(kind: .cancelled, message: "cancelled")))
                }
                continue
            }
            guard !ready.isEmpty else { return }
            let next = ready.removeFirst()
            guard let coroutine = coroutines[next.id] else { continue }
            step(coroutine, arguments: next.arguments)
        }
    }

    private func resume(_ coroutine: Coroutine, delivering result: Result<[LuaValue], any Error>) {
        let stack = LuaStack(coroutine.thread)
        switch result {
        case .success(let values):
            let top = lua_gettop(coroutine.thread)
            do {
                guard lua_checkstack(coroutine.thread, Int32(values.count) + 2) != 0 else {
                    throw LuaConversionError(message: "too many results for the Lua stack")
                }
                lua_pushboolean(coroutine.thread, 1)
                for value in values { try stack.push(value) }
                step(coroutine, arguments: Int32(values.count) + 1)
            } catch {
                lua_settop(coroutine.thread, top)
                resume(coroutine, delivering: .failure(error))
            }
        case .failure(let error):
            lua_pushboolean(coroutine.thread, 0)
            pushError(error, on: coroutine.thread)
            step(coroutine, arguments: 2)
        }
    }

    private func step(_ coroutine: Coroutine, arguments: Int32) {
        let thread = coroutine.thread
        running = coroutine
        resumedThread.withLockedValue { $0 = UInt(bitPattern: Int(bitPattern: thread)) }
        var resultCount: Int32 = 0
        let status = clua_resume(thread, state.L, arguments, &resultCount)
        resumedThread.withLockedValue { $0 = 0 }
        running = nil
        switch status {
        case LUA_YIELD:
            lua_settop(thread, -resultCount - 1)
            if coroutine.pendingTicket == nil { ready.append((coroutine.task.id, 0)) }
        case LUA_OK:
            let stack = LuaStack(thread)
            let first = lua_gettop(thread) - resultCount + 1
            guard coroutine.keepsResults else { return finish(coroutine, .success([])) }
            do {
                let values = try (0..<resultCount).map { try stack.value(at: first + $0) }
                finish(coroutine, .success(values))
            } catch {
                finish(coroutine, .failure(LuaError(kind: .runtime, message: redacted("the task returned a value Swift cannot hold: \(error)"))))
            }
        default:
            finish(coroutine, .failure(error(on: thread, status: status)))
        }
    }

    private func finish(_ coroutine: Coroutine, _ result: Result<[LuaValue], LuaError>) {
        if let ticket = coroutine.pendingTicket { tickets.removeValue(forKey: ticket)?.work.cancel() }
        coroutines.removeValue(forKey: coroutine.task.id)
        lua_settop(coroutine.thread, 0)
        if case .failure = result { _ = clua_closethread(coroutine.thread, state.L) }
        luaL_unref(state.L, clua_registryindex(), coroutine.reference)
        coroutine.task.finish(result)
    }

    /// The error value on top of a failed thread, with the thread's traceback (its stack is
    /// still intact after a failed resume). The texts are redacted; the value keeps what the
    /// script raised, for a Lua waiter that catches it.
    private func error(on thread: OpaquePointer, status: Int32) -> LuaError {
        let stack = LuaStack(thread)
        let message = redacted(stack.message(at: -1))
        clua_traceback(state.L, thread, nil, 0)
        let traceback = redacted(LuaStack(state.L).message(at: -1))
        lua_settop(state.L, -2)
        var error = LuaError(kind: status == LUA_ERRMEM ? .memory : .runtime, message: message, traceback: traceback)
        switch lua_type(thread, -1) {
        case LUA_TTABLE:
            error.underlying = swiftError(at: -1, on: thread)
            error.value = try? stack.value(at: -1)
            if let cancelled = error.underlying as? LuaError, cancelled.kind == .cancelled { error.kind = .cancelled }
        case LUA_TSTRING where options.redact != nil:
            error.value = try? stack.value(at: -1)
        default:
            break
        }
        return error
    }

    private func redacted(_ text: String) -> String {
        options.redact?(text) ?? text
    }

    // MARK: Host functions

    func invoke(_ function: HostFunctionBox, on thread: OpaquePointer) -> Int32 {
        let call = LuaCall(thread: thread, name: function.name, runtime: self)
        do {
            switch try function.body(call) {
            case .values(let values):
                guard lua_checkstack(thread, Int32(values.count) + 2) != 0 else {
                    throw LuaConversionError(message: "too many results for the Lua stack")
                }
                let stack = LuaStack(thread)
                for value in values { try stack.push(value) }
                return Int32(values.count)
            case .suspend(let work):
                return try suspend(thread, for: function.name, work)
            case .decodedJSON(let argument):
                var length = 0
                guard let text = lua_tolstring(thread, Int32(argument), &length) else {
                    throw call.argumentError(argument, "string expected, got \(call.typeName(argument))")
                }
                try text.withMemoryRebound(to: UInt8.self, capacity: length) {
                    try LuaJSON.push(UnsafeBufferPointer(start: $0, count: length), onto: thread)
                }
                return 1
            }
        } catch {
            pushError(error, on: thread)
            return CLUA_RAISE
        }
    }

    private func suspend(_ thread: OpaquePointer, for name: String, _ work: @escaping @Sendable () async throws -> [LuaValue]) throws -> Int32 {
        guard lua_isyieldable(thread) != 0, let owner = running else {
            throw LuaSuspensionError(function: name, construct: nonYieldableConstruct(thread))
        }
        if owner.cancelRequested { throw LuaError(kind: .cancelled, message: "cancelled") }
        if let stale = owner.pendingTicket { tickets.removeValue(forKey: stale)?.work.cancel() }
        lastID += 1
        let ticket = lastID
        let work = Task {
            let result: Result<[LuaValue], any Error>
            do { result = .success(try await work()) } catch { result = .failure(error) }
            self.complete(ticket, with: result)
        }
        tickets[ticket] = Ticket(coroutine: owner.task.id, work: work)
        owner.pendingTicket = ticket
        lua_pushlightuserdata(thread, clua_pendingsentinel())
        return CLUA_YIELD_BASE - 1
    }

    private func complete(_ ticket: Int, with result: Result<[LuaValue], any Error>) {
        guard let entry = tickets.removeValue(forKey: ticket),
              let coroutine = coroutines[entry.coroutine], coroutine.pendingTicket == ticket else { return }
        coroutine.pendingTicket = nil
        resume(coroutine, delivering: result)
        drain()
    }

    /// Names the C function that makes the current call unable to yield.
    private func nonYieldableConstruct(_ thread: OpaquePointer) -> String? {
        var record = lua_Debug()
        var level: Int32 = 1
        while lua_getstack(thread, level, &record) != 0 {
            _ = lua_getinfo(thread, "Sn", &record)
            if let what = record.what, String(cString: what) == "C" {
                let name = record.name.map { String(cString: $0) } ?? "?"
                if name != "pcall" && name != "xpcall" { return name }
            }
            level += 1
        }
        return nil
    }

    // MARK: Errors into Lua

    static let errorRegistryKey = "LuaBridge.errors"

    /// Pushes the Lua value for a Swift error: Lua errors go back as they came; others become
    /// a table of fields with a readable `tostring`, remembered so the original comes back out.
    func pushError(_ error: any Error, on thread: OpaquePointer) {
        let stack = LuaStack(thread)
        if let error = error as? LuaError {
            if let underlying = error.underlying { return pushError(underlying, on: thread) }
            if let value = error.value, (try? stack.push(value)) != nil { return }
            if error.kind != .cancelled { return stack.pushString(error.message) }
        }
        var fields: [String: LuaValue]
        if let convertible = error as? any LuaErrorConvertible {
            fields = convertible.luaErrorFields
        } else {
            fields = ["kind": .string("swift"), "message": .string(String(describing: error))]
        }
        // Every error value says whether the same call may simply be made again; only an error
        // that knows better (a rate limit, a read that timed out) says yes.
        if fields["retryable"] == nil { fields["retryable"] = .boolean(false) }
        let entries = Dictionary(uniqueKeysWithValues: fields.map { (LuaKey.string(LuaBytes($0.key)), $0.value) })
        if (try? stack.push(.table(entries))) == nil {
            stack.pushString(String(describing: error))
            return
        }
        if luaL_newmetatable(thread, "LuaBridge.error") != 0 {
            stack.pushString("error")
            lua_setfield(thread, -2, "__name")
            stack.pushHostFunction("__tostring") { call in
                let stack = LuaStack(call.thread)
                let thread = SameThread(call.thread)
                if let error = call.runtime.assumeIsolated({ $0.swiftError(at: 1, on: thread.value) }) {
                    let text = (error as? any LuaErrorConvertible)?.luaErrorMessage ?? String(describing: error)
                    return .value(.string(text))
                }
                lua_getfield(call.thread, 1, "message")
                defer { lua_settop(call.thread, -2) }
                return .value(.string(stack.message(at: -1)))
            }
            lua_setfield(thread, -2, "__tostring")
        }
        lua_setmetatable(thread, -2)
        luaL_getsubtable(thread, clua_registryindex(), Self.errorRegistryKey)
        lua_pushvalue(thread, -2)
        stack.pushUserdata(SwiftErrorBox(error))
        lua_rawset(thread, -3)
        lua_settop(thread, -2)
    }

    /// The Swift error behind an error table this runtime raised, if it is one.
    func swiftError(at index: Int32, on thread: OpaquePointer) -> (any Error)? {
        let index = lua_absindex(thread, index)
        guard luaL_getsubtable(thread, clua_registryindex(), Self.errorRegistryKey) != 0 else {
            lua_settop(thread, -2)
            return nil
        }
        lua_pushvalue(thread, index)
        lua_rawget(thread, -2)
        defer { lua_settop(thread, -3) }
        return (LuaStack(thread).userdata(at: -1) as? SwiftErrorBox)?.error
    }

    // MARK: Set-up

    private static func installScheduling(in state: LuaState) throws {
        let L = state.L
        luaL_getsubtable(L, clua_registryindex(), errorRegistryKey)
        lua_createtable(L, 0, 1)
        LuaStack(L).pushString("k")
        lua_setfield(L, -2, "__mode")
        lua_setmetatable(L, -2)
        lua_settop(L, -2)

        lua_pushlightuserdata(L, nil)
        lua_createtable(L, 0, 1)
        LuaStack(L).pushHostFunction("__tostring") { call in
            let address = lua_touserdata(call.thread, 1).map { "lightuserdata: 0x" + String(UInt(bitPattern: $0), radix: 16) }
            return .value(.string(address ?? "null"))
        }
        lua_setfield(L, -2, "__tostring")
        lua_setmetatable(L, -2)
        lua_settop(L, -2)

        lua_getglobal(L, "coroutine")
        let hasCoroutineLibrary = lua_type(L, -1) == LUA_TTABLE
        lua_settop(L, -2)
        if hasCoroutineLibrary {
            let top = lua_gettop(L)
            _ = try withCharacters(Array(coroutineRoutingSource.utf8)) { clua_loadbuffer(L, $0, $1, "=coroutine routing", "t") }
            lua_pushlightuserdata(L, clua_pendingsentinel())
            guard clua_pcall(L, 1, 0, 0) == LUA_OK else {
                defer { lua_settop(L, top) }
                throw LuaError(kind: .runtime, message: LuaStack(L).message(at: -1))
            }
        }
        try LuaStack(L).preload("task", functions: schedulerFunctions, values: [:])
    }
}

/// A host function was asked to wait where Lua cannot suspend the coroutine.
public struct LuaSuspensionError: Error, LuaErrorConvertible, CustomStringConvertible {
    public let function: String
    /// The C function in the way (`sort`, `gsub`, `require`), when it could be found.
    public let construct: String?

    public var description: String {
        let place = construct.map { "inside '\($0)'" } ?? "here"
        return "'\(function)' cannot wait \(place): Lua cannot suspend a coroutine across that C function "
            + "(a table.sort comparator, a string.gsub callback, a module's top level under require); make the call outside it"
    }
    public var luaErrorFields: [String: LuaValue] { ["kind": .string("suspension"), "message": .string(description)] }
    public var luaErrorMessage: String { description }
}

/// Carries a value into `assumeIsolated`, whose closure runs synchronously on the calling
/// thread — the runtime's executor, since only the runtime runs Lua — so nothing crosses threads.
struct SameThread<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Carries a Swift error inside Lua so it comes back out unchanged.
final class SwiftErrorBox: LuaUserdata {
    let error: any Error
    init(_ error: any Error) { self.error = error }
    static let luaTypeName = "swift error"
}

extension LuaRuntime {
    /// The Lua release this runtime was built against, such as `Lua 5.4.4`.
    public static var luaRelease: String { String(cString: clua_release()) }
}
