import Foundation
import PlaidLuaTesting
import Testing

/// Every example in README.md and docs/ runs as written, in a fresh HOME against the embedded
/// sandbox, with only what a reader fills in replaced: `processor-sandbox-…` and
/// `public-sandbox-…` by real tokens, `--input …` by a small `tokens.csv`, port 8484 by a free
/// port.
///
/// - A document's Lua blocks run in order as one script, so a block sees what the ones before
///   it made, as a reader would. A reader of a single block has a partner `client` and its
///   `token` at hand, as in the REPL. Each `--> text` is checked against what its line printed
///   (a line that is a bare call prints its values); `…` there stands for any text.
/// - A Lua block whose first line names its file (`-- check_balances.lua: …`), or that returns
///   a handler, is written to that file and run as the document says: a workflow by name, a
///   handler by `plaidlua batch` over the records of `tokens.csv`.
/// - A document's shell blocks run in order as one bash script that stops at the first failing
///   command. A server started in the foreground is started, reached and stopped. Blocks that
///   run the project's own tools (`scripts/*.sh`) are left to the test command, which runs them.
@Suite struct DocumentExamplesTests {
    static let documents: [String] = {
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: CommandRun.packageRoot.appendingPathComponent("docs").path)) ?? []
        return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }()

    @Test func everyDocumentIsFound() {
        #expect(Self.documents.count >= 10, "\(Self.documents)")
        #expect(Self.documents.contains("docs/lua-api.md"))
    }

    @Test(arguments: documents) func luaExamplesRun(document: String) throws {
        let blocks = try Self.blocks(of: document, language: "lua")
        guard !blocks.isEmpty else { return }
        let workspace = try ExampleWorkspace()
        defer { workspace.remove() }
        var script = ExampleScript()
        for block in blocks {
            if let file = Self.fileName(of: block.text) {
                try workspace.runFile(named: file, block: block, document: document)
            } else {
                script.append(block)
            }
        }
        guard !script.isEmpty else { return }
        let path = workspace.path("examples.lua")
        try (ExampleScript.prelude + script.source + ExampleScript.ending).write(toFile: path, atomically: true, encoding: .utf8)
        let run = try workspace.plaidlua([path])
        #expect(run.status == 0, "\(document): \(run.standardError)")
        #expect(run.standardOutput.contains("examples ran: \(script.checks) checks passed"), "\(document): \(run.standardOutput)")
    }

    @Test(arguments: documents) func shellExamplesRun(document: String) throws {
        let blocks = try Self.blocks(of: document, language: "sh").filter { !$0.text.contains("scripts/") || $0.text.contains("plaidlua") }
        let commands = blocks.flatMap { ExampleShell.commands(of: $0.text) }
        guard !commands.isEmpty else { return }
        let workspace = try ExampleWorkspace()
        defer { workspace.remove() }
        try checkConfigExamples(of: document, in: workspace)
        let script = try ExampleShell.database() + ExampleShell.prelude + commands.map(ExampleShell.prepared).joined(separator: "\n")
            + "\necho 'examples ran' >&2\n"
        let run = try workspace.bash(script)
        #expect(run.status == 0, "\(document): \(run.standardError.suffix(2000))\nthe script:\n\(script)")
        #expect(run.standardError.contains("examples ran") , "\(document): \(run.standardError.suffix(2000))")
    }

    /// A document's TOML blocks, together, are a config.toml that `plaidlua profiles` reads, and
    /// each profile they set can be shown.
    func checkConfigExamples(of document: String, in workspace: ExampleWorkspace) throws {
        let config = try Self.blocks(of: document, language: "toml").map(\.text).joined(separator: "\n")
        guard !config.isEmpty else { return }
        try workspace.writeConfig(config)
        let names = config.matches(of: /(?m)^\[profiles\.([A-Za-z0-9_-]+)\]$/).map { String($0.1) }
        #expect(!names.isEmpty, "\(document): the config sets no profile")
        for name in names {
            let shown = try workspace.plaidlua(["profiles", "show", name])
            #expect(shown.status == 0, "\(document): profile \(name): \(shown.standardError)")
        }
    }

    /// Every command and subcommand, as `plaidlua help` takes them.
    static let commands: [[String]] = [
        [], ["run"], ["scripts"], ["batch"], ["batch", "merge"], ["webhooks"], ["webhooks", "listen"], ["webhooks", "trigger"], ["sandbox"],
        ["sandbox", "serve"], ["sandbox", "credentials"], ["sandbox", "webhooks"], ["sandbox", "rotate-webhook-key"], ["sandbox", "reset"], ["profiles"], ["profiles", "list"], ["profiles", "show"], ["log"], ["completion"], ["types"],
    ]

    /// `plaidlua help COMMAND`, the same as `plaidlua COMMAND --help`, shows an example for every command, each line short enough not to
    /// be wrapped, and every example runs, in the order above, in one workspace whose user has a
    /// production profile.
    @Test func everyCommandsHelpHasAnExampleThatRuns() throws {
        let workspace = try ExampleWorkspace()
        defer { workspace.remove() }
        try workspace.writeConfig("""
            [profiles.production]
            env = "production"
            client_id = "example-client-id"
            secret_env = "PLAID_SECRET"
            """)
        let usage = try workspace.plaidlua(["help"]).standardOutput
        for command in Self.commands where command.count == 1 {
            #expect(usage.contains("plaidlua \(command[0])"), "plaidlua help does not list \(command[0])")
        }
        var examples: [String] = []
        for command in Self.commands {
            let help = try workspace.plaidlua(["help"] + command)
            #expect(help.status == 0, "plaidlua help \(command): \(help.standardError)")
            let dashed = try workspace.plaidlua(command + ["--help"])
            #expect(dashed.status == 0 && dashed.standardOutput == help.standardOutput,
                    "plaidlua \(command) --help differs from plaidlua help \(command): \(dashed.standardError)")
            let shown = Self.examples(in: help.standardOutput)
            #expect(!shown.isEmpty, "plaidlua help \(command.joined(separator: " ")) shows no example:\n\(help.standardOutput)")
            examples += shown
        }
        let script = ExampleShell.prelude + examples.map(ExampleShell.prepared).joined(separator: "\n") + "\necho 'examples ran' >&2\n"
        let run = try workspace.bash(script)
        #expect(run.status == 0, "\(run.standardError.suffix(2000))\nthe script:\n\(script)")
        #expect(run.standardError.contains("examples ran"), "\(run.standardError.suffix(2000))")
    }

    /// The command lines under a help text's `Example:` heading; a line wrapped by the help's
    /// formatting (its rest not indented) fails the test.
    static func examples(in help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let heading = lines.firstIndex(where: { $0.hasPrefix("Example") }) else { return [] }
        let shown = lines[(heading + 1)...].prefix { $0.hasPrefix("  ") }
        let after = lines.dropFirst(heading + 1 + shown.count).first ?? ""
        #expect(after.isEmpty || after == after.uppercased(), "an example is wrapped: \(shown.last ?? "") / \(after)")
        return shown.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    struct Block {
        let text: String
        /// The line of the document where the block's text begins.
        let line: Int
    }

    /// The fenced blocks of `document` in `language`, in order.
    static func blocks(of document: String, language: String) throws -> [Block] {
        let text = try String(contentsOf: CommandRun.packageRoot.appendingPathComponent(document), encoding: .utf8)
        var blocks: [Block] = [], fenced = false, collected: [String]?, start = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if !fenced, line.hasPrefix("```") {
                fenced = true
                collected = line == "```" + language ? [] : nil
                start = index + 2
            } else if fenced, line == "```" {
                if let lines = collected { blocks.append(Block(text: lines.joined(separator: "\n"), line: start)) }
                fenced = false
                collected = nil
            } else {
                collected?.append(String(line))
            }
        }
        return blocks
    }

    /// The file a Lua block is (`-- name.lua` on its first line), or a handler file's name for a
    /// block that returns a handler; nil for a block of statements.
    static func fileName(of block: String) -> String? {
        let first = block.prefix { $0 != "\n" }
        if let match = first.firstMatch(of: /^-- (\S+\.lua)\b/) { return String(match.1) }
        if block.hasPrefix("return ") { return "handler.lua" }
        return nil
    }
}

