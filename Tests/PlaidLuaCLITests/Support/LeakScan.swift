import Foundation
import PlaidLuaTesting
import Testing

/// One sandbox data directory, everything the runs against it printed or wrote, and the search
/// of all that for the directory's API secrets and for every full token its sandbox ever issued.
///
/// Texts are kept in two piles. `observed` is what must never hold a secret or a full token:
/// standard output and error, logs, history, batch outputs, error files and summaries, terminal
/// screens. `products` is where full tokens belong by design (a workflow's JSON output, a side
/// file a test script keeps its tokens in): it is never searched for leaks, but it is where the
/// test proves its search finds the tokens it looks for.
final class LeakScan {
    let folder: URL
    /// `PLAIDLUA_HOME` (so the embedded sandbox's data directory and the REPL's history are
    /// here) and every debug log the command offers.
    var environment: [String: String]
    private(set) var observed: [(label: String, text: String)] = []
    private(set) var products: [(label: String, text: String)] = []

    init(_ name: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-leaks-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        environment = ["PLAIDLUA_HOME": folder.appendingPathComponent("home").path, "PLAIDLUA_LOG": "debug"]
    }

    var home: String { environment["PLAIDLUA_HOME"]! }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
    }

    /// Runs `plaidlua`, keeping both streams as observed text; `productOutput` marks standard
    /// output as a product instead (a workflow's JSON, which carries tokens on purpose).
    @discardableResult
    func run(_ label: String, _ arguments: [String], input: String = "", environment extra: [String: String] = [:],
             productOutput: Bool = false) throws -> CommandRun {
        let run = try CommandRun.plaidlua(arguments, input: input, environment: environment.merging(extra) { $1 },
                                          directory: folder)
        if productOutput {
            products.append((label + " stdout", run.standardOutput))
        } else {
            observe(label + " stdout", run.standardOutput)
        }
        observe(label + " stderr", run.standardError)
        return run
    }

    func observe(_ label: String, _ text: String) {
        observed.append((label, text))
    }

    /// A file the runs wrote (history, batch output, errors, summary); a missing file fails the test.
    func observeFile(_ label: String, at path: String) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("\(label): \(path) was not written")
            return
        }
        observe(label, text)
    }

    /// A terminal screen, also with its lines joined, since the terminal wraps a long line.
    func observeScreen(_ label: String, _ screen: String) {
        observe(label, screen)
        observe(label + " (joined)", screen.replacingOccurrences(of: "\n", with: ""))
    }

    func keepProduct(_ label: String, _ text: String) {
        products.append((label, text))
    }

    /// The sandbox's API keys by client (`developer`, `dwolla`, …), as `plaidlua sandbox
    /// credentials` prints them (making them if the directory has none yet); that output is the
    /// one place secrets belong, so it is not observed.
    func sandboxCredentials() throws -> [String: (clientID: String, secret: String)] {
        let run = try CommandRun.plaidlua(["sandbox", "credentials", "--json", "--data", home], environment: environment)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any],
                                  "credentials: \(run.standardError)")
        var clients = try #require(object["processors"] as? [String: [String: Any]])
        clients["developer"] = try #require(object["developer"] as? [String: Any])
        return clients.compactMapValues { keys in
            guard let clientID = keys["client_id"] as? String, let secret = keys["secret"] as? String else { return nil }
            return (clientID, secret)
        }
    }

    func sandboxSecrets() throws -> [String] {
        try sandboxCredentials().values.map(\.secret)
    }

    /// Every token the sandbox ever stored in this data directory, read from the bytes of its
    /// SQLite file and write-ahead log (the tests link no SQLite library): tokens are short
    /// fixed-format text, so each is stored whole in a page.
    func issuedTokens() -> Set<String> {
        var tokens: Set<String> = []
        for file in ["sandbox.sqlite", "sandbox.sqlite-wal"] {
            guard let data = FileManager.default.contents(atPath: home + "/" + file) else { continue }
            tokens.formUnion(Self.fullTokens(in: String(decoding: data, as: UTF8.self)))
        }
        return tokens
    }

    /// Full sandbox tokens in `text`: the three UUID kinds and Stripe's `btok_` + 20.
    static func fullTokens(in text: String) -> Set<String> {
        let pattern = #"(?:access|public|processor)-sandbox-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|btok_[A-Za-z0-9]{20}"#
        let expression = try! NSRegularExpression(pattern: pattern)
        let range = NSRange(text.startIndex..., in: text)
        return Set(expression.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } })
    }

    /// What identifies a token once its readable prefix is gone: the UUID, or the 20 characters
    /// after `btok_`. A text holding this part leaks the token even if it dropped the prefix.
    static func secretPart(of token: String) -> String {
        if token.hasPrefix("btok_") { return String(token.dropFirst(5)) }
        return String(token.split(separator: "-", maxSplits: 2)[2])
    }

    /// `label: what` for every secret and token found in `texts`.
    static func findings(in texts: [(label: String, text: String)], secrets: [String], tokens: Set<String>) -> [String] {
        let needles = secrets.map { ($0, "the secret \($0.prefix(4))…") }
            + tokens.map { (secretPart(of: $0), "the token \($0)") }
        var found: [String] = []
        for (label, text) in texts {
            // Only words long enough to hold a needle are searched, each distinct one once.
            let words = Set(text.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }.filter { $0.count >= 20 })
            for word in words {
                for (needle, name) in needles where word.contains(needle) {
                    found.append("\(label): \(name)")
                }
            }
        }
        return found
    }

    /// Fails the test for every secret or token in the observed texts, and proves the search
    /// works by requiring it to find `tokens` in the products where they were put on purpose.
    func expectNoLeaks(secrets: [String], tokens: Set<String>, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!secrets.isEmpty, "no secret to look for", sourceLocation: sourceLocation)
        #expect(!tokens.isEmpty, "no token to look for", sourceLocation: sourceLocation)
        let leaks = Self.findings(in: observed, secrets: secrets, tokens: tokens)
        #expect(leaks.isEmpty, "\(leaks.joined(separator: "\n"))", sourceLocation: sourceLocation)
        let control = Self.findings(in: products, secrets: [], tokens: tokens)
        #expect(!control.isEmpty, "the search found no token even where tokens were put on purpose", sourceLocation: sourceLocation)
    }
}
