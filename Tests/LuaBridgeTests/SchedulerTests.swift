import Foundation
import LuaBridge
import Synchronization
import Testing

/// Holds suspended host calls until the test releases them, in any order it likes.
actor Gate {
    private var waiting: [Int64: CheckedContinuation<Int64, Never>] = [:]

    func wait(_ key: Int64) async -> Int64 {
        await withCheckedContinuation { waiting[key] = $0 }
    }

    var count: Int { waiting.count }

    func release(_ key: Int64, with value: Int64) {
        waiting.removeValue(forKey: key)?.resume(returning: value)
    }

    func untilWaiting(_ expected: Int) async {
        while waiting.count < expected { await Task.yield() }
    }
}

extension LuaRuntime {
    /// `double_later(n)`: 2n, after a suspension of a millisecond.
    func registerDoubleLater() {
        register("double_later") { call in
            let n = try call.integer(1)
            return .suspend {
                try await Task.sleep(for: .milliseconds(1))
                return [.integer(n * 2)]
            }
        }
    }
}

@Suite struct SchedulerTests {
    @Test func suspendedCallLooksBlockingToTheScript() async throws {
        let runtime = try LuaRuntime()
        await runtime.register("echo_later") { call in
            let value = try call.value(1)
            return .suspend {
                try await Task.sleep(for: .milliseconds(5))
                return [value, .string("done")]
            }
        }
        let result = try await runtime.run("local a, b = echo_later(41); return a + 1, b")
        #expect(result == [.integer(42), .string("done")])
    }

    @Test func aThousandSuspendedCoroutinesEachGetTheirOwnResult() async throws {
        let runtime = try LuaRuntime()
        let gate = Gate()
        await runtime.register("wait_for") { call in
            let key = try call.integer(1)
            return .suspend { [.integer(await gate.wait(key))] }
        }
        let run = Task {
            try await runtime.run("""
                local task = require "task"
                local tasks = {}
                for i = 1, 1000 do
                  tasks[i] = task.spawn(function(key) return wait_for(key) end, i)
                end
                local wrong = 0
                for i = 1, 1000 do
                  if tasks[i]:wait() ~= i * 7 then wrong = wrong + 1 end
                end
                return wrong
                """)
        }
        await gate.untilWaiting(1000)
        #expect(await runtime.activeTaskCount == 1001)
        for key in (1...1000).shuffled() {
            await gate.release(Int64(key), with: Int64(key) * 7)
        }
        #expect(try await run.value == [.integer(0)])
        #expect(await runtime.activeTaskCount == 0)
    }

    @Test func pcallCatchesAnErrorDeliveredAfterSuspension() async throws {
        let runtime = try LuaRuntime()
        await runtime.register("fail_later") { _ in
            .suspend {
                try await Task.sleep(for: .milliseconds(1))
                throw TestFailure(message: "the async work failed")
            }
        }
        let result = try await runtime.run("""
            local ok, err = pcall(fail_later)
            return ok, err.message, err.kind, tostring(err)
            """)
        #expect(result == [.boolean(false), .string("the async work failed"), .string("test"), .string("test failure: the async work failed")])
    }

