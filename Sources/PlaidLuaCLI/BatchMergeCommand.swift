import ArgumentParser
import Foundation
import PlaidLuaBatch

/// `plaidlua batch merge OUT... --input FILE --output FILE`: the outputs of the shards of one
/// run, joined in input order once they prove to answer every input record exactly once.
struct BatchMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plaidlua batch merge",
        abstract: "Join the outputs of a sharded batch run into one, checking that every input record is answered exactly once.",
        discussion: """
            Every record of --input must have exactly one line across the outputs; a record with none (such as the records \
            of a shard whose output is missing), a record answered twice, an answer for a line the input does not have, \
            or an output that is not whole batch output is named, and nothing is written.
            Exit status: 0 every record answered once and ok, 3 every record answered once but some failed in their run \
            (rerun them from an --errors file), 1 the outputs do not answer the input exactly once, 2 usage error.
            Given one output, it checks that run (a resumed one, say) answered every record exactly once.
            See docs/batch.md.
            Example:
              plaidlua batch merge out.jsonl --input tokens.csv --output merged.jsonl
            """
    )

    @Argument(help: ArgumentHelp("The outputs of the shards.", valueName: "output"))
    var outputs: [String]

    @Option(help: "The input the shards ran over.")
    var input: String

    @Option(name: .customLong("input-format"), help: "jsonl or csv (default: from the input's extension).")
    var inputFormat: String?

    @Option(help: "Where the merged output goes; - for standard output. An existing non-empty file is never overwritten.")
    var output: String

    func validate() throws {
        guard !outputs.isEmpty else { throw ValidationError("name the outputs to merge") }
        guard input != "-" else { throw ValidationError("--input must be the file the shards ran over, not standard input") }
        if let inputFormat, InputFormat(rawValue: inputFormat) == nil {
            throw ValidationError("--input-format must be jsonl or csv, not \(inputFormat)")
        }
        if inputFormat == nil, InputFormat(given: nil, path: input) == nil {
            throw ValidationError("cannot tell the format of \(input) from its extension; pass --input-format jsonl or csv")
        }
        if let clash = outputs.first(where: { $0 == output || $0 == input }) {
            throw ValidationError("\(clash) is both an output to merge and the \(clash == output ? "--output" : "--input")")
        }
    }

    /// Parses `arguments` (what follows `batch merge`) and merges; returns the exit status.
    static func run(arguments: [String]) -> Int32 {
        let command: BatchMergeCommand
        do {
            command = try parse(arguments)
        } catch {
            return report(error, command: "plaidlua batch merge")
        }
        let merge = BatchMerge(outputs: command.outputs, input: command.input,
                               inputFormat: command.inputFormat.flatMap(InputFormat.init(rawValue:)), destination: command.output)
        let report: BatchMerge.Report
        do {
            report = try merge.run()
        } catch {
            printError("plaidlua batch merge: \(error)")
            return 1
        }
        guard report.problems.isEmpty else {
            for problem in report.problems { printError("plaidlua batch merge: \(problem)") }
            printError("plaidlua batch merge: nothing written")
            return 1
        }
        let target = command.output == "-" ? "standard output" : command.output
        printError("plaidlua batch merge: \(report.records) records from \(command.outputs.count) outputs, each answered once "
            + "(\(report.records - report.failed) ok, \(report.failed) failed), written to \(target)")
        return report.failed == 0 ? 0 : 3
    }
}
