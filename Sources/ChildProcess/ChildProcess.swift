import CChildProcess
public import Foundation

/// A program started with `posix_spawn`, in place of Foundation's `Process`, whose `run()`
/// crashes now and then on Linux (an over-read while it lists `/proc/self/fd`) and takes a whole
/// test run or a CLI command down with it. The child inherits only the three descriptors given.
public final class ChildProcess: @unchecked Sendable {
    /// How the child ended.
    public enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)

        /// The exit status, or the signal's number as Foundation's `terminationStatus` gives it.
        public var status: Int32 {
            switch self {
            case .exited(let code), .signalled(let code): code
            }
        }
    }

    public let pid: Int32
    private let state = NSLock()
    private var ending: Ending?

    /// - Parameters:
    ///   - executable: a path, or a name looked up on `PATH`.
    ///   - argumentZero: the name the child sees itself started as (`argv[0]`); the executable's when `nil`.
    ///   - standardInput, standardOutput, standardError: descriptors the child gets as 0, 1, 2;
    ///     the caller keeps and closes its own.
    public init(_ executable: String, arguments: [String], argumentZero: String? = nil, environment: [String: String],
                directory: String? = nil, standardInput: Int32, standardOutput: Int32, standardError: Int32) throws {
        let argv = ([argumentZero ?? executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: Int32 = 0
        let status = childprocess_spawn(&pid, executable, argv, envp, directory, standardInput, standardOutput, standardError)
        guard status == 0 else {
            throw ChildProcessError(message: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        self.pid = pid
    }

    /// A pipe whose two ends close on exec, so no other child holds them open.
    public static func pipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard childprocess_pipe(&ends) == 0 else {
            throw ChildProcessError(message: "cannot make a pipe: \(String(cString: strerror(errno)))")
        }
        return (ends[0], ends[1])
    }

    /// `/dev/null` opened close-on-exec, for a child with nothing to read or nowhere to write.
    public static func nullDevice(writing: Bool = false) -> Int32 {
        open("/dev/null", (writing ? O_WRONLY : O_RDONLY) | O_CLOEXEC)
    }

    public func signal(_ number: Int32) {
        if !hasEnded { kill(pid, number) }
    }

    /// Whether the child has ended; reaps it when it has.
    public var hasEnded: Bool { reap(blocking: false) != nil }

    /// Waits for the child to end.
    @discardableResult
    public func wait() -> Ending {
        while true {
            if let ending = reap(blocking: true) { return ending }
        }
    }

    private func reap(blocking: Bool) -> Ending? {
        state.lock()
        defer { state.unlock() }
        if let ending { return ending }
        var status: Int32 = 0
        let result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
        guard result == pid else { return nil }
        // The wait status: low 7 bits the signal that ended it, else the exit code in the next byte.
        let signal = status & 0x7f
        ending = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
        return ending
    }

    /// Everything `descriptor` carries until its writer closes it; the descriptor is closed after.
    public static func readToEnd(_ descriptor: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(descriptor)
        return data
    }
}

public struct ChildProcessError: Error, CustomStringConvertible {
    public let message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
