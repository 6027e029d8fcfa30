import ChildProcess
public import Foundation

/// The built `plaidlua` started in the background, for tests that signal or kill it mid-run.
/// Its standard output and error go to files, so nothing blocks however much it prints.
public final class RunningCommand {
    private let process: ChildProcess
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
        let output = open(outputURL.path, O_WRONLY | O_CLOEXEC), errors = open(errorURL.path, O_WRONLY | O_CLOEXEC)
        let input = standardInput.map { open($0.path, O_RDONLY | O_CLOEXEC) } ?? ChildProcess.nullDevice()
        defer { for descriptor in [output, errors, input] where descriptor >= 0 { close(descriptor) } }
        guard output >= 0, errors >= 0, input >= 0 else {
            throw ChildProcessError(message: "cannot open the files for plaidlua's input and output: \(String(cString: strerror(errno)))")
        }
        process = try ChildProcess(CommandRun.executable.path, arguments: arguments, argumentZero: CommandRun.executable.lastPathComponent,
                                   environment: CommandRun.environment(adding: environment),
                                   directory: directory?.path, standardInput: input, standardOutput: output, standardError: errors)
    }

    /// What the process has printed to standard output so far.
    public var standardOutputSoFar: String {
        (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
    }

    public func signal(_ number: Int32) {
        process.signal(number)
    }

    /// Waits until `condition` holds, checking every 10 ms for at most `seconds`; false if it
    /// never did or the process ended first.
    @discardableResult
    public func waitUntil(seconds: Double = 30, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            if process.hasEnded { return condition() }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return false
    }

    /// Waits for the process to end (killing it after `seconds`) and returns what it printed.
    public func finish(seconds: Double = 120) -> CommandRun {
        if !waitUntil(seconds: seconds, { process.hasEnded }) {
            process.signal(SIGTERM)
        }
        let ending = process.wait()
        return CommandRun(status: ending.status,
                          standardOutput: (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "",
                          standardError: (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "")
    }

    /// Whether the process has ended, for tests that repeat something until it does.
    public var hasEnded: Bool { process.hasEnded }

    /// Whether the process ended because of a signal rather than by exiting.
    public var endedBySignal: Bool {
        if case .signalled = process.wait() { return true }
        return false
    }
}
