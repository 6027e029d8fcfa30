public import Foundation

/// The built `plaidlua` running in a real pseudo-terminal (a tmux session), driven by keys and
/// read back from the screen, as a person at a terminal would use it.
public final class TerminalSession {
    public let name: String

    /// Starts `plaidlua arguments...` in an 100x40 terminal with the given environment. When it
    /// exits, the terminal shows `[exited STATUS]`.
    public init(_ arguments: [String] = [], environment: [String: String] = [:]) throws {
        name = "plaidlua-\(UUID().uuidString.prefix(8))"
        let assignments = environment.map { "\($0.key)=\(Self.quoted($0.value))" }.joined(separator: " ")
        let command = "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=xterm \(assignments) "
            + ([CommandRun.executable.path] + arguments).map(Self.quoted).joined(separator: " ")
        try Self.tmux(["new-session", "-d", "-s", name, "-x", "100", "-y", "40", command + "; echo \"[exited $?]\"; sleep 30"])
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
        try Self.tmux(["capture-pane", "-p"] + (escapes ? ["-e"] : []) + ["-t", name])
            .replacingOccurrences(of: #"\n+$"#, with: "\n", options: .regularExpression)
    }

    /// Waits (up to `seconds`) until the screen shows `text`; returns the screen either way.
    @discardableResult
    public func waitFor(_ text: String, seconds: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var shown = try screen()
        while !shown.contains(text), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            shown = try screen()
        }
        return shown
    }

    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    @discardableResult
    private static func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