    @Test func anUncaughtAsyncErrorCarriesTheScriptLineInItsTraceback() async throws {
        let runtime = try LuaRuntime()
        await runtime.register("fail_later") { _ in
            .suspend { throw TestFailure(message: "boom") }
        }
        let error = await #expect(throws: LuaError.self) {
            try await runtime.run("local x = 1\nfail_later()\n", chunkName: "@job.lua")
        }
        #expect(error?.message == "test failure: boom")
        #expect(error?.traceback?.contains("job.lua:2:") == true)
        #expect((error?.underlying as? TestFailure)?.message == "boom")
    }

    @Test func aCallInsideTheScriptsOwnCoroutineIsNotLost() async throws {
        let runtime = try LuaRuntime()
        await runtime.registerDoubleLater()
        let result = try await runtime.run("""
            local gen = coroutine.wrap(function(a)
              local b = coroutine.yield(double_later(a))
              coroutine.yield(double_later(b) + 1)
              return "end"
            end)
            local co = coroutine.create(function() return double_later(100) end)
            local ok, v = coroutine.resume(co)
            return gen(5), gen(20), gen(), ok, v, coroutine.status(co)
            """)
        #expect(result == [.integer(10), .integer(41), .string("end"), .boolean(true), .integer(200), .string("dead")])
    }

    /// `after_other` returns only once the task `other` has been resumed and has finished, so a
    /// wait in place that held up the other coroutines would never end (the time limit fails it).
    @Test(.timeLimit(.minutes(1)), arguments: [
        ("local list = {3, 1, 2}; table.sort(list, function(a, b) return after_other(a) < after_other(b) end); return list[1], list[3]",
         [LuaValue.integer(1), .integer(3)]),
        ("return (string.gsub('ab', '.', function(c) return after_other(#c) end))", [.string("22")]),
        ("package.preload.slow = function() return after_other(4) end; return (require('slow'))", [.integer(8)]),
    ])
    func aCallWhereLuaCannotYieldWaitsInPlaceWhileOtherTasksRun(source: String, expected: [LuaValue]) async throws {
        let runtime = try LuaRuntime()
        let gate = Gate()
        await runtime.register("hold") { _ in .suspend { [.integer(await gate.wait(1))] } }
        let other = try await runtime.spawn("return hold()", chunkName: "=other")
        await gate.untilWaiting(1)
        await runtime.register("after_other") { call in
            let n = try call.integer(1)
            return .suspend {
                await gate.release(1, with: n)
                _ = try await other.value()
                return [.integer(n * 2)]
            }
        }
        #expect(try await runtime.run(source) == expected)
        #expect(try await runtime.runMain(LuaBytes(source), chunkName: "=main") == expected)
        #expect(try await other.value().count == 1)
    }

    @Test func cancellingATaskRaisesInItsCoroutineAndEndsTheWork() async throws {
        let runtime = try LuaRuntime()
        let gate = Gate()
        await runtime.register("wait_forever") { _ in .suspend { [.integer(await gate.wait(1))] } }
        let task = try await runtime.spawn("local ok, e = pcall(wait_forever); return ok, e.kind, tostring(e)", chunkName: "=t")
        await gate.untilWaiting(1)
        await runtime.cancel(task)
        #expect(try await task.value() == [.boolean(false), .string("cancelled"), .string("cancelled")])
        await gate.release(1, with: 5)
        #expect(await runtime.activeTaskCount == 0)
    }

    @Test func cancellingEndsTheSwiftWorkTheCoroutineWaitsFor() async throws {
        let runtime = try LuaRuntime()
        let workEnded = AsyncStream<String>.makeStream()
        await runtime.register("slow") { _ in
            .suspend {
                do {
                    try await Task.sleep(for: .seconds(60))
                    workEnded.continuation.yield("finished")
                } catch {
                    workEnded.continuation.yield("cancelled")
                    throw error
                }
                return []
            }
        }
        let task = try await runtime.spawn("slow()", chunkName: "=t")
        while await runtime.activeTaskCount == 0 { await Task.yield() }
        await runtime.cancel(task)
        var ending = workEnded.stream.makeAsyncIterator()
        #expect(await ending.next() == "cancelled")
        let error = await #expect(throws: LuaError.self) { try await task.value() }
        #expect(error?.kind == .cancelled)
    }

    @Test func aTaskCancelledFromLuaLeavesTheCancellerFreeToWaitAgain() async throws {
        let runtime = try LuaRuntime()
        let values = try await runtime.run("""
            local task = require 'task'
            local sleeper = task.spawn(function() task.sleep(60) end)
            task.sleep(0)
            sleeper:cancel()
            local ok, problem = pcall(sleeper.wait, sleeper)
            task.sleep(0.001)
            return ok, tostring(problem), sleeper.finished
            """)
        #expect(values == [.boolean(false), .string("cancelled"), .boolean(true)])
    }

    @Test func interruptStopsABusyLoop() async throws {
        let runtime = try LuaRuntime()
        let run = Task { () -> (any Error)? in
            do {
                _ = try await runtime.run("local n = 0; while true do n = n + 1 end")
                return nil
            } catch {
                return error
            }
        }
        // The loop holds the runtime's actor and one of the few cooperative threads, so the
        // interrupt comes from a thread of its own, as a signal handler's would, repeated until
        // it lands (an interrupt before the loop starts finds nothing to stop).
        final class Flag: Sendable { let isSet = Atomic<Bool>(false) }
        let finished = Flag()
        let interrupter = Thread {
            while !finished.isSet.load(ordering: .relaxed) {
                Thread.sleep(forTimeInterval: 0.02)
                runtime.interrupt()
            }
        }
        interrupter.start()
        let error = await run.value
        finished.isSet.store(true, ordering: .relaxed)
        #expect((error as? LuaError)?.message.contains("interrupted!") == true)
    }

    @Test func cancellingTheAwaitingSwiftTaskCancelsTheScript() async throws {
        let runtime = try LuaRuntime()
        let run = Task { try await runtime.run("require('task').sleep(60)") }
        while await runtime.activeTaskCount == 0 { await Task.yield() }
        run.cancel()
        let error = await #expect(throws: LuaError.self) { try await run.value }
        #expect(error?.kind == .cancelled)
    }

    @Test func aSleepingTaskLetsTheOthersRun() async throws {
        let runtime = try LuaRuntime()
        let result = try await runtime.run("""
            local task = require "task"
            local order = {}
            local slow = task.spawn(function() task.sleep(0.05); order[#order + 1] = "slow" end)
            local quick = task.spawn(function() order[#order + 1] = "quick" end)
            slow:wait(); quick:wait()
            return table.concat(order, ",")
            """)
        #expect(result == [.string("quick,slow")])
    }
}

struct TestFailure: LuaErrorConvertible {
    let message: String
    var luaErrorFields: [String: LuaValue] { ["kind": .string("test"), "message": .string(message)] }
    var luaErrorMessage: String { "test failure: \(message)" }
}
