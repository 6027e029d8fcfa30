import Foundation
import PlaidLua

/// Input lines a previous run already answered, read back from its output for `--resume`.
/// Two bits a line, so a run over millions of records resumes in a few hundred kilobytes.
struct AnsweredLines {
    private var answered = LineSet()
    private var failed = LineSet()
    private(set) var count = 0

    mutating func insert(_ line: Int, ok: Bool) {
        guard !answered.contains(line) else { return }
        answered.insert(line)
        if !ok { failed.insert(line) }
        count += 1
    }

    /// `nil` when the line has no answer yet, else whether that answer was a success.
    func answer(for line: Int) -> Bool? {
        answered.contains(line) ? !failed.contains(line) : nil
    }
}

/// A set of positive integers as a bitmap.
struct LineSet {
    private var words: [UInt64] = []

    func contains(_ line: Int) -> Bool {
        let word = line >> 6
        return word < words.count && words[word] & (1 << UInt64(line & 63)) != 0
    }

    mutating func insert(_ line: Int) {
        let word = line >> 6
        if word >= words.count { words += [UInt64](repeating: 0, count: word - words.count + 1) }
        words[word] |= 1 << UInt64(line & 63)
    }
}

/// A file the batch appends lines to. Every line goes out in one `write(2)` as soon as it is
/// made, so once a record's line is written a crash or `kill -9` of the runner cannot lose it.
final class AppendedFile {
    let path: String
    private let descriptor: Int32
    private let closesDescriptor: Bool

    /// Standard output.
    init(standardOutput: ()) {
        path = "-"
        descriptor = 1
        closesDescriptor = false
    }

    /// Creates the file readable by its owner only (0600), since records and results can hold
    /// tokens; a regular file that exists already is narrowed to that too.
    init(path: String, truncating: Bool) throws {
        self.path = path
        let flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (truncating ? O_TRUNC : 0)
        let descriptor = open(path, flags, 0o600)
        guard descriptor >= 0 else { throw InputError(description: "cannot open \(path) for writing: \(String(cString: strerror(errno)))") }
        self.descriptor = descriptor
        closesDescriptor = true
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_mode & 0o077 != 0 {
            guard fchmod(descriptor, 0o600) == 0 else {
                throw InputError(description: "cannot make \(path) readable by its owner only: \(String(cString: strerror(errno)))")
            }
        }
    }

    deinit {
        if closesDescriptor { close(descriptor) }
    }

    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw InputError(description: "cannot write to \(path): \(String(cString: strerror(errno)))") }
            offset += written
        }
    }
}

/// The output of a run: one JSON line per record, `{"line":N,"ok":true,"result":…}` or
/// `{"line":N,"ok":false,"error":…}`, in completion order or (ordered) in input order.
final class BatchOutput {
    private let file: AppendedFile
    private let ordered: Bool
    /// Lines finished ahead of their turn, by their place in the run (ordered output only).
    private var waiting: [Int: [UInt8]] = [:]
    /// The place in the run of the next line to write (ordered output only).
    private(set) var nextPlace = 0

    init(file: AppendedFile, ordered: Bool) {
        self.file = file
        self.ordered = ordered
    }

    /// How many finished lines wait for an earlier one.
    var waitingCount: Int { waiting.count }

    /// Writes the line of the record at `place` (0-based among the records this run handed
    /// out), or holds it until the records before it are written.
    func write(place: Int, line: [UInt8]) throws {
        guard ordered else { return try file.write(line) }
        waiting[place] = line
        while let next = waiting.removeValue(forKey: nextPlace) {
            try file.write(next)
            nextPlace += 1
        }
    }

    static func line(number: Int, ok: Bool, json: [UInt8]) -> [UInt8] {
        Array("{\"line\":\(number),\"ok\":\(ok),\"\(ok ? "result" : "error")\":".utf8) + json + Array("}\n".utf8)
    }

    /// Reads a previous run's output for `--resume`. A last line cut short by a crash is
    /// removed (when `cutsUnfinishedLine`), so its record runs again; any other line that is
    /// not a batch output line stops the resume, since the file is then not this runner's output.
    static func readAnswers(path: String, cutsUnfinishedLine: Bool) throws -> AnsweredLines {
        var answers = AnsweredLines()
        let descriptor = open(path, (cutsUnfinishedLine ? O_RDWR : O_RDONLY) | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return answers }
            throw InputError(description: "cannot open \(path) to resume: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var lineNumber = 0
        let (complete, unfinished) = try scanLines(descriptor, path: path, purpose: " to resume") { text, _ in
            lineNumber += 1
            guard let (line, ok) = parse(text) else {
                throw InputError(description: "\(path) line \(lineNumber) is not a line of batch output; not resuming over it")
            }
            answers.insert(line, ok: ok)
            return true
        }
        if cutsUnfinishedLine, unfinished, ftruncate(descriptor, complete) != 0 {
            throw InputError(description: "cannot cut the unfinished last line of \(path): \(String(cString: strerror(errno)))")
        }
        return answers
    }

    /// Reads a file's complete lines in chunks, handing `body` each line (without its line
    /// break) and the offset it starts at, until `body` returns false. Returns where the complete
    /// lines end and whether bytes of an unfinished line follow them.
    static func scanLines(_ descriptor: Int32, path: String, purpose: String,
                          _ body: (ArraySlice<UInt8>, off_t) throws -> Bool) throws -> (complete: off_t, unfinished: Bool) {
        var pending: [UInt8] = []
        var pendingOffset: off_t = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw InputError(description: "cannot read \(path)\(purpose): \(String(cString: strerror(errno)))") }
            if count == 0 { break }
            pending += chunk[0..<count]
            var start = 0
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                guard try body(pending[start..<newline], pendingOffset + off_t(start)) else {
                    return (pendingOffset + off_t(start), true)
                }
                start = newline + 1
            }
            pending.removeFirst(start)
            pendingOffset += off_t(start)
        }
        return (pendingOffset, !pending.isEmpty)
    }

    /// The line number and outcome of one output line: it starts `{"line":N,"ok":true` or
    /// `{"line":N,"ok":false` and ends with `}`.
    static func parse(_ text: ArraySlice<UInt8>) -> (Int, Bool)? {
        let prefix = Array("{\"line\":".utf8)
        guard text.starts(with: prefix), text.last == UInt8(ascii: "}") else { return nil }
        var index = text.startIndex + prefix.count
        var number = 0
        let digitsStart = index
        while index < text.endIndex, let digit = Int(exactly: text[index]), (48...57).contains(digit), index - digitsStart < 18 {
            number = number * 10 + digit - 48
            index += 1
        }
        guard index > digitsStart, number > 0 else { return nil }
        let rest = text[index...]
        if rest.starts(with: Array(",\"ok\":true,".utf8)) { return (number, true) }
        if rest.starts(with: Array(",\"ok\":false,".utf8)) { return (number, false) }
        return nil
    }
}
