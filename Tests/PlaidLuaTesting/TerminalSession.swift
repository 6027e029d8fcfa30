import Foundation

/// The built `plaidlua` running in a real pseudo-terminal (a tmux session), driven by keys and
/// read back from the screen, as a person at a terminal would use it.
public final class TerminalSession {
    public let name: String

    /// Starts `plaidlua arguments...` in an 100x40 terminal with the given environment. When it
    /// exits, the terminal shows `[exited STATUS]`.
    public init(_ arguments: [String] = [], environment: [String: String] = [:]) throws {
        name = "plaidlua-\(UUID().uuidString.prefix(8))"
        let sanitizerOptions = CommandRun.toolEnvironment.filter { $0.key != "PATH" }
        let assignments = sanitizerOptions.merging(environment) { $1 }
            .map { "\($0.key)=\(Self.quoted($0.value))" }.joined(separator: " ")
        let command = "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=xterm \(assignments) "
            + ([CommandRun.executable.path] + arguments).map(Self.quoted).joined(separator: " ")
        // A tmux server that is exiting, because another test just closed the last session, can
        // turn the new session away; then it is asked again, and a new server starts.
        for _ in 1...3 {
            try Self.tmux(["new-session", "-d", "-s", name, "-x", "100", "-y", "40", command + "; echo \"[exited $?]\"; sleep 30"])
            if try Self.tmuxSucceeds(["has-session", "-t", name]) { break }
        }
    }

    deinit { _ = try? Self.tmux(["kill-session", "-t", name]) }

    /// Types `text` literally (no key names), then presses Enter unless told not to.
    public func type(_ text: String, enter: Bool = true) throws {
        try Self.tmux(["send-keys", "-t", name, "-l", text])
        if enter { try press("Enter") }
    }

    /// Presses keys by tmux's names: `Enter`, `Tab`, `Up`, `C-c`, `C-d`, `C-r`.
    public func press(_ keys: String...) throws {
        try Self.tmux(["send-keys", "-t", name] + keys)
    }

    /// What the terminal shows now, trailing blank lines dropped; with `escapes`, the colours and
    /// other attributes too, as escape codes.
    public func screen(escapes: Bool = false) throws -> String {
        try Self.tmux(["capture-pane", "-p"] + (escapes ? ["-e"] : []) + ["-t", name], capturingOutput: true)
            .replacingOccurrences(of: #"\n+$"#, with: "\n", options: .regularExpression)
    }

    /// Waits (up to `seconds`) until the screen shows `text` and returns that screen; throws
    /// ``TextNeverShown``, with the last screen, if it never did, so a test waiting for text
    /// fails when the text is missing.
    @discardableResult
    public func waitFor(_ text: String, seconds: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var shown = try screen()
        while !shown.contains(text) {
            guard Date() < deadline else { throw TextNeverShown(text: text, seconds: seconds, screen: shown) }
            Thread.sleep(forTimeInterval: 0.05)
            shown = try screen()
        }
        return shown
    }

    /// The screen did not show the text ``waitFor(_:seconds:)`` waited for.
    public struct TextNeverShown: Error, CustomStringConvertible {
        public let text: String
        public let seconds: Double
        public let screen: String
        public var description: String {
            "the terminal did not show \(text.debugDescription) within \(seconds) s; it shows:\n\(screen)"
        }
    }

    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Runs one tmux command and returns what it printed when `capturingOutput`. It goes through
    /// posix_spawn and waitpid rather than Foundation's Process, whose waitUntilExit on Linux can
    /// miss the exit of a tmux client that has just forked the tmux server. Output is captured
    /// only when asked for: the server a command may start inherits the client's standard
    /// output, so a pipe there would never reach its end.
    @discardableResult
    private static func tmux(_ arguments: [String], capturingOutput: Bool = false) throws -> String {
        try runTmux(arguments, capturingOutput: capturingOutput).output
    }

    private static func tmuxSucceeds(_ arguments: [String]) throws -> Bool {
        try runTmux(arguments, capturingOutput: false).exitedCleanly
    }

    private static func runTmux(_ arguments: [String], capturingOutput: Bool) throws -> (output: String, exitedCleanly: Bool) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw TmuxError(message: "pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if capturingOutput {
            posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addclose(&actions, ends[0])
        posix_spawn_file_actions_addclose(&actions, ends[1])
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = (["tmux"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, nil, argv, environ)
        close(ends[1])
        guard spawned == 0 else {
            close(ends[0])
            throw TmuxError(message: "cannot start tmux: \(String(cString: strerror(spawned)))")
        }
        let output = FileHandle(fileDescriptor: ends[0], closeOnDealloc: true).readDataToEndOfFile()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        // Exited (not signalled) with status 0.
        return (String(decoding: output, as: UTF8.self), status == 0)
    }

    struct TmuxError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
