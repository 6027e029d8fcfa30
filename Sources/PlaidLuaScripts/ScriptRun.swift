import PlaidLua
import PlaidLuaREPL

/// What one `plaidlua` invocation asks for, in the order `lua` would do it.
public struct ScriptRun: Sendable, Equatable {
    /// An `-e` or `-l` option, run in command-line order before the script.
    public enum Step: Sendable, Equatable {
        case execute(String)
        case require(global: String, module: String)
    }

    public enum Source: Sendable, Equatable {
        case file(String)
        case standardInput
    }

    /// What error messages start with: the interpreter as it was invoked (`argv[0]`), as `lua` does.
    public var programName = ScriptRunner.programName
    public var steps: [Step] = []
    public var script: Source?
    public var scriptArguments: [String] = []
    /// The global `arg`: the script at 0, its arguments from 1, the interpreter and its options
    /// at negative indices.
    public var argumentTable: [Int: String] = [:]
    public var interactive = false
    public var printsVersion = false
    /// `-E`: ignore `LUA_INIT`, `LUA_PATH` and `LUA_CPATH`.
    public var ignoresEnvironment = false
    /// `-W`: turn warnings on.
    public var warnings = false
    /// `--safe`: the restricted standard library.
    public var safe = false
    /// `--profile`: the profile of `config.toml` clients use.
    public var profile: String?
    /// `--timeout`: seconds the scripts may run (the REPL after them is not limited).
    public var timeout: Double?
    /// `--memory-limit`: bytes Lua may hold.
    public var memoryLimit: Int?

    public init() {}
}
