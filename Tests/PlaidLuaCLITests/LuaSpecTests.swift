import Foundation
import PlaidLuaTesting
import Testing

/// Runs the Lua specs in Tests/Lua with the real binary (against the embedded sandbox where a
/// spec needs a server) and requires every one of them to pass.
@Suite struct LuaSpecTests {
    @Test func everyLuaSpecPasses() throws {
        let folder = CommandRun.packageRoot.appendingPathComponent("Tests/Lua")
        let specs = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix("_spec.lua") }.sorted()
            .map { folder.appendingPathComponent($0).path }
        #expect(specs.count >= 1)
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-specs-\(UUID().uuidString)")
        let run = try CommandRun.plaidlua([folder.appendingPathComponent("runner.lua").path] + specs,
                                          environment: ["PLAIDLUA_HOME": home.path])
        let failures = run.standardOutput.split(separator: "\n").filter { $0.hasPrefix("not ok") }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(run.standardOutput.hasSuffix(" 0 failed\n"), "\(run.standardOutput.suffix(300)) \(run.standardError)")
        #expect(run.status == 0)
    }
}
