import ArgumentParser
import Foundation

extension ParsableArguments {
    /// What a subcommand's parsing or running error prints, and the exit status it gives: help
    /// in full (status 0), a usage error in one line pointing at `--help` (2), any other failure
    /// in one line (1).
    static func report(_ error: any Error, command: String) -> Int32 {
        let status = exitCode(for: error)
        if status == .success {
            print(fullMessage(for: error))
            return 0
        }
        let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
        if status == .validationFailure {
            printError("\(command): \(message) (see '\(command) --help')")
            return 2
        }
        printError("\(command): \(message)")
        return status == .failure ? 1 : status.rawValue
    }
}

/// Writes a line to standard output at once, so a reader of a pipe sees it without waiting.
func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