/// A fresh HOME laid out as `install.sh` lays it out by default (the shipped scripts in
/// `~/.local/share/plaidlua/scripts`), with what a reader of the documents has made by then: a
/// public token, dwolla processor tokens in `tokens.csv`, payments on them in `payments.csv`, a
/// `vendor_handler.lua`.
struct ExampleWorkspace {
    let folder: URL
    let home: URL
    let environment: [String: String]
    let processorToken: String
    let publicToken: String
    /// The Item's, whose webhooks go to a loopback port nothing listens on until an example does.
    let accessToken: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-examples-\(UUID().uuidString)")
        home = folder.appendingPathComponent("home")
        let shipped = home.appendingPathComponent(".local/share/plaidlua/scripts")
        try FileManager.default.createDirectory(at: shipped.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CommandRun.packageRoot.appendingPathComponent("scripts"), to: shipped)
        // Examples that name `scripts/…` are run from the source tree.
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("scripts"),
                                                   withDestinationURL: CommandRun.packageRoot.appendingPathComponent("scripts"))
        let binaries = CommandRun.executable.deletingLastPathComponent().path
        // Keys for the one example that makes a production client; nothing is sent with them.
        environment = ["HOME": home.path, "PATH": binaries + ":" + (CommandRun.toolEnvironment["PATH"] ?? "/usr/bin:/bin"),
                       "PLAID_CLIENT_ID": "example-client-id", "PLAID_SECRET": "example-secret-never-sent"]
        let made = try CommandRun.plaidlua(["-e", """
            local client = require("plaid").client()
            local function public() return client:sandbox_public_token_create { institution_id = "ins_109508", initial_products = { "auth" } }.public_token end
            local item = client:item_public_token_exchange { public_token = public() }
            local account = client:accounts_get({ access_token = item.access_token }).accounts[1].account_id
            client:item_webhook_update { access_token = item.access_token, webhook = "http://127.0.0.1:9/plaid" }
            print(item.access_token)
            print(public())
            for _ = 1, 2 do
              print(client:processor_token_create { access_token = item.access_token, account_id = account, processor = "dwolla" }.processor_token)
            end
            """], environment: environment, directory: folder)
        let lines = made.standardOutput.split(separator: "\n").map(String.init)
        guard made.status == 0, lines.count == 4 else { throw ExampleSetUpFailed(output: made.standardOutput + made.standardError) }
        accessToken = lines[0]
        publicToken = lines[1]
        processorToken = lines[2]
        try "processor_token,processor\n\(lines[2]),dwolla\n\(lines[3]),dwolla\n"
            .write(to: folder.appendingPathComponent("tokens.csv"), atomically: true, encoding: .utf8)
        try "processor_token,processor,payment_id,amount\n\(lines[2]),dwolla,pay-1,25.00\n\(lines[3]),dwolla,pay-2,4000\n"
            .write(to: folder.appendingPathComponent("payments.csv"), atomically: true, encoding: .utf8)
        try """
            return function(record, ctx)
              return ctx.partner(record.processor):processor_auth_get({ processor_token = record.processor_token }).numbers.ach.routing
            end
            """.write(to: folder.appendingPathComponent("vendor_handler.lua"), atomically: true, encoding: .utf8)
    }

    struct ExampleSetUpFailed: Error {
        let output: String
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Writes the user's config.toml, 0600 in a 0700 folder as PlaidLua requires.
    func writeConfig(_ text: String) throws {
        let folder = home.appendingPathComponent(".config/plaidlua")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let file = folder.appendingPathComponent("config.toml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    func plaidlua(_ arguments: [String]) throws -> CommandRun {
        try CommandRun.plaidlua(arguments, environment: environment.merging(["PROCESSOR_TOKEN": processorToken]) { $1 }, directory: folder)
    }

    func bash(_ script: String) throws -> CommandRun {
        try CommandRun.program(at: URL(fileURLWithPath: "/bin/bash"), ["-c", script],
                               environment: environment.merging(["PROCESSOR_TOKEN": processorToken, "PUBLIC_TOKEN": publicToken,
                                                                 "ACCESS_TOKEN": accessToken]) { $1 },
                               directory: folder)
    }

    /// Writes a block that is a file where its first line says and runs it as its document does.
    func runFile(named name: String, block: DocumentExamplesTests.Block, document: String) throws {
        let file = name.hasPrefix("~/") ? home.appendingPathComponent(String(name.dropFirst(2))) : folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try block.text.write(to: file, atomically: true, encoding: .utf8)
        let place = "\(document):\(block.line)"
        if block.text.contains("workflow.define") {
            let run = try plaidlua(["run", file.deletingPathExtension().lastPathComponent,
                                    "--processor-token", processorToken, "--processor", "dwolla"])
            #expect(run.status == 0, "\(place): \(run.standardError)")
        } else {
            let output = "out-\(block.line).jsonl"
            let run = try plaidlua(["batch", file.path, "--input", "tokens.csv", "--output", output])
            #expect(run.status == 0, "\(place): \(run.standardError)")
            let lines = try OutputLine.parse(String(contentsOfFile: path(output), encoding: .utf8))
            #expect(lines.count == 2 && lines.allSatisfy(\.ok), "\(place): \(lines.map(\.error))")
        }
    }
}

/// A document's Lua blocks as one script that checks each `-->`.
struct ExampleScript {
    private(set) var source = ""
    private(set) var checks = 0

    var isEmpty: Bool { source.isEmpty }

    static let prelude = #"""
        -- The examples of one document, as DocumentExamplesTests runs them.
        local plaid = require "plaid"
        client = plaid.client { processor = "dwolla" }
        token = os.getenv("PROCESSOR_TOKEN")
        local example_printed, example_checks, shown = {}, 0, print
        print = function(...)
          local values = table.pack(...)
          for index = 1, values.n do values[index] = tostring(values[index]) end
          example_printed[#example_printed + 1] = table.concat(values, "	", 1, values.n)
          shown(...)
        end
        local function example_mark() example_printed = {} end
        local function example_expect(line, expected)
          local function normal(text) return (text:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")) end
          local pattern = "^" .. normal(expected):gsub("[%^%$%(%)%%%.%[%]%*%+%-%?]", "%%%0"):gsub("…", ".*") .. "$"
          local printed = table.remove(example_printed, 1)
          if printed == nil or not normal(printed):find(pattern) then
            error(("line %d: --> %s, but it printed %s"):format(line, expected, tostring(printed)), 0)
          end
          example_checks = example_checks + 1
        end

        """#

    static let ending = #"shown(("examples ran: %d checks passed"):format(example_checks))"# + "\n"

    /// Adds a block's lines, each `-->` turned into a check of what its line printed.
    mutating func append(_ block: DocumentExamplesTests.Block) {
        let lines = block.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        source += "-- from the document's line \(block.line)\n"
        for (index, line) in lines.enumerated() {
            let number = block.line + index
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("-->") {
                source += expectation(number, trimmed.dropFirst(3)) + "\n"
            } else if let arrow = line.range(of: #"\s-->\s"#, options: .regularExpression) {
                let code = line[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
                let bareCall = !code.hasPrefix("print(") && code.firstMatch(of: /^[A-Za-z_][\w.:]*\(.*\)$/) != nil
                source += "example_mark() " + (bareCall ? "print(\(code))" : code) + " " + expectation(number, line[arrow.upperBound...]) + "\n"
            } else if lines.indices.contains(index + 1), lines[index + 1].trimmingCharacters(in: .whitespaces).hasPrefix("-->") {
                source += "example_mark() " + line + "\n"
            } else {
                source += line + "\n"
            }
        }
    }

    private mutating func expectation(_ line: Int, _ text: Substring) -> String {
        checks += 1
        return "example_expect(\(line), [==[\(text.trimmingCharacters(in: .whitespaces))]==])"
    }
}

/// A document's shell blocks as one bash script.
enum ExampleShell {
    static let prelude = #"""
        set -euo pipefail
        trap 'echo "example failed: $BASH_COMMAND" >&2' ERR
        trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
        PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        LISTEN_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        wait_for_port() {
            for _ in $(seq 300); do (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
            echo "nothing answered on port $1" >&2; return 1
        }
        # A server the reader starts in the foreground: started, asked something, stopped.
        serve_briefly() {
            local log pid url
            log=$(mktemp)
            case " $* " in
                *" --port "*) plaidlua sandbox serve "$@" > "$log" 2>&1 & ;;
                *) plaidlua sandbox serve --port "$PORT" "$@" > "$log" 2>&1 & ;;
            esac
            pid=$!
            for _ in $(seq 300); do grep -q "http://127.0.0.1:" "$log" && break; sleep 0.1; done
            url=$(grep -o "http://127.0.0.1:[0-9]*" "$log" | head -1 || true)
            [ -n "$url" ] || { echo "sandbox serve printed no address: $(cat "$log")" >&2; return 1; }
            [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$url/institutions/get_by_id")" = 400 ]
            kill "$pid"; wait "$pid" || true
        }

        """#

    /// The database the examples' team sandbox stands for: a fresh store on the test run's
    /// PostgreSQL server, its URL and password in the variables ``prepared(_:)`` puts in their place.
    static func database() throws -> String {
        let (url, password) = TestPostgres.split(try TestPostgres.newStoreURL())
        return "TEST_DATABASE_URL='\(url)'\nTEST_DATABASE_PASSWORD='\(password)'\n"
    }

    /// The commands of a block, a command continued with `\` joined into one line.
    static func commands(of block: String) -> [String] {
        block.replacingOccurrences(of: "\\\n", with: " ").split(separator: "\n").map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
    }

    /// A command with what the reader fills in filled in.
    static func prepared(_ command: String) -> String {
        var line = command
            .replacingOccurrences(of: "processor-sandbox-…", with: "$PROCESSOR_TOKEN")
            .replacingOccurrences(of: "public-sandbox-…", with: "$PUBLIC_TOKEN")
            .replacingOccurrences(of: "access-sandbox-…", with: "$ACCESS_TOKEN")
            .replacingOccurrences(of: "8485", with: "$LISTEN_PORT")
            .replacingOccurrences(of: "--input …", with: "--input tokens.csv")
            .replacingOccurrences(of: "/srv/plaidlua", with: "$HOME/.local/share/plaidlua")
            .replacingOccurrences(of: "8484", with: "$PORT")
            .replacingOccurrences(of: "postgres://sandbox@db.internal:5432/plaid_sandbox?sslmode=require", with: "$TEST_DATABASE_URL")
            .replacingOccurrences(of: "PGPASSWORD=…", with: "PGPASSWORD=$TEST_DATABASE_PASSWORD")
        let code = line.components(separatedBy: " #").first ?? line
        if code.contains("plaidlua webhooks listen") {
            // In the background it is waited for; in the foreground it listens for a moment.
            line = code.trimmingCharacters(in: .whitespaces).hasSuffix("&") ? code + "\nwait_for_port \"$LISTEN_PORT\""
                : code + " --timeout 2"
        }
        if code.contains("plaidlua sandbox serve") {
            if code.trimmingCharacters(in: .whitespaces).hasSuffix("&") {
                line = code + "\nwait_for_port \"$PORT\""
            } else {
                line = line.replacingOccurrences(of: "plaidlua sandbox serve", with: "serve_briefly")
            }
        }
        return line
    }
}
