import ChildProcess
import Foundation
import PlaidLuaTesting

/// `plaidlua sandbox serve` running as a child process, as a user would start it.
final class ServeProcess: @unchecked Sendable {
    let process: ChildProcess
    let baseURL: String
    /// Where the server's standard error goes, read once it stopped.
    private let errorsFile: String
    /// Kept open while the server runs, so it never writes to a closed pipe.
    private let outputEnd: Int32

    /// Starts the server and waits for the address it prints on standard output.
    init(dataDirectory: String, extraArguments: [String] = [], environment: [String: String] = [:]) throws {
        errorsFile = NSTemporaryDirectory() + "plaidlua-serve-\(UUID().uuidString).stderr"
        let errors = open(errorsFile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let output = try ChildProcess.pipe()
        outputEnd = output.read
        let input = ChildProcess.nullDevice()
        defer { close(errors); close(input) }
        process = try ChildProcess(CommandRun.executable.path,
                                   arguments: ["sandbox", "serve", "--port", "0", "--data", dataDirectory] + extraArguments,
                                   environment: CommandRun.toolEnvironment.merging(environment) { $1 }, standardInput: input, standardOutput: output.write,
                                   standardError: errors)
        close(output.write)
        // The first line names the address; the rest of standard output is not read.
        var line = [UInt8]()
        var byte: UInt8 = 0
        while byte != UInt8(ascii: "\n"), read(output.read, &byte, 1) == 1 { line.append(byte) }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: #"http://[^ \n]+"#, options: .regularExpression) else {
            process.signal(SIGTERM)
            throw ServeError(message: "serve printed no address: \(text)")
        }
        baseURL = String(text[range])
    }

    struct ServeError: Error {
        let message: String
    }

    /// Sends `signal` and waits for the process to end; returns its status.
    @discardableResult
    func stop(with signal: Int32) -> Int32 {
        process.signal(signal)
        return process.wait().status
    }

    /// What the server wrote to standard error; read after it stopped.
    var standardError: String {
        (try? String(contentsOfFile: errorsFile, encoding: .utf8)) ?? ""
    }

    deinit {
        if !process.hasEnded {
            process.signal(SIGKILL)
            process.wait()
        }
        close(outputEnd)
        unlink(errorsFile)
    }
}
