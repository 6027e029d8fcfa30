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
        var base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                    "HOME": FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-test-home").path]
        base.merge(extra) { $1 }
        return base
    }

    /// Runs `plaidlua arguments...` with `input` on standard input and waits for it to exit.
    ///
    /// - Parameter environment: added to ``environment(adding:)``'s clean environment.
    public static func plaidlua(_ arguments: [String], input: String = "", environment: [String: String] = [:],
                                directory: URL? = nil) throws -> CommandRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = Self.environment(adding: environment)
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe(), errors = Pipe(), standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = standardInput
        try process.run()
        standardInput.fileHandleForWriting.write(Data(input.utf8))
        try standardInput.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandRun(status: process.terminationStatus,
                          standardOutput: String(decoding: outputData, as: UTF8.self),
                          standardError: String(decoding: errorData, as: UTF8.self))
    }
}
