import Foundation
import PlaidLuaTesting
import Synchronization

/// `plaidlua sandbox serve` started with posix_spawn, for tests that kill it with SIGKILL and
/// start it again on the same data directory and port.
///
/// Everything that blocks (reading the address line, waitpid) runs on a thread of its own, so a
/// test can await it without holding one of the cooperative pool's two threads. Standard error,
/// one line per request, goes to a file: a pipe nobody reads would fill and stall the server.
final class KillableServe: Sendable {
    let processID: pid_t
    let port: Int
    let logPath: String
    /// The read end of standard output, kept open until the process ended so that a late line
    /// from the server never meets a closed pipe.
    private let outputDescriptor: Int32
    /// Set once the process was reaped, so the deinit of a failed test's server kills only a
    /// process that is still ours.
    private let reaped = Atomic<Bool>(false)

    private init(processID: pid_t, port: Int, logPath: String, outputDescriptor: Int32) {
        self.processID = processID
        self.port = port
        self.logPath = logPath
        self.outputDescriptor = outputDescriptor
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts the server on `port` (0 for a free one) and returns once it printed the address it
    /// listens on, which it does only after it accepts connections.
    ///
    /// - Parameter database: a PostgreSQL URL with its password, given to the server in
    ///   `PLAIDLUA_SANDBOX_DATABASE`, as a team would, so it never shows on the command line.
    static func start(dataDirectory: String, port: Int, logPath: String, database: String? = nil) async throws -> KillableServe {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw SpawnError(message: "pipe failed: errno \(errno)") }
        // Close-on-exec, so no other child a parallel test starts keeps the pipe open.
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let arguments = [CommandRun.executable.path, "sandbox", "serve", "--port", String(port), "--data", dataDirectory]
        var variables = CommandRun.toolEnvironment
        variables["PLAIDLUA_SANDBOX_DATABASE"] = database
        let environment = variables.map { "\($0.key)=\($0.value)" }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var processID: pid_t = 0
        let spawned = posix_spawn(&processID, arguments[0], &actions, nil, argv, envp)
        close(ends[1])
        guard spawned == 0 else {
            close(ends[0])
            throw SpawnError(message: "cannot start \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        let outputDescriptor = ends[0], spawnedID = processID
        let firstLine = await onOwnThread { readLine(from: outputDescriptor) }
        guard let range = firstLine.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression),
              let boundPort = Int(firstLine[range].split(separator: ":").last!) else {
            kill(spawnedID, SIGKILL)
            _ = await onOwnThread { reap(spawnedID) }
            close(outputDescriptor)
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            throw SpawnError(message: "serve printed no address: \(firstLine)\n\(log)")
        }
        return KillableServe(processID: processID, port: boundPort, logPath: logPath, outputDescriptor: outputDescriptor)
    }

    /// Sends `signal`, waits for the process to end and returns its wait status.
    @discardableResult
    func stop(with signal: Int32) async -> Int32 {
        kill(processID, signal)
        let processID = processID
        let status = await onOwnThread { Self.reap(processID) }
        reaped.store(true, ordering: .sequentiallyConsistent)
        close(outputDescriptor)
        return status
    }

    deinit {
        guard !reaped.load(ordering: .sequentiallyConsistent) else { return }
        kill(processID, SIGKILL)
        let processID = processID, outputDescriptor = outputDescriptor
        Thread {
            _ = Self.reap(processID)
            close(outputDescriptor)
        }.start()
    }

    struct SpawnError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Reads byte by byte up to the first newline or the end of the stream.
    private static func readLine(from descriptor: Int32) -> String {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = read(descriptor, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1, byte != UInt8(ascii: "\n") else { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func reap(_ processID: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(processID, &status, 0) < 0, errno == EINTR {}
        return status
    }
}

/// Runs blocking work on a new thread and resumes the caller with its result.
func onOwnThread<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async -> Result {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: work()) }.start()
    }
}
