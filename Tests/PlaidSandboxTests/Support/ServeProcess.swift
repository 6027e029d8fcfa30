import Foundation
import PlaidLuaTesting

/// `plaidlua sandbox serve` running as a child process, as a user would start it.
final class ServeProcess: @unchecked Sendable {
    let process: Process
    let baseURL: String
    private let errors: Pipe

    /// Starts the server and waits for the address it prints on standard output.
    init(dataDirectory: String, extraArguments: [String] = []) throws {
        process = Process()
        process.executableURL = CommandRun.executable
        process.arguments = ["sandbox", "serve", "--port", "0", "--data", dataDirectory] + extraArguments
        process.environment = CommandRun.toolEnvironment
        let output = Pipe()
        errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: #"http://[^ \n]+"#, options: .regularExpression) else {
            process.terminate()
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
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// What the server wrote to standard error; read after it stopped.
    var standardError: String {
        String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
