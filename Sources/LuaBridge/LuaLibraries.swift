/// Which parts of Lua's standard library a runtime opens.
public enum LuaLibraries: Sendable {
    /// Everything `lua` opens.
    case standard
    /// An allow-list in the spirit of Redis' EVAL: no `io`, `debug`, `os.execute`, `os.remove`,
    /// `os.rename`, `os.tmpname`, `os.exit`, `dofile`, `loadfile`, `string.dump`,
    /// `package.loadlib` or C modules; `load` and `require` accept text chunks only; `os.getenv`
    /// hides anything that looks like a credential. Debian's shared liblua would let
    /// `package.loadlib` re-open `os` and `io`, so it goes too.
    ///
    /// `require` finds nothing on disk until the host calls ``LuaRuntime/lockSafeLibrary(path:hiddenVariables:)``
    /// with the only folders it may search; from then on `package.path`, `package.cpath` and
    /// `package.searchers` cannot be changed, so a script cannot point `require` at a file it
    /// wants to read.
    case safe
}

/// The safe profile's Lua (`Lua/safe.lua`), run once after its libraries are open: it narrows
/// them, and returns the one-shot function that fixes `require`'s search path and the variables
/// `os.getenv` hides.
var safeProfileSource: String {
    get throws { try LuaSourceFiles.luaBridge.source("safe") }
}
