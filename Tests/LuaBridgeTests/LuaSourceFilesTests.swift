import Foundation
import LuaBridge
import Testing

/// The Lua files a target ships as resources: read from the bundle the build leaves beside the
/// executable, and a clear error, not a stopped process, when they are not there.
@Suite struct LuaSourceFilesTests {
    private let bridgeBundleFolder = LuaSourceFiles.beside(LuaSourceFiles.bundleFolderName(package: "PlaidLua", target: "LuaBridge"))

    @Test func theBridgesLuaIsReadFromTheBundleBesideTheExecutable() throws {
        let bundle = try #require(Bundle(url: bridgeBundleFolder))
        let files = LuaSourceFiles(folder: bridgeBundleFolder) { bundle }
        let safe = try files.source("safe")
        #expect(safe.contains("the safe library is already locked"))
        #expect(try files.source("safe") == safe)
    }

    @Test func aMissingBundleIsAnErrorNamingWhereItShouldBe() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-bundle-\(UUID().uuidString).resources")
        let files = LuaSourceFiles(folder: folder) {
            Issue.record("the bundle was opened although its folder is missing")
            return Bundle.main
        }
        let error = try #require(throws: MissingLuaSource.self) { try files.source("safe") }
        #expect(error.description.contains(folder.path))
        #expect(error.description.contains("must sit beside the executable"))
    }

    @Test func aMissingFileIsAnErrorNamingIt() throws {
        let bundle = try #require(Bundle(url: bridgeBundleFolder))
        let files = LuaSourceFiles(folder: bridgeBundleFolder) { bundle }
        let error = try #require(throws: MissingLuaSource.self) { try files.source("no_such_file") }
        #expect(error.description == "the Lua file Lua/no_such_file.lua is missing from \(bridgeBundleFolder.path)")
    }
}
