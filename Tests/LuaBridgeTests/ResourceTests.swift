import LuaBridge
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ResourceTests {
    /// Resident memory of this process, from /proc/self/statm.
    private func residentBytes() -> Int {
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var size = 0, resident = 0
        _ = withUnsafeMutablePointer(to: &size) { s in
            withUnsafeMutablePointer(to: &resident) { r in
                withVaList([s, r]) { vfscanf(file, "%ld %ld", $0) }
            }
        }
        return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test func aHundredThousandSuspendingCallsLeaveMemoryFlat() async throws {
        let runtime = try LuaRuntime()
        await runtime.register("echo") { call in
            let value = try call.value(1)
            return .suspend { [value, .table(["payload": .string("x")])] }
        }
        let batch = """
            local task = require "task"
            local n = ...
            local workers = {}
            for w = 1, 10 do
              workers[w] = task.spawn(function()
                for i = 1, n // 10 do
                  local v, t = echo(i)
                  assert(v == i and t.payload == "x")
                end
              end)
            end
            for w = 1, 10 do workers[w]:wait() end
            """
        _ = try await runtime.run(batch, arguments: [.integer(10_000)])
        await runtime.collectGarbage()
        let luaBefore = await runtime.memoryInUse
        let processBefore = residentBytes()

        _ = try await runtime.run(batch, arguments: [.integer(100_000)])
        await runtime.collectGarbage()
        let luaAfter = await runtime.memoryInUse
        let processAfter = residentBytes()

        #expect(luaAfter - luaBefore < 64, "Lua grew by \(luaAfter - luaBefore) KiB")
        #expect(processAfter - processBefore < 8 << 20, "the process grew by \(processAfter - processBefore) bytes")
        #expect(await runtime.activeTaskCount == 0)
    }
}
