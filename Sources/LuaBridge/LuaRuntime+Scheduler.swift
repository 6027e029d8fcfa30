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

    func resume(_ coroutine: Coroutine, delivering result: Result<[LuaValue], any Error>) {
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

    func step(_ coroutine: Coroutine, arguments: Int32) {
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

    func finish(_ coroutine: Coroutine, _ result: Result<[LuaValue], LuaError>) {
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
    func error(on thread: OpaquePointer, status: Int32) -> LuaError {
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

    func suspend(_ thread: OpaquePointer, for name: String, _ work: @escaping @Sendable () async throws -> [LuaValue]) throws -> Int32 {
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

    func complete(_ ticket: Int, with result: Result<[LuaValue], any Error>) {
        guard let entry = tickets.removeValue(forKey: ticket),
              let coroutine = coroutines[entry.coroutine], coroutine.pendingTicket == ticket else { return }
        coroutine.pendingTicket = nil
        resume(coroutine, delivering: result)
        drain()
    }

    /// Names the C function that makes the current call unable to yield.
    func nonYieldableConstruct(_ thread: OpaquePointer) -> String? {
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
}
