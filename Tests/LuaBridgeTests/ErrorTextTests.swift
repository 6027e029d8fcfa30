import LuaBridge
import Testing

/// Error values of any shape reach Swift as readable text, never `table: 0x…`, and a runtime's
/// `redact` cleans every text of its errors.
@Suite struct ErrorTextTests {
    private func message(raising value: String, options: LuaRuntime.Options = .init()) async throws -> LuaError? {
        let runtime = try LuaRuntime(options: options)
        return await #expect(throws: LuaError.self) { try await runtime.run("error(\(value), 0)") }
    }

    @Test func aTableReadsAsAConstructorWithSortedKeysAndItsSequenceFirst() async throws {
        let error = try await message(raising: #"{ "b", "a", zeta = 1, code = "X", nested = { t = "tok", [2.5] = true }, [10] = false }"#)
        #expect(error?.message == #"{"b", "a", [10] = false, code = "X", nested = {[2.5] = true, t = "tok"}, zeta = 1}"#)
    }

    @Test func keysThatAreNotNamesAreBracketedAndStringsEscaped() async throws {
        let error = try await message(raising: #"{ ["two words"] = "say \"hi\"\n", ["end"] = "\1" }"#)
        #expect(error?.message == #"{["end"] = "\1", ["two words"] = "say \"hi\"\n"}"#)
    }

    @Test func aCycleIsMarkedAndNotFollowed() async throws {
        let runtime = try LuaRuntime()
        let error = await #expect(throws: LuaError.self) {
            try await runtime.run("local t = { name = 'loop' }; t.self = t; t.list = { t }; error(t)")
        }
        #expect(error?.message == #"{list = {<cycle>}, name = "loop", self = <cycle>}"#)
    }

    @Test func deepAndWideTablesAreCut() async throws {
        let deep = try await message(raising: "{ a = { a = { a = { a = { a = { a = { a = { a = {} } } } } } } } }")
        #expect(deep?.message == "{a = {a = {a = {a = {a = {a = {…}}}}}}}")
        let runtime = try LuaRuntime()
        let wide = await #expect(throws: LuaError.self) {
            try await runtime.run("local t = {}; for i = 1, 100 do t['k' .. string.format('%03d', i)] = i end; error(t)")
        }
        let text = try #require(wide?.message)
        #expect(text.hasPrefix("{k001 = 1, k002 = 2,"))
        #expect(text.hasSuffix("k040 = 40, …}"), "\(text)")
        let huge = try await message(raising: "(function() local t = {}; for i = 1, 10000 do t[i] = i; t['k' .. i] = i end; return t end)()")
        let items = try #require(huge?.message)
        #expect(items.hasPrefix("{1, 2, 3,") && items.hasSuffix("39, 40, …}"), "\(items)")
        // A long string is cut before the word its limit falls in: here, a whole token.
        let long = try await message(raising: "{ s = string.rep('ab ', 130) .. 'access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6' }")
        #expect(long?.message == "{s = \"" + String(repeating: "ab ", count: 130) + "…\"}")
    }

    @Test func toStringIsUsedAtTheTopAndInside() async throws {
        let object = "setmetatable({ hidden = 1 }, { __tostring = function() return 'an object' end })"
        #expect(try await message(raising: object)?.message == "an object")
        #expect(try await message(raising: "{ inner = \(object) }")?.message == "{inner = an object}")
        let failing = try await message(raising: "setmetatable({}, { __tostring = function() error('no text', 0) end })")
        #expect(failing?.message == "(error in __tostring: no text)")
    }

    @Test func userdataReadsAsItsToStringOrItsName() async throws {
        let runtime = try LuaRuntime()
        await runtime.register("counter") { _ in .value(.userdata(Counter())) }
        let bridged = await #expect(throws: LuaError.self) { try await runtime.run("error({ c = counter() })") }
        #expect(bridged?.message == "{c = counter(0)}")
        let named = await #expect(throws: LuaError.self) {
            try await runtime.run("debug.setmetatable(io.stdout, { __name = 'stream' }); error({ out = io.stdout, f = print })")
        }
        #expect(named?.message == "{f = <function>, out = <stream>}")
        let bare = await #expect(throws: LuaError.self) { try await runtime.run("debug.setmetatable(io.stdout, nil); error(io.stdout)") }
        #expect(bare?.message == "<userdata>")
    }

    @Test func otherValuesReadAsTostringWrites() async throws {
        #expect(try await message(raising: "42")?.message == "42")
        #expect(try await message(raising: "1.5")?.message == "1.5")
        #expect(try await message(raising: "true")?.message == "true")
        #expect(try await message(raising: "nil")?.message == "nil")
    }

    @Test func redactCleansMessagesTracebacksAndSyntaxErrorsButNotTheValueALuaWaiterGets() async throws {
        let options = LuaRuntime.Options(redact: { $0.replacing("hunter2", with: "<gone>") })
        let raised = try await message(raising: "{ password = 'hunter2' }", options: options)
        #expect(raised?.message == #"{password = "<gone>"}"#)

        let runtime = try LuaRuntime(options: options)
        let traced = await #expect(throws: LuaError.self) {
            try await runtime.run("local function hunter2() error('hunter2 failed') end\nhunter2()", chunkName: "@hunter2.lua")
        }
        #expect(traced?.message == "<gone>.lua:1: <gone> failed")
        let traceback = try #require(traced?.traceback)
        #expect(traceback.contains("<gone>.lua:1:") && !traceback.contains("hunter2"), "\(traceback)")
        let syntax = await #expect(throws: LuaError.self) { try await runtime.run("x = (1 hunter2)") }
        #expect(syntax?.message == "(run):1: ')' expected near '<gone>'")

        let caught = try await runtime.run("""
            local task = require "task"
            local failing = task.spawn(function() error("hunter2", 0) end)
            local ok, problem = pcall(failing.wait, failing)
            return problem
            """)
        #expect(caught == [.string("hunter2")])
    }
}
