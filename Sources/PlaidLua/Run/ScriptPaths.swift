import Foundation
public import LuaBridge

/// Where `require` looks for the project's shipped workflows and for a team's own scripts.
public struct ScriptPaths: Sendable, Equatable {
    /// The `scripts/` folder that ships with PlaidLua, when it can be found.
    public var shipped: String?
    /// The folder for a team's own modules: `$PLAIDLUA_HOME/scripts`.
    public var user: String

    /// `PLAIDLUA_SCRIPTS` when set; otherwise `share/plaidlua/scripts` beside an installed
    /// binary, or the `scripts/` of the source tree a development build lives in.
    public static func discover(environment: [String: String], executable: String) -> ScriptPaths {
        ScriptPaths(shipped: environment["PLAIDLUA_SCRIPTS"] ?? shippedScripts(near: executable),
                    user: DataDirectory.resolve(environment: environment) + "/scripts")
    }

    /// The running binary's real path: `/proc/self/exe`, which holds whether it was started by
    /// name from `PATH`, through a symbolic link or by a relative path; `argv[0]` elsewhere.
    public static func runningExecutable(argumentZero: String) -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? argumentZero
    }

    /// Beside the real binary: `share/plaidlua/scripts` of the prefix it is installed in (the
    /// binary in `PREFIX/bin`, or in `PREFIX/lib/plaidlua` as install.sh puts it), else the
    /// `scripts/` of the source tree a development build lives in.
    private static func shippedScripts(near executable: String) -> String? {
        let manager = FileManager.default
        var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for prefix in ["..", "../.."] {
            let installed = folder.appendingPathComponent(prefix + "/share/plaidlua/scripts").standardizedFileURL.path
            if manager.fileExists(atPath: installed) { return installed }
        }
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("scripts").path
            if manager.fileExists(atPath: folder.appendingPathComponent("Package.swift").path), manager.fileExists(atPath: candidate) {
                return candidate
            }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    /// What `require` searches before Lua's own default path, shipped scripts first: part of
    /// the default, so `LUA_PATH` replaces it as it replaces Lua's, and `;;` brings it back.
    public func searchPaths(environment: [String: String]) -> LuaSearchPaths {
        LuaSearchPaths(pathPrefix: [shipped, user].compactMap { $0 }.flatMap { ["\($0)/?.lua", "\($0)/?/init.lua"] },
                       environment: environment)
    }

    /// Everything `require` may search under `--safe`: the script's own folder, then the user
    /// scripts and the shipped ones; never the current directory or the system's Lua folders.
    public func safeSearchPath(scriptFolder: String?) -> String {
        ([scriptFolder, user, shipped].compactMap { $0 }).map { "\($0)/?.lua;\($0)/?/init.lua" }.joined(separator: ";")
    }

    /// A script run by name (`plaidlua run NAME`): `NAME.lua` in the shipped scripts, then in
    /// the user scripts, as `require` searches them.
    public func script(named name: String) -> String? {
        guard !name.isEmpty, !name.contains("/") else { return nil }
        let file = name.hasSuffix(".lua") ? name : name + ".lua"
        return [shipped, user].compactMap { $0 }.map { $0 + "/" + file }.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// A handler given to `batch` or `webhooks listen`: the file when there is one by that path,
    /// else a shipped or user script of that name (`sync_transactions`), else the path as given,
    /// for the runner to report as missing.
    public func handler(_ given: String) -> String {
        guard !given.contains("/"), !FileManager.default.fileExists(atPath: given) else { return given }
        return script(named: given) ?? given
    }

    /// One script `plaidlua scripts` lists.
    public struct Listed: Equatable, Sendable {
        public let name: String
        public let path: String
        /// Its workflow's `summary`, else its first comment line.
        public let summary: String
    }

    /// The scripts that run by name, shipped ones first; a user script with a shipped one's
    /// name is not listed, since the shipped one runs.
    public func listed() -> [Listed] {
        var seen = Set<String>()
        var found: [Listed] = []
        for folder in [shipped, user].compactMap({ $0 }) {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for file in files.sorted() where file.hasSuffix(".lua") {
                let name = String(file.dropLast(4))
                guard seen.insert(name).inserted else { continue }
                let path = folder + "/" + file
                found.append(Listed(name: name, path: path, summary: Self.summary(of: path)))
            }
        }
        return found
    }

    /// What a script says of itself, read without running it: `summary = "..."`, else the text
    /// of a first `--` comment line.
    static func summary(of path: String) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "" }
        if let match = text.firstMatch(of: /summary\s*=\s*"([^"\n]*)"/) { return String(match.1) }
        let first = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        return first.hasPrefix("--") ? first.dropFirst(2).trimmingCharacters(in: .whitespaces) : ""
    }

    /// The folder of `path` after following symbolic links, whatever the current directory.
    public static func realFolder(of path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent().standardizedFileURL.path
    }
}

/// PlaidLua's own data: history, the embedded sandbox's database, a team's scripts.
public enum DataDirectory {
    /// `$PLAIDLUA_HOME`, else `$XDG_DATA_HOME/plaidlua`, else `~/.local/share/plaidlua`.
    public static func resolve(environment: [String: String]) -> String {
        if let home = environment["PLAIDLUA_HOME"], !home.isEmpty { return home }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty { return data + "/plaidlua" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/plaidlua"
    }
}
