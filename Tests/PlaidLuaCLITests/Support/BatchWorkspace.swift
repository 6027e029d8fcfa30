import Foundation
import PlaidLuaTesting
import Testing

/// A folder with its own sandbox data directory, where a test writes inputs and handlers and
/// runs `plaidlua batch`.
struct BatchWorkspace {
    let folder: URL
    var environment: [String: String]

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        environment = ["PLAIDLUA_HOME": folder.appendingPathComponent("home").path]
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
    }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: path(name), encoding: .utf8)
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    func batch(_ arguments: [String], input: String = "") throws -> CommandRun {
        try CommandRun.plaidlua(["batch"] + arguments, input: input, environment: environment, directory: folder)
    }

    func startBatch(_ arguments: [String]) throws -> RunningCommand {
        try RunningCommand(["batch"] + arguments, environment: environment, directory: folder)
    }

    /// `count` dwolla processor tokens for one new Item of the sandbox.
    func processorTokens(_ count: Int) throws -> [String] {
        let run = try CommandRun.plaidlua(["-e", """
            local plaid = require "plaid"
            local client = plaid.client()
            local public = client:sandbox_public_token_create { institution_id = "ins_109508", initial_products = { "auth" } }
            local item = client:item_public_token_exchange { public_token = public.public_token }
            local account = client:accounts_get { access_token = item.access_token }.accounts[1].account_id
            for _ = 1, tonumber(os.getenv("COUNT")) do
              local made = client:processor_token_create { access_token = item.access_token, account_id = account, processor = "dwolla" }
              print(made.processor_token)
            end
            """], environment: environment.merging(["COUNT": "\(count)"]) { $1 })
        #expect(run.status == 0, "\(run.standardError)")
        return run.standardOutput.split(separator: "\n").map(String.init)
    }

    /// A dwolla processor token for an Item made with a test password, such as
    /// `error_ITEM_LOGIN_REQUIRED`, whose reads then fail with that error.
    func processorToken(password: String) throws -> String {
        let run = try CommandRun.plaidlua(["-e", """
            local partner = require("plaid").client { processor = "dwolla" }
            io.write(partner:sandbox_processor_token_create {
              institution_id = "ins_109508", options = { override_password = os.getenv("PASSWORD") },
            }.processor_token)
            """], environment: environment.merging(["PASSWORD": password]) { $1 })
        #expect(run.status == 0, "\(run.standardError)")
        return run.standardOutput
    }

    /// JSON Lines of `{"processor_token": …, "processor": "dwolla"}`, record n using token n % count.
    func tokenRecords(_ count: Int, tokens: [String]) -> String {
        (1...count).map { #"{"processor_token": "\#(tokens[$0 % tokens.count])", "processor": "dwolla"}"# + "\n" }.joined()
    }
}

/// One line of batch output.
struct OutputLine {
    let line: Int
    let ok: Bool
    let result: Any?
    let error: [String: Any]?

    /// Every line of an output file; a line that is not a complete output line fails the test.
    static func parse(_ text: String) throws -> [OutputLine] {
        try text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed]) as? [String: Any],
                                      "not an object: \(line)")
            let number = try #require(object["line"] as? Int, "no line number: \(line)")
            let ok = try #require(object["ok"] as? Bool, "no ok: \(line)")
            return OutputLine(line: number, ok: ok, result: object["result"], error: object["error"] as? [String: Any])
        }
    }

    /// The output's lines by input line, requiring each line number at most once.
    static func byLine(_ text: String) throws -> [Int: OutputLine] {
        var lines: [Int: OutputLine] = [:]
        for line in try parse(text) {
            #expect(lines[line.line] == nil, "line \(line.line) answered twice")
            lines[line.line] = line
        }
        return lines
    }
}
