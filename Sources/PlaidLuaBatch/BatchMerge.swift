import Foundation

/// `plaidlua batch merge`: the outputs of a sharded run joined into one output in input order,
/// written only when every record of the input is answered exactly once across them.
public struct BatchMerge {
    public let outputs: [String]
    public let input: String
    public let inputFormat: InputFormat?
    /// Where the merged output goes, or `-` for standard output.
    public let destination: String

    public init(outputs: [String], input: String, inputFormat: InputFormat?, destination: String) {
        self.outputs = outputs
        self.input = input
        self.inputFormat = inputFormat
        self.destination = destination
    }

    /// What the merge found: a reason for each way the outputs fail to answer the input exactly
    /// once (empty when they do), and the count of records that failed in their run.
    public struct Report: Sendable {
        public var problems: [String] = []
        public var records = 0
        public var failed = 0
    }

    /// One answer found in an output: where its bytes are, to copy them unchanged.
    private struct Answer {
        let line: Int
        let file: Int
        let fileLine: Int
        let offset: off_t
        let length: Int
        let ok: Bool
    }

    /// Checks the outputs against the input and, when every record is answered exactly once,
    /// writes the merged output. Throws only when a file cannot be read or written at all.
    public func run() throws -> Report {
        if destination != "-", let size = (try? FileManager.default.attributesOfItem(atPath: destination))?[.size] as? Int, size > 0 {
            throw InputError(description: "\(destination) already holds output; remove it or merge into another file")
        }
        var report = Report()
        let expected = try inputLines()
        report.records = expected.lines.count
        var answers: [Answer] = []
        for index in outputs.indices {
            if let problem = try readAnswers(file: index, into: &answers) { report.problems.append(problem) }
        }
        answers.sort { ($0.line, $0.file, $0.fileLine) < ($1.line, $1.file, $1.fileLine) }

        var unknown: [Answer] = []
        var duplicates: [(Answer, Answer)] = []
        var answered = LineSet()
        var previous: Answer?
        for answer in answers {
            if !expected.set.contains(answer.line) {
                unknown.append(answer)
            } else if let previous, previous.line == answer.line {
                // A record answered three times is one record answered more than once.
                if duplicates.last?.0.line != answer.line { duplicates.append((previous, answer)) }
            } else {
                answered.insert(answer.line)
                if !answer.ok { report.failed += 1 }
            }
            previous = answer
        }
        let missing = expected.lines.filter { !answered.contains($0) }

        if !missing.isEmpty {
            var problem = "records with no answer (\(missing.count) of \(expected.lines.count)): \(Self.listed(missing.map { "line \($0)" }))"
            if let shard = Self.shard(holding: missing, of: expected.lines) {
                problem += "; they are exactly shard \(shard)'s records, so its output is missing or empty"
            }
            report.problems.append(problem)
        }
        if !duplicates.isEmpty {
            report.problems.append("records answered more than once (\(duplicates.count)): "
                + Self.listed(duplicates.map { "line \($0.0.line) (\(located($0.0)) and \(located($0.1)))" }))
        }
        if !unknown.isEmpty {
            report.problems.append("answers for lines the input does not have (\(unknown.count)): "
                + Self.listed(unknown.map { "line \($0.line) (\(located($0)))" }))
        }
        guard report.problems.isEmpty else { return report }
        try write(answers)
        return report
    }

    private func located(_ answer: Answer) -> String { "\(outputs[answer.file]) line \(answer.fileLine)" }

    /// The first few of a list, and how many more there are.
    private static func listed(_ items: [String]) -> String {
        let shown = items.prefix(5).joined(separator: ", ")
        return items.count > 5 ? "\(shown) and \(items.count - 5) more" : shown
    }

    /// The shard `K/N` whose records are exactly `missing`, for N up to 64: what a missing
    /// shard output looks like.
    static func shard(holding missing: [Int], of lines: [Int]) -> Shard? {
        guard let first = missing.first, missing.count < lines.count else { return nil }
        for count in 2...64 {
            let index = (first - 1) % count
            guard missing.allSatisfy({ ($0 - 1) % count == index }),
                  lines.reduce(0, { $0 + (($1 - 1) % count == index ? 1 : 0) }) == missing.count else { continue }
            return Shard(index: index, count: count)
        }
        return nil
    }

    /// The line numbers of the input's records, as a run numbers them (blank lines take none).
    private func inputLines() throws -> (lines: [Int], set: LineSet) {
        guard let format = InputFormat(given: inputFormat, path: input) else {
            throw InputError(description: "cannot tell the format of \(input) from its name; pass --input-format jsonl or csv")
        }
        let descriptor = open(input, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw InputError(description: "cannot open the input \(input): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let reader = RecordReader(descriptor: descriptor, format: format, types: [:])
        do {
            try reader.readHeader()
            var lines: [Int] = []
            var set = LineSet()
            while let record = try reader.next() {
                lines.append(record.line)
                set.insert(record.line)
            }
            return (lines, set)
        } catch {
            throw InputError(description: "\(input): \(error)")
        }
    }

    /// Adds the answers of output `file`; returns why the file is not a whole batch output
    /// (missing, a line that is not batch output, a last line cut short), if it is not.
    private func readAnswers(file: Int, into answers: inout [Answer]) throws -> String? {
        let path = outputs[file]
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return "\(path) does not exist: did its shard run?" }
            throw InputError(description: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var fileLine = 0
        var foreign: String?
        let (_, unfinished) = try BatchOutput.scanLines(descriptor, path: path, purpose: "") { text, offset in
            fileLine += 1
            guard let (line, ok) = BatchOutput.parse(text) else {
                foreign = "\(path) line \(fileLine) is not a line of batch output"
                return false
            }
            answers.append(Answer(line: line, file: file, fileLine: fileLine, offset: offset, length: text.count + 1, ok: ok))
            return true
        }
        if let foreign { return foreign }
        if unfinished {
            return "\(path) ends with a line cut short (its run was stopped mid-write); run that shard again with --resume"
        }
        return nil
    }

    /// Copies every answer's bytes, in input order, to the destination: a new file (0600,
    /// never one that holds output already) made under a temporary name and renamed into place,
    /// so a merge stopped part way leaves no output that looks whole.
    private func write(_ answers: [Answer]) throws {
        let sources = try outputs.map { path in
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw InputError(description: "cannot open \(path): \(String(cString: strerror(errno)))") }
            return descriptor
        }
        defer { sources.forEach { close($0) } }
        let temporary = destination == "-" ? nil : "\(destination).merging-\(getpid())"
        let file = try temporary.map { try AppendedFile(path: $0, truncating: true) } ?? AppendedFile(standardOutput: ())
        do {
            for answer in answers {
                var bytes = [UInt8](repeating: 0, count: answer.length)
                let read = bytes.withUnsafeMutableBytes { pread(sources[answer.file], $0.baseAddress, answer.length, answer.offset) }
                guard read == answer.length else {
                    throw InputError(description: "\(outputs[answer.file]) changed while it was being merged")
                }
                try file.write(bytes)
            }
            if let temporary, rename(temporary, destination) != 0 {
                throw InputError(description: "cannot rename \(temporary) to \(destination): \(String(cString: strerror(errno)))")
            }
        } catch {
            if let temporary { unlink(temporary) }
            throw error
        }
    }
}
