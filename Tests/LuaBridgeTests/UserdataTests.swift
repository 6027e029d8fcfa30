import LuaBridge
import Synchronization
import Testing

final class Counter: LuaUserdata {
    let count = Mutex(0)
    let deinitialised: @Sendable () -> Void

    init(onDeinit: @escaping @Sendable () -> Void = {}) { deinitialised = onDeinit }
    deinit { deinitialised() }

    static let luaTypeName = "counter"
    var luaDescription: String { "counter(\(count.withLock { $0 }))" }
    static var luaMethods: [String: LuaHostFunction] {
        [
            "add": { call in
                let counter = try call.object(1, as: Counter.self)
                let amount = try call.integer(2)
                return .value(.integer(Int64(counter.count.withLock { $0 += Int(amount); return $0 })))
            },
        ]
    }
    func luaField(_ name: String) -> LuaValue? {
        name == "value" ? .integer(Int64(count.withLock { $0 })) : nil
    }
}

@Suite struct UserdataTests {
    @Test func methodsFieldsAndToStringReachTheSwiftObject() async throws {
        let runtime = try LuaRuntime()
        let counter = Counter()
        try await runtime.setGlobal("counter", .userdata(counter))
        let result = try await runtime.run("counter:add(2); counter:add(3); return counter.value, tostring(counter), counter.missing, getmetatable(counter)")
        #expect(result == [.integer(5), .string("counter(5)"), .nil, .boolean(false)])
        #expect(counter.count.withLock { $0 } == 5)
    }

    @Test func theObjectComesBackAsTheSameInstance() async throws {
        let runtime = try LuaRuntime()
        let counter = Counter()
        let result = try await runtime.run("return ...", arguments: [.userdata(counter)])
        guard case .userdata(let back)? = result.first else {
            Issue.record("no userdata came back")
            return
        }
        #expect(back === counter)
    }

    @Test func aMethodCalledOnTheWrongValueNamesWhatItExpected() async throws {
        let runtime = try LuaRuntime()
        try await runtime.setGlobal("counter", .userdata(Counter()))
        let result = try await runtime.run("local ok, e = pcall(counter.add, {}, 1); return tostring(e)")
        #expect(result == [.string("bad argument #1 to 'add' (counter expected, got table)")])
    }

    @Test func luaReleasesTheObjectWhenItIsCollected() async throws {
        let runtime = try LuaRuntime()
        let released = Mutex(false)
        try await runtime.setGlobal("counter", .userdata(Counter(onDeinit: { released.withLock { $0 = true } })))
        _ = try await runtime.run("counter = nil")
        await runtime.collectGarbage()
        #expect(released.withLock { $0 })
    }

    @Test func aModuleIsFoundByRequire() async throws {
        let runtime = try LuaRuntime()
        try await runtime.registerModule("greeter", functions: [
            "hello": { call in .value(.string("hello, \(try call.string(1))")) },
        ], values: ["version": .string("1.0")])
        let result = try await runtime.run("local g = require 'greeter'; return g.hello('ops'), g.version, require('greeter') == g")
        #expect(result == [.string("hello, ops"), .string("1.0"), .boolean(true)])
    }
}
