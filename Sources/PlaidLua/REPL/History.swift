import Foundation

/// The REPL's history file in the data directory. Lines that may hold a secret or a token are
/// kept for the session but never written down.
struct HistoryFile {
    let path: String
    /// Recognises values that must never reach the file, such as the configured secrets.
    let isSecret: @Sendable (String) -> Bool
    static let limit = 1000

    func load() -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.replacingOccurrences(of: "\\n", with: "\n") }
    }

    /// Whether a line looks like it carries a credential: the word "secret", a Plaid token, or
    /// the value of a known secret.
    func isSensitive(_ line: String) -> Bool {
        if line.range(of: "secret", options: .caseInsensitive) != nil { return true }
        if line.range(of: #"(access|public|processor|link)-[a-z]+-[A-Za-z0-9-]{8,}|btok_[A-Za-z0-9]+"#, options: .regularExpression) != nil {
            return true
        }
        return line.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }).contains { isSecret(String($0)) }
    }

    func save(_ history: [String]) {
        let kept = history.filter { !isSensitive($0) }.suffix(Self.limit)
        let text = kept.map { $0.replacingOccurrences(of: "\n", with: "\\n") }.joined(separator: "\n") + "\n"
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
    }
}
