import Foundation
import PlaidLuaTesting
import Testing

/// `plaidlua` reads its Lua from the resource bundles the build leaves beside it; a copy of the
/// binary without them says which one is missing and exits 1 instead of stopping.
@Suite struct LuaResourceBundleTests {
    @Test func aBinaryWithoutItsLuaFilesSaysWhichBundleIsMissing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-moved-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let moved = folder.appendingPathComponent("plaidlua")
        // Copied by `cp`, not by this process: a child another test starts while our descriptor to
        // the new file is open would inherit it, and exec would then fail with "Text file busy".
        let copy = try CommandRun.program(at: URL(fileURLWithPath: "/bin/cp"), [CommandRun.executable.path, moved.path])
        try #require(copy.status == 0, "\(copy.standardError)")

        let bare = try run(moved, in: folder, ["-e", "print('ran')"])
        #expect(bare.status == 1)
        #expect(bare.output.isEmpty)
        #expect(bare.errors == "plaidlua: the Lua files built with this program are missing: "
            + folder.appendingPathComponent("PlaidLua_PlaidLua.resources").path + " must sit beside the executable, as the build leaves it\n")

        let built = CommandRun.executable.deletingLastPathComponent()
        try FileManager.default.copyItem(at: built.appendingPathComponent("PlaidLua_PlaidLua.resources"),
                                         to: folder.appendingPathComponent("PlaidLua_PlaidLua.resources"))
        // The bridge's own Lua is the safe profile's.
        let half = try run(moved, in: folder, ["--safe", "-e", "print('ran')"])
        #expect(half.status == 1)
        #expect(half.errors.contains(folder.appendingPathComponent("PlaidLua_LuaBridge.resources").path + " must sit beside"))

        try FileManager.default.copyItem(at: built.appendingPathComponent("PlaidLua_LuaBridge.resources"),
                                         to: folder.appendingPathComponent("PlaidLua_LuaBridge.resources"))
        let whole = try run(moved, in: folder, ["-e", "print(require('plaid').version ~= nil)"])
        #expect(whole.status == 0, "\(whole.errors)")
        #expect(whole.output == "true\n")
    }

    /// Runs `binary` with a home of its own in `folder`.
    private func run(_ binary: URL, in folder: URL, _ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let run = try CommandRun.program(at: binary, arguments, environment: ["HOME": folder.path])
        return (run.status, run.standardOutput, run.standardError)
    }
}
