import Foundation
import PlaidLua
import PlaidModels
import PrivateFiles

/// The REPL's history file in the data directory. Lines that may hold a secret or a token are
/// kept for the session but never written down.
struct HistoryFile {
    let path: String
    /// Recognises values that must never reach the file, such as the configured secrets.
    let isSecret: @Sendable (String) -> Bool
    static let limit = 1000

    /// The last `limit` lines; a file grown past that is cut back to them here, since lines are
    /// only ever appended while a session runs.
    func load() -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.replacingOccurrences(of: "\\n", with: "\n") }
        guard lines.count > Self.limit else { return lines }
        let kept = Array(lines.suffix(Self.limit))
        save(kept)
        return kept
    }

    /// Whether a line looks like it carries a credential: the word "secret", a Plaid token, a
    /// token's hidden part without its prefix (any UUID, or that part of a token this process
    /// has seen), or the value of a known secret.
    func isSensitive(_ line: String) -> Bool {
        if line.range(of: "secret", options: .caseInsensitive) != nil { return true }
        if line.range(of: #"(access|public|processor|link)-[a-z]+-[A-Za-z0-9-]{8,}|btok_[A-Za-z0-9]+"#, options: .regularExpression) != nil {
            return true
        }
        if Redaction.holdsTokenFragment(line) { return true }
        return line.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }).contains { isSecret(String($0)) }
    }

    /// Adds one accepted line at once, so `os.exit()` or a killed process loses nothing; other
    /// sessions appending to the same file keep their lines too.
    func append(_ line: String) {
        guard !line.isEmpty, !isSensitive(line) else { return }
        makeDirectory()
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let bytes = Array((escaped(line) + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    func save(_ history: [String]) {
        let kept = history.filter { !isSensitive($0) }.suffix(Self.limit)
        let text = kept.map { escaped($0) }.joined(separator: "\n") + "\n"
        makeDirectory()
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
    }

    /// One entry per line: a multi-line chunk keeps its newlines as `\n`.
    private func escaped(_ line: String) -> String {
        line.replacingOccurrences(of: "\n", with: "\\n")
    }

    /// The data folder is private (0700), and so is a history file an older version left wider.
    private func makeDirectory() {
        try? PrivateDirectory.create((path as NSString).deletingLastPathComponent)
        PrivateFile.restrict(path)
    }
}
