import LuaBridge
import Testing

@Suite struct ErrorTests {
    @Test func aLuaErrorCarriesItsMessageAndATracebackWithFileAndLine() async throws {
        let runtime = try LuaRuntime()
        let error = await #expect(throws: LuaError.self) {
            try await runtime.run("local function inner()\n  error('boom')\nend\ninner()\n", chunkName: "@job.lua")
        }
        #expect(error?.kind == .runtime)
        #expect(error?.message == "job.lua:2: boom")
        #expect(error?.traceback?.hasPrefix("stack traceback:") == true)
        #expect(error?.traceback?.contains("job.lua:2: in ") == true)
        #expect(error?.traceback?.contains("job.lua:4: in main chunk") == true)
    }

    @Test func aTableErrorKeepsItsFields() async throws {
        let runtime = try LuaRuntime()
        let error = await #expect(throws: LuaError.self) { try await runtime.run("error({code = 42, reason = 'bad'})") }
        #expect(error?.value == .table(["code": .integer(42), "reason": .string("bad")]))
        #expect(error?.message == #"{code = 42, reason = "bad"}"#)
    }

    @Test func aTableErrorWithToStringIsReadable() async throws {
        let runtime = try LuaRuntime()
        let error = await #expect(throws: LuaError.self) {
            try await runtime.run("error(setmetatable({}, {__tostring = function() return 'custom text' end}))")
        }
        #expect(error?.message == "custom text")
    }

    @Test func aSyntaxErrorIsThrownBeforeAnythingRuns() async throws {
        let runtime = try LuaRuntime()
        let error = await #expect(throws: LuaError.self) { try await runtime.run("x = = 1", chunkName: "=input") }
        #expect(error?.kind == .syntax)
        #expect(error?.message.hasPrefix("input:1:") == true)
        #expect(error?.isIncompleteInput == false)
    }

    @Test(arguments: ["function f()", "x = 'unfinished", "t = {", "return 1 +", "s = [[long"])
    func unfinishedChunksAreRecognised(source: String) async throws {
        let runtime = try LuaRuntime()
        let error = await #expect(throws: LuaError.self) { try await runtime.run(source) }
        #expect(error?.isIncompleteInput == true)
    }

    @Test func aSwiftErrorBecomesATableThatPcallCanInspect() async throws {
        let runtime = try LuaRuntime()
        await runtime.register("refuse") { _ in throw TestFailure(message: "no way") }
        let result = try await runtime.run("""
            local ok, e = pcall(refuse)
            return ok, type(e), e.kind, e.message, tostring(e)
            """)
        #expect(result == [.boolean(false), .string("table"), .string("test"), .string("no way"), .string("test failure: no way")])
    }

    @Test func aSwiftErrorThatEscapesComesBackAsTheSameType() async throws {
        let runtime = try LuaRuntime()
        await runtime.register("refuse") { _ in throw TestFailure(message: "typed") }
        let error = await #expect(throws: LuaError.self) { try await runtime.run("local x = 1\nrefuse()", chunkName: "@t.lua") }
        #expect((error?.underlying as? TestFailure)?.message == "typed")
        #expect(error?.message == "test failure: typed")
        #expect(error?.traceback?.contains("t.lua:2:") == true)
    }

    @Test func badArgumentsAreReportedInLuasWords() async throws {
        let runtime = try LuaRuntime()
        await runtime.register("needs_string") { call in .value(.string(try call.string(1))) }
        let result = try await runtime.run("local ok, e = pcall(needs_string, 5); return tostring(e)")
        #expect(result == [.string("bad argument #1 to 'needs_string' (string expected, got number)")])
    }
}
