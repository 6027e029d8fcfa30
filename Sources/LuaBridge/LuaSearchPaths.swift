import Foundation

/// `package.path` and `package.cpath` as `lua` sets them: `LUA_PATH_5_4`, else `LUA_PATH`,
/// replaces the default path, with its first `;;` standing for the default (`LUA_CPATH_5_4` and
/// `LUA_CPATH` likewise). The default is Lua's own, after the templates an embedder puts first.
public struct LuaSearchPaths: Sendable {
    /// Templates (`/dir/?.lua`, `;`-separated) that come before Lua's default path.
    public var pathPrefix: [String]
    /// The same for C modules, before Lua's default cpath.
    public var cpathPrefix: [String]
    /// Where the `LUA_PATH`… variables are read.
    public var environment: [String: String]

    /// - Parameter environment: `nil` for the process's own.
    public init(pathPrefix: [String] = [], cpathPrefix: [String] = [], environment: [String: String]? = nil) {
        self.pathPrefix = pathPrefix
        self.cpathPrefix = cpathPrefix
        self.environment = environment ?? ProcessInfo.processInfo.environment
    }

    /// The path for `package.path` (`cpath: false`) or `package.cpath`, given Lua's default.
    func value(cpath: Bool, luaDefault: String, readingEnvironment: Bool) -> String {
        let name = cpath ? "LUA_CPATH" : "LUA_PATH"
        let fallback = ((cpath ? cpathPrefix : pathPrefix) + [luaDefault]).joined(separator: ";")
        guard readingEnvironment, let set = environment[name + "_5_4"] ?? environment[name] else { return fallback }
        guard let mark = set.range(of: ";;") else { return set }
        var path = ""
        if mark.lowerBound > set.startIndex { path += set[..<mark.lowerBound] + ";" }
        path += fallback
        if mark.upperBound < set.endIndex { path += ";" + set[mark.upperBound...] }
        return path
    }
}
