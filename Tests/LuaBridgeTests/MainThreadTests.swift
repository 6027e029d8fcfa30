import Foundation
import LuaBridge
import Synchronization
import Testing

/// A chunk run with `runMain` is Lua's main thread, as a script is under `lua`: it cannot
/// yield, and its host calls wait in place while the runtime keeps the other coroutines going.
@Suite(.timeLimit(.minutes(1))) struct MainThreadTests {
    @Test func theMainChunkIsTheMainThreadAndCannotYield() async throws {
        let runtime = try LuaRuntime()
        let result = try await runtime.runMain("""
            local thread, ismain = coroutine.running()
            local ok, message = pcall(coroutine.yield, 1)
            return type(thread), ismain, coroutine.isyieldable(), ok, message
            """, chunkName: "=main")
        #expect(result == [.string("thread"), .boolean(true), .boolean(false), .boolean(false),
                           .string("attempt to yield from outside a coroutine")])
    }

    @Test func aCallInTheMainChunkWaitsWhileSpawnedTasksRun() async throws {
        let runtime = try LuaRuntime()
        let gate = Gate()
        await runtime.register("hold") { _ in .suspend { [.integer(await gate.wait(1))] } }
        await runtime.register("release") { call in
            let value = try call.integer(1)
            return .suspend {
                await gate.untilWaiting(1)
                await gate.release(1, with: value)
                return []
            }
        }
        // The held call returns only after the spawned task ran and released it.
        let result = try await runtime.runMain("""
            local task = require 'task'
            local releaser = task.spawn(function() release(42) return 'released' end)
            local held = hold()
            return held, releaser:wait(), coroutine.isyieldable()
            """, chunkName: "=main")
        #expect(result == [.integer(42), .string("released"), .boolean(false)])
    }

    @Test func callsInTheScriptsOwnCoroutinesAndUnderPcallGetTheirResults() async throws {
        let runtime = try LuaRuntime()
        await runtime.registerDoubleLater()
        let result = try await runtime.runMain("""
            local gen = coroutine.wrap(function(a)
              local b = coroutine.yield(double_later(a))
              return double_later(b) + 1
            end)
            local co = coroutine.create(function() return select(2, pcall(double_later, 100)) end)
            local _, fromCoroutine = coroutine.resume(co)
            local _, fromXpcall = xpcall(double_later, debug.traceback, 3)
            return gen(5), gen(20), fromCoroutine, coroutine.status(co), fromXpcall
            """, chunkName: "=main")
        #expect(result == [.integer(10), .integer(41), .integer(200), .string("dead"), .integer(6)])
    }

    @Test func closingACoroutineThatWaitsCancelsItsCall() async throws {
        let runtime = try LuaRuntime()
        let cancelled = Atomic<Bool>(false)
        await runtime.register("nap") { _ in
            .suspend {
                do {
                    try await Task.sleep(for: .seconds(60))
                } catch {
                    cancelled.store(true, ordering: .relaxed)
                    throw error
                }
                return []
            }
        }
        // The main chunk waits in place for `co`; the spawned task closes it meanwhile.
        let result = try await runtime.runMain("""
            local co = coroutine.create(function() nap() return 'woke' end)
            local closed
            require('task').spawn(function() closed = coroutine.close(co) end)
            local ok, message = coroutine.resume(co)
            return ok, message, closed, coroutine.status(co)
            """, chunkName: "=main")
        #expect(result == [.boolean(false), .string("cannot resume dead coroutine"), .boolean(true), .string("dead")])
        while !cancelled.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(5)) }
    }

    @Test func aCoroutineThatWaitsCannotBeResumedFromElsewhere() async throws {
        let runtime = try LuaRuntime()
        await runtime.register("nap") { _ in .suspend { try await Task.sleep(for: .milliseconds(20)); return [.string("rested")] } }
        let result = try await runtime.runMain("""
            local co = coroutine.create(function() return nap() end)
            local fromElsewhere
            require('task').spawn(function() fromElsewhere = { coroutine.resume(co, 'x') } end)
            local ok, value = coroutine.resume(co)
            return ok, value, fromElsewhere[1], fromElsewhere[2]
            """, chunkName: "=main")
        #expect(result == [.boolean(true), .string("rested"), .boolean(false),
                           .string("cannot resume a coroutine that is waiting for a host call to finish")])
    }

    @Test func cancellingTheSwiftTaskCancelsTheMainChunksWait() async throws {
        let runtime = try LuaRuntime()
        await runtime.register("nap") { _ in .suspend { try await Task.sleep(for: .seconds(60)); return [] } }
        let running = Task { try await runtime.runMain("nap()", chunkName: "=main") }
        try await Task.sleep(for: .milliseconds(50))
        running.cancel()
        let error = await #expect(throws: LuaError.self) { try await running.value }
        #expect(error?.kind == .cancelled)
        #expect(error?.traceback?.contains("in function 'nap'") == true)
    }

    @Test func cancelAllReachesAMainChunkThatWaits() async throws {
        let runtime = try LuaRuntime()
        await runtime.register("nap") { _ in .suspend { try await Task.sleep(for: .seconds(60)); return [] } }
        let running = Task { try await runtime.runMain("local ok, e = pcall(nap); return ok, tostring(e)", chunkName: "=main") }
        try await Task.sleep(for: .milliseconds(50))
        runtime.cancelAll()
        #expect(try await running.value == [.boolean(false), .string("cancelled")])
    }

    @Test func errorsReadAsLuaPrintsThem() async throws {
        let runtime = try LuaRuntime()
        let plain = await #expect(throws: LuaError.self) { try await runtime.runMain("error('boom')", chunkName: "=main") }
        #expect(plain?.message == "main:1: boom")
        #expect(plain?.traceback?.hasPrefix("stack traceback:\n\t[C]: in function 'error'") == true)
        let described = await #expect(throws: LuaError.self) {
            try await runtime.runMain("error(setmetatable({}, { __tostring = function() return 'described' end }))", chunkName: "=main")
        }
        #expect(described?.message == "described")
        #expect(described?.traceback == nil)
        let table = await #expect(throws: LuaError.self) { try await runtime.runMain("error({ code = 7 })", chunkName: "=main") }
        #expect(table?.message == "(error object is a table value) {code = 7}", "lua's words, then what the table holds")
        #expect(table?.value == .table([.string("code"): .integer(7)]))
    }

    @Test func anErrorInCloseInsideWrapIsTheOneRaised() async throws {
        let runtime = try LuaRuntime()
        let result = try await runtime.runMain("""
            local f = coroutine.wrap(function()
              local x <close> = setmetatable({}, { __close = function() error('from close', 0) end })
              error('original', 0)
            end)
            return select(2, pcall(f))
            """, chunkName: "=main")
        #expect(result == [.string("from close")])
    }

    /// Each runtime waits on a thread of its own: more runtimes waiting in place at once than
    /// Swift's pool has threads must not starve the work they wait for.
    @Test func manyRuntimesWaitingInPlaceAtOnceAllFinish() async throws {
        let count = ProcessInfo.processInfo.activeProcessorCount * 4
        let gate = Gate()
        let results = try await withThrowingTaskGroup(of: [LuaValue].self) { group in
            for index in 0..<count {
                let runtime = try LuaRuntime()
                await runtime.register("hold") { _ in .suspend { [.integer(await gate.wait(Int64(index)))] } }
                group.addTask { try await runtime.runMain("return hold()", chunkName: "=main") }
            }
            await gate.untilWaiting(count)
            for index in 0..<count { await gate.release(Int64(index), with: Int64(index)) }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let values = results.compactMap { if case .integer(let n) = $0 { n } else { nil } }
        #expect(values.sorted() == (0..<count).map { Int64($0) })
    }
}
