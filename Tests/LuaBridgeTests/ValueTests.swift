import LuaBridge
import Testing

/// Values that go into Lua as arguments and come back as results must be unchanged.
@Suite struct ValueTests {
    private func roundTrip(_ value: LuaValue, in runtime: LuaRuntime) async throws -> LuaValue {
        try await runtime.run("return ...", arguments: [value]).first ?? .nil
    }

    @Test(arguments: [
        LuaValue.nil, .boolean(true), .boolean(false), .integer(0), .integer(1), .integer(-7),
        .integer(.max), .integer(.min), .number(1.0), .number(-0.5), .number(1e300), .number(.infinity),
        .number(-.infinity), .string(""), .string("plain"), .string(LuaBytes([0, 1, 0, 255, 0xC3, 0x28])),
        .null, .array([]), .table([:]),
    ])
    func scalarsAndEmptyContainersSurviveARoundTrip(value: LuaValue) async throws {
        let runtime = try LuaRuntime()
        #expect(try await roundTrip(value, in: runtime) == value)
    }

    @Test func nanStaysNotANumber() async throws {
        let runtime = try LuaRuntime()
        guard case .number(let back) = try await roundTrip(.number(.nan), in: runtime) else {
            Issue.record("NaN did not come back as a float")
            return
        }
        #expect(back.isNaN)
    }

    @Test func integersAndFloatsStayApartInLua() async throws {
        let runtime = try LuaRuntime()
        let types = try await runtime.run("local a, b = ...; return math.type(a), math.type(b), a == b", arguments: [.integer(1), .number(1.0)])
        #expect(types == [.string("integer"), .string("float"), .boolean(true)])
        #expect(try await runtime.run("return 3, 3.0, 2^53, 7 // 2, 7 / 2") == [.integer(3), .number(3.0), .number(9007199254740992), .integer(3), .number(3.5)])
    }

    @Test func stringsAreBytesInLua() async throws {
        let runtime = try LuaRuntime()
        let bytes = LuaBytes([104, 0, 105, 0xFF])
        let result = try await runtime.run("local s = ...; return #s, s:byte(2), s:byte(4), utf8.len(s)", arguments: [.string(bytes)])
        #expect(result == [.integer(4), .integer(0), .integer(255), .nil, .integer(4)])
        #expect(bytes.string == nil)
        #expect(LuaBytes("héllo").string == "héllo")
    }

    @Test func randomNestedValuesSurviveARoundTrip() async throws {
        let runtime = try LuaRuntime()
        var generator = SeededGenerator(seed: 0x5EED)
        for _ in 0..<300 {
            let value = LuaValue.random(depth: 4, using: &generator)
            #expect(try await roundTrip(value, in: runtime) == value)
        }
    }

    @Test func deepNestingWithinTheLimitRoundTrips() async throws {
        let runtime = try LuaRuntime()
        var value = LuaValue.string("bottom")
        for level in 0..<900 { value = level.isMultiple(of: 2) ? .array([value]) : .table(["next": value]) }
        #expect(try await roundTrip(value, in: runtime) == value)
    }

    @Test func luaTablesTakeADocumentedShape() async throws {
        let runtime = try LuaRuntime()
        let shapes = try await runtime.run("""
            return {1, 2, 3}, {1, nil, 3}, {[1] = "a", [100] = "b"}, {}, {x = 1, [2] = true}, {[2.0] = "two", [1] = "one"}
            """)
        #expect(shapes == [
            .array([.integer(1), .integer(2), .integer(3)]),
            .array([.integer(1), .nil, .integer(3)]),
            .table([.integer(1): .string("a"), .integer(100): .string("b")]),
            .table([:]),
            .table(["x": .integer(1), .integer(2): .boolean(true)]),
            .array([.string("one"), .string("two")]),
        ])
    }

    @Test func anArrayWithHolesKeepsThemWhenItComesBack() async throws {
        let runtime = try LuaRuntime()
        let holes = LuaValue.array([.integer(1), .nil, .nil, .string("four")])
        #expect(try await roundTrip(holes, in: runtime) == holes)
        #expect(try await runtime.run("local t = ...; return #t >= 1, t[4]", arguments: [holes]) == [.boolean(true), .string("four")])
    }

    @Test func nullIsDistinctFromNilInLua() async throws {
        let runtime = try LuaRuntime()
        let result = try await runtime.run("local t = ...; return t.a == nil, t.b ~= nil, type(t.b), tostring(t.b)", arguments: [.table(["b": .null])])
        #expect(result == [.boolean(true), .boolean(true), .string("userdata"), .string("null")])
    }

    @Test func aCycleIsRefusedWithItsPath() async throws {
        let runtime = try LuaRuntime()
        let error = await #expect(throws: LuaError.self) {
            try await runtime.run("local t = {inner = {}}; t.inner.back = t; return t")
        }
        #expect(error?.message.contains("table at 'inner.back' contains itself (a cycle)") == true)
    }

    @Test(arguments: [
        ("return {handler = print}", "a function at 'handler' cannot be converted"),
        ("return {[{}] = 1}", "has a table key, which cannot be converted"),
        ("return {list = {coroutine.create(print)}}", "a thread at 'list[1]' cannot be converted"),
        ("return io.stdout", "a userdata cannot be converted"),
    ])
    func valuesThatCannotCrossAreNamed(source: String, message: String) async throws {
        let runtime = try LuaRuntime()
        let error = await #expect(throws: LuaError.self) { try await runtime.run(source) }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "no error")")
    }

    @Test func nestingBeyondTheLimitIsRefused() async throws {
        let runtime = try LuaRuntime()
        let error = await #expect(throws: LuaError.self) {
            try await runtime.run("local t = {}; local top = t; for i = 1, 1500 do t.next = {}; t = t.next end; return top")
        }
        #expect(error?.message.contains("nested deeper than 1000 levels") == true)
    }
}

/// A small deterministic generator, so a failing case can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension LuaValue {
    /// Any value the bridge promises to carry unchanged. Tables use string keys (integer keys
    /// 1...n would rightly come back as an array) and arrays have no trailing holes.
    static func random(depth: Int, using generator: inout SeededGenerator) -> LuaValue {
        let kinds = depth > 0 ? 9 : 7
        switch Int.random(in: 0..<kinds, using: &generator) {
        case 0: return .boolean(Bool.random(using: &generator))
        case 1: return .integer(Int64.random(in: .min ... .max, using: &generator))
        case 2: return .number(Double.random(in: -1e12...1e12, using: &generator).rounded() + [0, 0.5, 0.25].randomElement(using: &generator)!)
        case 3: return .string(LuaBytes((0..<Int.random(in: 0..<12, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        case 4: return .null
        case 5: return .string(["acct", "ümlaut", "", "a\u{0}b"].randomElement(using: &generator)!)
        case 6: return .integer([0, 1, -1, .max, .min].randomElement(using: &generator)!)
        case 7:
            return .array((0..<Int.random(in: 0..<5, using: &generator)).map { _ in random(depth: depth - 1, using: &generator) })
        default:
            var entries: [LuaKey: LuaValue] = [:]
            for index in 0..<Int.random(in: 0..<5, using: &generator) {
                entries[.string(LuaBytes("k\(index)_\(UInt8.random(in: 0...255, using: &generator))"))] = random(depth: depth - 1, using: &generator)
            }
            return .table(entries)
        }
    }
}
