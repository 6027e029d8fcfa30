import Foundation
import LuaBridge
import Testing

/// Time that passes only when the test moves it: `task.sleep` on a runtime given ``sleepClock``
/// waits until ``advance(by:)`` takes the time past the sleep's end. Its state is behind a
/// pthread mutex (NSLock), which ThreadSanitizer sees, unlike `Mutex`'s futex fast path.
final class ManualSleepClock: @unchecked Sendable {
    private struct Sleeper {
        let end: Duration
        let wake: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Duration.zero
        var lastID = 0
        var sleepers: [Int: Sleeper] = [:]
        /// Sleeps cancelled before they were registered, so they end as soon as they are.
        var cancelledEarly: Set<Int> = []
    }

    private let lock = NSLock()
    private var state = State()

    private func locked<Value>(_ body: (inout State) -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        return body(&state)
    }

    var sleepClock: LuaRuntime.SleepClock {
        LuaRuntime.SleepClock { try await self.sleep(for: $0) }
    }

    /// When each sleep now waiting ends, earliest first.
    var sleepEnds: [Duration] {
        locked { $0.sleepers.values.map(\.end).sorted() }
    }

    /// Moves time on and wakes every sleep that has ended by then.
    func advance(by duration: Duration) {
        let woken = locked { state in
            state.now += duration
            let ended = state.sleepers.filter { $0.value.end <= state.now }
            for id in ended.keys { state.sleepers[id] = nil }
            return ended.values.map(\.wake)
        }
        for wake in woken { wake.resume() }
    }

    func untilSleeping(_ count: Int) async {
        while locked({ $0.sleepers.count }) < count { await Task.yield() }
    }

    private func sleep(for duration: Duration) async throws {
        let id = locked { state in
            state.lastID += 1
            return state.lastID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (wake: CheckedContinuation<Void, any Error>) in
                let endsAtOnce: Result<Void, any Error>? = locked { state in
                    if state.cancelledEarly.remove(id) != nil { return .failure(CancellationError()) }
                    if duration <= .zero { return .success(()) }
                    state.sleepers[id] = Sleeper(end: state.now + duration, wake: wake)
                    return nil
                }
                if let endsAtOnce { wake.resume(with: endsAtOnce) }
            }
        } onCancel: {
            let wake = locked { state -> CheckedContinuation<Void, any Error>? in
                guard let sleeper = state.sleepers.removeValue(forKey: id) else {
                    state.cancelledEarly.insert(id)
                    return nil
                }
                return sleeper.wake
            }
            wake?.resume(throwing: CancellationError())
        }
    }
}

/// `task.sleep` waits on the runtime's clock, so these tests sleep for an hour in no time.
@Suite struct SleepClockTests {
    @Test(.timeLimit(.minutes(1))) func sleepersWakeInTheOrderTheirTimeRunsOut() async throws {
        let clock = ManualSleepClock()
        let runtime = try LuaRuntime(options: .init(sleepClock: clock.sleepClock))
        let run = Task {
            try await runtime.run("""
                local task = require "task"
                local woke, sleepers = {}, {}
                for i, seconds in ipairs { 3600, 60, 600 } do
                  sleepers[i] = task.spawn(function() task.sleep(seconds); woke[#woke + 1] = seconds end)
                end
                for _, sleeper in ipairs(sleepers) do sleeper:wait() end
                return table.concat(woke, ",")
                """)
        }
        await clock.untilSleeping(3)
        #expect(clock.sleepEnds == [.seconds(60), .seconds(600), .seconds(3600)])
        clock.advance(by: .seconds(59))
        #expect(clock.sleepEnds.count == 3, "a sleep ended early")
        // One sleeper at a time, each finishing its task before the next one wakes.
        clock.advance(by: .seconds(1))
        while await runtime.activeTaskCount > 3 { await Task.yield() }
        #expect(clock.sleepEnds == [.seconds(600), .seconds(3600)])
        clock.advance(by: .seconds(540))
        while await runtime.activeTaskCount > 2 { await Task.yield() }
        clock.advance(by: .seconds(3000))
        #expect(try await run.value == [.string("60,600,3600")])
        #expect(clock.sleepEnds.isEmpty)
    }

    @Test(.timeLimit(.minutes(1))) func cancellingASleepingTaskEndsItsSleepOnTheClock() async throws {
        let clock = ManualSleepClock()
        let runtime = try LuaRuntime(options: .init(sleepClock: clock.sleepClock))
        let task = try await runtime.spawn("""
            local ok, problem = pcall(require("task").sleep, 60)
            return ok, tostring(problem)
            """, chunkName: "=t")
        await clock.untilSleeping(1)
        await runtime.cancel(task)
        #expect(try await task.value() == [.boolean(false), .string("cancelled")])
        #expect(clock.sleepEnds.isEmpty, "the cancelled sleep still waits on the clock")
    }
}
