import NIOConcurrencyHelpers

/// A coroutine the runtime schedules: a script's main chunk, or work a script started with
/// `task.spawn`. Lua holds it as a userdata (`t:wait()`), Swift awaits ``value()``.
public final class LuaTask: LuaUserdata {
    public let id: Int
    private let outcome = NIOLockedValueBox<Outcome>(Outcome())

    private struct Outcome {
        var result: Result<[LuaValue], LuaError>?
        var waiters: [CheckedContinuation<[LuaValue], any Error>] = []
    }

    init(id: Int) { self.id = id }

    /// The values the coroutine returned, or the error that ended it.
    public func value() async throws -> [LuaValue] {
        try await withCheckedThrowingContinuation { continuation in
            let finished: Result<[LuaValue], LuaError>? = outcome.withLockedValue { outcome in
                if outcome.result == nil { outcome.waiters.append(continuation) }
                return outcome.result
            }
            if let finished { continuation.resume(with: finished.mapError { $0 }) }
        }
    }

    /// Whether the coroutine has ended.
    public var isFinished: Bool { outcome.withLockedValue { $0.result != nil } }

    func finish(_ result: Result<[LuaValue], LuaError>) {
        let waiters = outcome.withLockedValue { outcome in
            outcome.result = result
            defer { outcome.waiters = [] }
            return outcome.waiters
        }
        for waiter in waiters { waiter.resume(with: result.mapError { $0 }) }
    }

    public static let luaTypeName = "task"
    public var luaDescription: String { "task \(id)" }
    public static var luaMethods: [String: LuaHostFunction] {
        [
            "wait": { call in
                let task = try call.object(1, as: LuaTask.self)
                return .suspendLight { try await task.value() }
            },
            "cancel": { call in
                let task = try call.object(1, as: LuaTask.self)
                call.runtime.assumeIsolated { $0.cancel(task) }
                return .none
            },
        ]
    }
    public static let luaFieldNames = ["finished"]
    public func luaField(_ name: String) -> LuaValue? {
        name == "finished" ? .boolean(isFinished) : nil
    }
}
