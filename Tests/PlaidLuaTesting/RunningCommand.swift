public import Foundation

/// The built `plaidlua` started in the background, for tests that signal or kill it mid-run.
/// Its standard output and error go to files, so nothing blocks however much it prints.
public final class RunningCommand {
    private let process = Process()
    private let outputURL: URL
    private let errorURL: URL

    public init(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil,
                standardInput: URL? = nil) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        outputURL = scratch.appendingPathComponent("stdout")
        errorURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        process.executableURL = CommandRun.executable
        process.arguments = arguments
        process.environment = CommandRun.environment(adding: environment)
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        process.standardInput = try standardInput.map { try FileHandle(forReadingFrom: $0) } ?? FileHandle.nullDevice
        try process.run()
    }

    /// What the process has printed to standard output so far.
    public var standardOutputSoFar: String {
        (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
    }

    public func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits until `condition` holds, checking every 10 ms for at most `seconds`; false if it
    /// never did or the process ended first.
    @discardableResult
    public func waitUntil(seconds: Double = 30, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            if !process.isRunning { return condition() }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return false
    }

    /// Waits for the process to end (killing it after `seconds`) and returns what it printed.
    public func finish(seconds: Double = 120) -> CommandRun {
        if !waitUntil(seconds: seconds, { !process.isRunning }) {
            process.terminate()
        }
        process.waitUntilExit()
        return CommandRun(status: process.terminationStatus,
                          standardOutput: (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "",
                          standardError: (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "")
    }

    /// Whether the process has ended, for tests that repeat something until it does.
    public var hasEnded: Bool { !process.isRunning }

    /// Whether the process ended because of a signal rather than by exiting.
    public var endedBySignal: Bool { process.terminationReason == .uncaughtSignal }
}
