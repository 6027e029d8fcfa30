import ChildProcess
public import Foundation

/// Runs the built `plaidlua` binary as a user would, and keeps what it printed.
public struct CommandRun: Sendable {
    public let status: Int32
    public let standardOutput: String
    public let standardError: String

    /// The `plaidlua` built beside the test bundle.
    public static var executable: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("plaidlua").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("plaidlua")
    }

    /// The source tree the tests run in (where `Package.swift` is).
    public static var packageRoot: URL {
        var folder = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder
    }

    /// A clean environment that keeps only `PATH` and a private `HOME`, plus `extra`, so a
    /// developer's own settings cannot change a test's result.
    static func environment(adding extra: [String: String]) -> [String: String] {
        var base = toolEnvironment
        base["HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-test-home").path
        base.merge(extra) { $1 }
        return base
    }

    /// `PATH`, and the sanitizers' options when the tests run under one (scripts/sanitizers.sh),
    /// so a sanitized `plaidlua` started by a test runs with the options its tests run with.
    public static var toolEnvironment: [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var environment = ["PATH": inherited["PATH"] ?? "/usr/bin:/bin"]
        for name in ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"] {
            if let value = inherited[name] { environment[name] = value }
        }
        return environment
    }

    /// Runs `plaidlua arguments...` with `input` on standard input and waits for it to exit.
    ///
    /// - Parameter environment: added to ``environment(adding:)``'s clean environment.
    public static func plaidlua(_ arguments: [String], input: String = "", environment: [String: String] = [:],
                                directory: URL? = nil) throws -> CommandRun {
        try program("plaidlua", arguments, input: input, environment: environment, directory: directory)
    }

    /// Runs `name`, another product built beside `plaidlua`, as ``plaidlua(_:input:environment:directory:)`` does.
    public static func program(_ name: String, _ arguments: [String], input: String = "",
                               environment: [String: String] = [:], directory: URL? = nil) throws -> CommandRun {
        try program(at: executable.deletingLastPathComponent().appendingPathComponent(name), arguments, input: input,
                     environment: environment, directory: directory)
    }

    /// Runs the program at `path` (a copy of a built binary, say) as ``plaidlua(_:input:environment:directory:)`` does.
    /// - Parameter argumentZero: what the program sees itself started as; its file name when `nil`.
    public static func program(at path: URL, _ arguments: [String], input: String = "", argumentZero: String? = nil,
                               environment: [String: String] = [:], directory: URL? = nil) throws -> CommandRun {
        let standardInput = input
        let input = try ChildProcess.pipe(), output = try ChildProcess.pipe(), errors = try ChildProcess.pipe()
        let child: ChildProcess
        do {
            // Started by name, as from PATH: messages begin with it, as lua's begin with argv[0].
            child = try ChildProcess(path.path, arguments: arguments, argumentZero: argumentZero ?? path.lastPathComponent,
                                     environment: Self.environment(adding: environment), directory: directory?.path,
                                     standardInput: input.read, standardOutput: output.write, standardError: errors.write)
        } catch {
            for descriptor in [input.read, input.write, output.read, output.write, errors.read, errors.write] { close(descriptor) }
            throw error
        }
        for descriptor in [input.read, output.write, errors.write] { close(descriptor) }
        // Standard error is drained beside standard output: read one after the other, a child
        // that fills the stderr pipe while the test waits for stdout's end would never finish.
        let errorData = DrainedPipe(errors.read)
        let bytes = Array(standardInput.utf8)
        if !bytes.isEmpty { _ = bytes.withUnsafeBytes { write(input.write, $0.baseAddress, $0.count) } }
        close(input.write)
        let outputData = ChildProcess.readToEnd(output.read)
        let ending = child.wait()
        return CommandRun(status: ending.status,
                          standardOutput: String(decoding: outputData, as: UTF8.self),
                          standardError: String(decoding: errorData.wait(), as: UTF8.self))
    }
}

/// Reads a pipe to its end on a queue of its own.
private final class DrainedPipe: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchGroup()

    init(_ descriptor: Int32) {
        DispatchQueue.global().async(group: done) { self.data = ChildProcess.readToEnd(descriptor) }
    }

    /// Everything the pipe carried, once its writer closed it.
    func wait() -> Data {
        done.wait()
        return data
    }
}
