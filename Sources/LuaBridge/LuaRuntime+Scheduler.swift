internal import CLuaShim
import NIOConcurrencyHelpers

extension LuaRuntime {
    // MARK: The scheduler

    /// Anchors a new thread in the registry and moves the function and arguments on top of
    /// `source`'s stack onto it.
    func makeCoroutine(from source: OpaquePointer, moving count: Int32) -> Coroutine {
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

    func drain() {
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

    /// Resumes a coroutine that waited with its call's result (`ok, values...` or `false, error`).
    func resume(_ coroutine: Coroutine, delivering result: Result<LuaResults, any Error>) {
        if clua_iswaiting(coroutine.thread) != 0 { lua_settop(coroutine.thread, -2) }
        let count = push(result, onto: coroutine.thread)
        step(coroutine, arguments: count)
    }

    /// Pushes `ok, values...` (or `false, error`) for a host call's continuation; returns how many.
    func push(_ result: Result<LuaResults, any Error>, onto thread: OpaquePointer) -> Int32 {
        switch result {
        case .success(let results):
            let top = lua_gettop(thread)
            do {
                switch results {
                case .values(let values):
                    guard lua_checkstack(thread, Int32(values.count) + 2) != 0 else {
                        throw LuaConversionError(message: "too many results for the Lua stack")
                    }
                    lua_pushboolean(thread, 1)
                    let stack = LuaStack(thread)
                    for value in values { try stack.push(value) }
                    return Int32(values.count) + 1
                case .document(let document):
                    guard lua_checkstack(thread, 3) != 0 else { throw LuaConversionError(message: "too many results for the Lua stack") }
                    lua_pushboolean(thread, 1)
                    try LuaJSON.push(document, onto: thread)
                    return 2
                }
            } catch {
                lua_settop(thread, top)
                return push(.failure(error), onto: thread)
            }
        case .failure(let error):
            lua_pushboolean(thread, 0)
            pushError(error, on: thread)
            return 2
        }
    }

    func step(_ coroutine: Coroutine, arguments: Int32) {
        let thread = coroutine.thread
        let outer = running
        running = coroutine
        let outerThread = threadRunningLua.withLockedValue { address in
            defer { address = UInt(bitPattern: Int(bitPattern: thread)) }
            return address
        }
        var resultCount: Int32 = 0
        let status = clua_resume(thread, state.L, arguments, &resultCount)
        threadRunningLua.withLockedValue { $0 = outerThread }
        running = outer
        switch status {
        case LUA_YIELD:
            // A wait leaves its sentinel on the stack, to refuse a resume by a script meanwhile.
            if coroutine.pendingTicket == nil {
                lua_settop(thread, -resultCount - 1)
                ready.append((coroutine.task.id, 0))
            }
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

    func finish(_ coroutine: Coroutine, _ result: Result<[LuaValue], LuaError>) {
        if let ticket = coroutine.pendingTicket { forget(ticket)?.work.cancel() }
        coroutines.removeValue(forKey: coroutine.task.id)
        lua_settop(coroutine.thread, 0)
        if case .failure = result { _ = clua_closethread(coroutine.thread, state.L) }
        luaL_unref(state.L, clua_registryindex(), coroutine.reference)
        coroutine.task.finish(result)
    }

    // MARK: The main chunk

    func execute(_ source: LuaBytes, chunkName: String, arguments: [LuaValue], keepsResults: Bool, as task: LuaTask) throws -> [LuaValue] {
        let L = state.L
        let base = lua_gettop(L)
        defer { lua_settop(L, base) }
        clua_pushcfunction(L, clua_mainmessagehandler)
        try load(source, chunkName: chunkName)
        for argument in arguments { try LuaStack(L).push(argument) }
        let chunk = Coroutine(task: task, thread: L, reference: LUA_NOREF)
        let outerMain = main
        let outerRunning = running
        main = chunk
        running = chunk
        let outerThread = threadRunningLua.withLockedValue { address in
            defer { address = UInt(bitPattern: Int(bitPattern: L)) }
            return address
        }
        let status = clua_pcallmain(L, Int32(arguments.count), base + 1)
        threadRunningLua.withLockedValue { $0 = outerThread }
        running = outerRunning
        main = outerMain
        if let ticket = chunk.pendingTicket { forget(ticket)?.work.cancel() }
        defer { drain() }
        guard status == LUA_OK else { throw mainError(status: status) }
        guard keepsResults else { return [] }
        let stack = LuaStack(L)
        do {
            return try stride(from: base + 2, through: lua_gettop(L), by: 1).map { try stack.value(at: $0) }
        } catch {
            throw LuaError(kind: .runtime, message: redacted("the chunk returned a value Swift cannot hold: \(error)"))
        }
    }

    /// Compiles `source` onto the main thread's stack; a syntax error is thrown.
    func load(_ source: LuaBytes, chunkName: String) throws {
        guard !state.isClosed else { throw LuaError(kind: .runtime, message: "the Lua state is closed") }
        let L = state.L
        let mode = options.libraries == .safe ? "t" : "bt"
        let status = withCharacters(source.bytes) { clua_loadbuffer(L, $0, $1, chunkName, mode) }
        guard status == LUA_OK else {
            let message = redacted(LuaStack(L).message(at: -1))
            lua_settop(L, -2)
            throw LuaError(kind: status == LUA_ERRMEM ? .memory : .syntax, message: message)
        }
    }

    /// The error of a failed main chunk: the message handler's message and traceback, and the
    /// value raised (see ``error(on:status:)``).
    func mainError(status: Int32) -> LuaError {
        let L = state.L
        let stack = LuaStack(L)
        guard status == LUA_ERRRUN else {
            return LuaError(kind: status == LUA_ERRMEM ? .memory : .runtime, message: redacted(stack.message(at: -1)))
        }
        let message = redacted(stack.message(at: -1))
        var traceback: String?
        if lua_getfield(L, clua_registryindex(), CLUA_MAIN_TRACEBACK_KEY) == LUA_TSTRING { traceback = redacted(stack.message(at: -1)) }
        lua_settop(L, -2)
        lua_getfield(L, clua_registryindex(), CLUA_MAIN_ERROR_KEY)
        var error = LuaError(kind: .runtime, message: message, traceback: traceback)
        // lua says only "(error object is a table value)"; what the table holds follows it.
        if traceback != nil, ![LUA_TSTRING, LUA_TNUMBER].contains(lua_type(L, -1)), message.hasPrefix("(error object is a") {
            error.message += " " + redacted(stack.message(at: -1))
        }
        describeValue(at: -1, on: L, into: &error)
        lua_settop(L, -2)
        for key in [CLUA_MAIN_ERROR_KEY, CLUA_MAIN_TRACEBACK_KEY] {
            lua_pushnil(L)
            lua_setfield(L, clua_registryindex(), key)
        }
        return error
    }

    /// The error value on top of a failed thread, with the thread's traceback (its stack is
    /// still intact after a failed resume). The texts are redacted; the value keeps what the
    /// script raised, for a Lua waiter that catches it.
    func error(on thread: OpaquePointer, status: Int32) -> LuaError {
        let stack = LuaStack(thread)
        let message = redacted(stack.message(at: -1))
        clua_traceback(state.L, thread, nil, 0)
        let traceback = redacted(LuaStack(state.L).message(at: -1))
        lua_settop(state.L, -2)
        var error = LuaError(kind: status == LUA_ERRMEM ? .memory : .runtime, message: message, traceback: traceback)
        describeValue(at: -1, on: thread, into: &error)
        return error
    }

    /// Keeps the raised value in `error`: a table (and the Swift error behind it, if any), or
    /// the string when the message shown is redacted, so a Lua waiter gets back what was raised.
    func describeValue(at index: Int32, on thread: OpaquePointer, into error: inout LuaError) {
        let stack = LuaStack(thread)
        switch lua_type(thread, index) {
        case LUA_TTABLE:
            error.underlying = swiftError(at: index, on: thread)
            error.value = try? stack.value(at: index)
            if let cancelled = error.underlying as? LuaError, cancelled.kind == .cancelled { error.kind = .cancelled }
        case LUA_TSTRING where options.redact != nil:
            error.value = try? stack.value(at: index)
        default:
            break
        }
    }

    func redacted(_ text: String) -> String {
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
                return try suspend(thread, for: function.name, onRuntimeThread: false) { .values(try await work()) }
            case .suspendLight(let work):
                return try suspend(thread, for: function.name, onRuntimeThread: true) { .values(try await work()) }
            case .suspendReturningJSON(let work):
                return try suspend(thread, for: function.name, onRuntimeThread: false) { .document(try await work()) }
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

    /// Starts a host call's work, on Swift's pool or on the runtime's thread. Where the calling
    /// thread can yield, it yields the pending sentinel and the runtime resumes it with the
    /// result; where it cannot, the call waits here.
    func suspend(_ thread: OpaquePointer, for name: String, onRuntimeThread: Bool,
                 _ work: @escaping @Sendable () async throws -> LuaResults) throws -> Int32 {
        guard let owner = running else {
            throw LuaError(kind: .runtime, message: "'\(name)' was called while no Lua code runs")
        }
        if owner.cancelRequested { throw LuaError(kind: .cancelled, message: "cancelled") }
        if let stale = owner.pendingTicket { forget(stale)?.work.cancel() }
        lastID += 1
        let ticket = lastID
        // Work on the runtime's thread runs also during a wait in place (an actor job could not).
        let work = Task.detached(executorPreference: onRuntimeThread ? executor.work : nil) {
            let result: Result<LuaResults, any Error>
            do { result = .success(try await work()) } catch { result = .failure(error) }
            if self.executor.post(.completed(ticket: ticket, result: result)) { await self.readMessages() }
        }
        tickets[ticket] = Ticket(coroutine: owner.task.id, caller: thread, work: work)
        owner.pendingTicket = ticket
        guard lua_isyieldable(thread) != 0 else {
            let count = push(waitInPlace(for: ticket), onto: thread)
            return lua_toboolean(thread, -count) != 0 ? pushedResults(count, on: thread) : raising(on: thread)
        }
        lastYieldedTicket = ticket
        lua_pushlightuserdata(thread, clua_pendingsentinel())
        return CLUA_YIELD_BASE - 1
    }

    /// The values of a successful wait in place, without the `ok` below them.
    private func pushedResults(_ count: Int32, on thread: OpaquePointer) -> Int32 {
        lua_rotate(thread, -count, -1)
        lua_settop(thread, -2)
        return count - 1
    }

    /// The error of a failed wait in place, on top for the trampoline to raise.
    private func raising(on thread: OpaquePointer) -> Int32 {
        lua_rotate(thread, -2, 1)
        lua_settop(thread, -2)
        return CLUA_RAISE
    }

    /// Waits for `ticket` on the runtime's thread, running the other coroutines meanwhile:
    /// the tasks that are ready, and those whose calls finish.
    func waitInPlace(for ticket: Int) -> Result<LuaResults, any Error> {
        guard var entry = tickets[ticket] else {
            return resultsInPlace.removeValue(forKey: ticket) ?? .failure(LuaError(kind: .cancelled, message: "cancelled"))
        }
        entry.inPlace = true
        tickets[ticket] = entry
        if let owner = coroutine(id: entry.coroutine), owner.pendingTicket == ticket {
            owner.pendingTicket = nil
        }
        let outerThread = threadRunningLua.withLockedValue { address in
            defer { address = 0 }
            return address
        }
        defer { threadRunningLua.withLockedValue { $0 = outerThread } }
        // The tasks run from here borrow a few slots of the main thread's stack (tracebacks, anchors).
        _ = lua_checkstack(state.L, 40)
        while true {
            drain()
            if let result = resultsInPlace.removeValue(forKey: ticket) { return result }
            for message in executor.runWorkUntilMessages() { read(message) }
        }
    }

    /// The task, or the main chunk while it runs, with this id.
    func coroutine(id: Int) -> Coroutine? {
        coroutines[id] ?? main.flatMap { $0.task.id == id ? $0 : nil }
    }

    /// The hop a posted message asked for: reads what has arrived, then runs what became ready.
    func readMessages() {
        let messages = executor.takeMessagesForHop()
        guard !state.isClosed else { return }
        for message in messages { read(message) }
        drain()
    }

    func read(_ message: Message) {
        switch message {
        case .completed(let ticket, let result):
            complete(ticket, with: result)
        case .cancel(let id):
            if let coroutine = coroutine(id: id) { cancelNow(coroutine) }
        case .cancelAll:
            if let main { cancelNow(main) }
            for coroutine in Array(coroutines.values) { cancelNow(coroutine) }
        }
    }

    /// Delivers a call's result: to the frame waiting in place for it, or by resuming the
    /// coroutine that yielded (the runtime is free, or is inside a wait in place).
    func complete(_ ticket: Int, with result: Result<LuaResults, any Error>) {
        guard let entry = forget(ticket) else { return }
        if entry.inPlace {
            resultsInPlace[ticket] = result
            return
        }
        guard let coroutine = coroutines[entry.coroutine], coroutine.pendingTicket == ticket else { return }
        coroutine.pendingTicket = nil
        resume(coroutine, delivering: result)
    }

    /// Removes a ticket.
    @discardableResult
    func forget(_ ticket: Int) -> Ticket? {
        guard let entry = tickets.removeValue(forKey: ticket) else { return nil }
        if lastYieldedTicket == ticket { lastYieldedTicket = nil }
        return entry
    }

    /// Cancels what `coroutine` waits for (or its next wait). A call waited for in place gets
    /// its error at once; a suspended coroutine is resumed with it, once no Lua code runs.
    func cancelNow(_ coroutine: Coroutine) {
        coroutine.cancelRequested = true
        guard let ticket = coroutine.pendingTicket ?? tickets.first(where: { $0.value.coroutine == coroutine.task.id })?.key else { return }
        cancelCall(ticket)
    }

    func cancelCall(_ ticket: Int) {
        guard let entry = forget(ticket) else { return }
        entry.work.cancel()
        let cancelled = LuaError(kind: .cancelled, message: "cancelled")
        if entry.inPlace {
            resultsInPlace[ticket] = .failure(cancelled)
            return
        }
        guard let coroutine = coroutines[entry.coroutine], coroutine.pendingTicket == ticket else { return }
        coroutine.pendingTicket = nil
        if running != nil {
            cancelledWhileRunning.append(coroutine.task.id)
        } else {
            resume(coroutine, delivering: .failure(cancelled))
            drain()
        }
    }

    /// What the routed coroutine library asks (see `clua_WaitHook`).
    func answerWaitHook(_ request: Int32, from thread: OpaquePointer, about coroutine: OpaquePointer) -> Int32 {
        switch request {
        case CLUA_WAIT_PASSED:
            if let ticket = lastYieldedTicket {
                tickets[ticket]?.passedThrough.append(coroutine)
            }
            return 0
        case CLUA_WAIT_IN_PLACE:
            var result: Result<LuaResults, any Error> = .failure(LuaError(kind: .runtime, message: "the call this coroutine waited for is gone"))
            if let ticket = lastYieldedTicket {
                lastYieldedTicket = nil
                tickets[ticket]?.passedThrough.append(coroutine)
                result = waitInPlace(for: ticket)
            }
            // The sentinel stays while it waits, so a close from elsewhere cancels the call;
            // a coroutine closed meanwhile has none, and refuses the result as a dead one.
            if clua_iswaiting(coroutine) != 0 { lua_settop(coroutine, -2) }
            return push(result, onto: coroutine)
        default:
            // Rare (a close of a coroutine that waits), so a search rather than an index kept per call.
            let waitedFor = tickets.first { $0.value.caller == coroutine || $0.value.passedThrough.contains(coroutine) }
            if let ticket = waitedFor?.key { cancelCall(ticket) }
            return 0
        }
    }
}
