import Foundation
import PlaidLuaTesting
import Testing

/// Lua 5.4.4's own test suite (`../shared/lua-5.4.4-tests`, unchanged) run by the built
/// `plaidlua` from a copy in a temporary folder, as `lua5.4` passes it on this machine: the
/// portable `all.lua` and the stand-alone interpreter's `main.lua`. A missing suite fails.
@Suite(.serialized) struct LuaTestSuiteTests {
    private static let suite = CommandRun.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/lua-5.4.4-tests")

    /// A fresh copy of the suite (the tests write files beside themselves).
    private func copyOfTheSuite() throws -> URL {
        #expect(FileManager.default.fileExists(atPath: Self.suite.appendingPathComponent("all.lua").path),
                "Lua's test suite is expected at \(Self.suite.path)")
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-lua-tests-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.suite, to: copy)
        return copy
    }

    @Test func allOfThePortableSuitePasses() throws {
        let copy = try copyOfTheSuite()
        defer { try? FileManager.default.removeItem(at: copy) }
        let run = try CommandRun.plaidlua(["-e_U=true", "all.lua"], directory: copy)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("\nfinal OK !!!\n"), "\(run.standardOutput.suffix(2000))\n\(run.standardError)")
    }

    @Test func theStandAloneInterpretersSuitePasses() throws {
        let copy = try copyOfTheSuite()
        defer { try? FileManager.default.removeItem(at: copy) }
        // Started by its path, which main.lua reads from `arg` to start the interpreter again
        // (also under `env -i`, where PATH is gone).
        let path = CommandRun.executable.path
        let run = try CommandRun.program(at: CommandRun.executable, ["main.lua"], argumentZero: path, directory: copy)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.hasSuffix("\nOK\n"), "\(run.standardOutput.suffix(2000))\n\(run.standardError)")
        #expect(run.standardOutput.contains("progname: \(path)\n"))
    }
}
