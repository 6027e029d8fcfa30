import Foundation
import PlaidLuaTesting
import Testing

/// Error values of any shape (tables, nested tables, userdata, objects with `__tostring`) read
/// as text and are masked wherever PlaidLua shows or writes them: a script's stderr and
/// `plaid.log`, the REPL's screen and history, and the batch runner's output lines. The hidden
/// part of a token (its UUID) is masked when it appears alone, and so are the run's secrets.
@Suite(.serialized) struct RedactionEverywhereTests {
    private static let appSecret = "app-secret-5f1e0c2b9a8d7"

    /// A processor token and the public token's UUID, made by a run of their own (a product).
    private static func tokens(_ scan: LeakScan) throws -> (processor: String, publicUUID: String) {
        let made = try scan.run("setup", ["-e", """
            local plaid = require "plaid"
            local client = plaid.client { processor = "dwolla" }
            print(client:sandbox_processor_token_create { institution_id = "ins_109508" }.processor_token)
            print(plaid.client():sandbox_public_token_create { institution_id = "ins_109508", initial_products = { "auth" } }.public_token)
            """], productOutput: true)
        #expect(made.status == 0, "\(made.standardError)")
        let lines = made.standardOutput.split(separator: "\n").map(String.init)
        try #require(lines.count == 2)
        return (lines[0], String(lines[1].dropFirst("public-sandbox-".count)))
    }

    /// Makes an Item and raises `error(...)` of `raised`, a Lua expression over `access`,
    /// `client` and `secret`, after logging one line with a table and a token's UUID.
    private static func raising(_ raised: String) -> String {
        """
        local plaid = require "plaid"
        local client = plaid.client()
        local public = client:sandbox_public_token_create { institution_id = "ins_109508", initial_products = { "auth" } }
        local access = client:item_public_token_exchange { public_token = public.public_token }.access_token
        local secret = os.getenv("APP_SECRET")
        plaid.log.warn("uuid", access:sub(16), { t = access, s = secret })
        error(\(raised))
        """
    }

    @Test func aScriptsRaisedValuesReadAsTextWithTokensUUIDsAndSecretsMasked() throws {
        let scan = try LeakScan("raised")
        scan.environment["APP_SECRET"] = Self.appSecret
        /// An object with `__tostring` prints only its text, as under lua; the others a traceback too.
        func failing(_ label: String, _ raised: String, traceback: Bool = true) throws -> String {
            try scan.write("\(label).lua", Self.raising(raised))
            let run = try scan.run(label, ["\(label).lua"])
            #expect(run.status == 1, "\(label): \(run.standardError)")
            #expect(!run.standardError.contains("table: 0x") && !run.standardError.contains("userdata: 0x"), "\(run.standardError)")
            #expect(run.standardError.contains("stack traceback:") == traceback, "\(run.standardError)")
            return run.standardError
        }

        let nested = try failing("nested", "{ code = 'X', nested = { t = access, part = access:sub(16), s = secret } }")
        #expect(nested.range(of: #"\{code = "X", nested = \{part = "…[0-9a-f]{4}", s = "<redacted>", t = "access-sandbox-…[0-9a-f]{4}"\}\}"#,
                             options: .regularExpression) != nil, "\(nested)")
        // The log line: a table reads as a constructor; the UUID alone and the secret are masked.
        #expect(nested.range(of: #"WARN uuid …[0-9a-f]{4} \{s = "<redacted>", t = "access-sandbox-…[0-9a-f]{4}"\}"#,
                             options: .regularExpression) != nil, "\(nested)")

        let object = try failing("object", "setmetatable({}, { __tostring = function() return 'cannot use ' .. access:sub(16) end })",
                                traceback: false)
        #expect(object.range(of: #"cannot use …[0-9a-f]{4}\n"#, options: .regularExpression) != nil, "\(object)")

        let userdata = try failing("userdata", "{ client = client, call = print, [access] = true }")
        #expect(userdata.range(of: #"\{\["access-sandbox-…[0-9a-f]{4}"\] = true, call = <function>, client = plaid.client\(env: embedded, [^)]*\)\}"#,
                               options: .regularExpression) != nil, "\(userdata)")

        let alone = try failing("alone", "client", traceback: false)
        #expect(alone.contains("plaid.client(env: embedded"), "\(alone)")

        scan.expectNoLeaksWithoutProducts(secrets: [Self.appSecret], tokens: scan.issuedTokens())
    }

    @Test func theREPLMasksRaisedTablesAndTokenUUIDsOnScreen() throws {
        let scan = try LeakScan("repl-raised")
        scan.environment["APP_SECRET"] = Self.appSecret
        let session = [
            "pub = client:sandbox_public_token_create{institution_id = 'ins_109508', initial_products = {'auth'}}.public_token",
            "pub:sub(16)",
            "error({ nested = { t = pub, part = pub:sub(16), s = os.getenv('APP_SECRET') } })",
            "error(setmetatable({}, { __tostring = function() return 'object ' .. pub:sub(16) end }))",
            "error(client)",
        ]
        let run = try scan.run("plaidlua -i", ["-i"], input: session.joined(separator: "\n") + "\n")
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.range(of: #"\n…[0-9a-f]{4}\n"#, options: .regularExpression) != nil, "\(run.standardOutput)")
        #expect(run.standardError.range(of: #"\{nested = \{part = "…[0-9a-f]{4}", s = "<redacted>", t = "public-sandbox-…[0-9a-f]{4}"\}\}"#,
                                        options: .regularExpression) != nil, "\(run.standardError)")
        #expect(run.standardError.range(of: #"object …[0-9a-f]{4}"#, options: .regularExpression) != nil, "\(run.standardError)")
        #expect(run.standardError.contains("plaid.client(env: embedded"), "\(run.standardError)")
        #expect(!run.standardError.contains("table: 0x"), "\(run.standardError)")
        scan.expectNoLeaksWithoutProducts(secrets: [Self.appSecret], tokens: scan.issuedTokens())
    }

    @Test func aREPLLineHoldingOnlyATokensUUIDIsNotKeptInHistory() throws {
        let scan = try LeakScan("repl-history")
        let (processor, publicUUID) = try Self.tokens(scan)
        let uuid = String(processor.dropFirst("processor-sandbox-".count))
        let session = try TerminalSession([], environment: scan.environment)
        #expect(try session.waitFor("Ctrl-D exits.\n>").contains("Ctrl-D exits."))
        // The first line is kept; a UUID alone, bare or quoted, is not, seen by this process or not.
        for (step, line) in ["kept = 1", uuid, "'\(publicUUID)'", "x = '\(uuid)'"].enumerated() {
            try session.type(line)
            try session.type("'step \(step) done'")
            #expect(try session.waitFor("\"step \(step) done\"", seconds: 30).contains("\"step \(step) done\""))
        }
        try session.press("C-d")
        #expect(try session.waitFor("[exited 0]").contains("[exited 0]"))
        let history = try String(contentsOfFile: scan.home + "/history", encoding: .utf8)
        #expect(history.contains("kept = 1"), "\(history)")
        #expect(!history.contains(uuid) && !history.contains(publicUUID), "\(history)")
        scan.observeFile("history", at: scan.home + "/history")
        scan.expectNoLeaks(secrets: try scan.sandboxSecrets(), tokens: scan.issuedTokens())
    }

    /// Each record's `case` raises a different shape; the token comes from the input, so the
    /// run has seen it only there.
    private static let raisingHandler = """
        return function(record, ctx)
          local token = record.processor_token
          local uuid = token:sub(19)
          ctx.log.warn("record for", uuid, { t = token })
          if record.case == "table" then error({ code = "X", nested = { t = token, part = uuid } }) end
          if record.case == "cycle" then local t = { t = token }; t.self = t; error(t) end
          if record.case == "userdata" then error(ctx.partner("dwolla")) end
          if record.case == "object" then error(setmetatable({}, { __tostring = function() return "object " .. uuid end })) end
          if record.case == "uuid" then error("cannot use " .. uuid) end
          return { ok = true }
        end
        """

    @Test func aBatchWritesRaisedValuesReadableAndMaskedAndKeepsFailedRecordsAsRead() throws {
        let scan = try LeakScan("batch-raised")
        let (processor, _) = try Self.tokens(scan)
        let cases = ["table", "cycle", "userdata", "object", "uuid", "fine"]
        let records = cases.map { #"{"case": "\#($0)", "processor_token": "\#(processor)"}"# }
        try scan.write("handler.lua", Self.raisingHandler)
        try scan.write("records.jsonl", records.map { $0 + "\n" }.joined())
        // A summary file that exists already, readable by all, is narrowed too.
        try scan.write("summary.json", "")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: scan.path("summary.json"))

        let run = try scan.run("batch", ["batch", "handler.lua", "--input", "records.jsonl", "--output", "out.jsonl",
                                         "--errors", "failed.jsonl", "--summary", "summary.json", "--ordered"])
        #expect(run.status == 3, "\(run.standardError)")
        let lines = try OutputLine.parse(try String(contentsOfFile: scan.path("out.jsonl"), encoding: .utf8))
        let messages = lines.map { $0.error?["message"] as? String ?? "" }
        try #require(messages.count == cases.count)
        func expectMessage(_ index: Int, _ pattern: String) {
            #expect(messages[index].range(of: "^" + pattern + "$", options: .regularExpression) != nil, "\(cases[index]): \(messages[index])")
        }
        let masked = #""processor-sandbox-…[0-9a-f]{4}""#
        expectMessage(0, #"\{code = "X", nested = \{part = "…[0-9a-f]{4}", t = "# + masked + #"\}\}"#)
        expectMessage(1, #"\{self = <cycle>, t = "# + masked + #"\}"#)
        expectMessage(2, #"plaid\.client\(env: embedded, .*processor: dwolla.*\)"#)
        expectMessage(3, #"object …[0-9a-f]{4}"#)
        expectMessage(4, #"handler\.lua:9: cannot use …[0-9a-f]{4}"#)
        #expect(lines[5].ok)
        // The raised table's fields are kept, as masked as its message.
        let nested = lines[0].error?["nested"] as? [String: Any]
        #expect((nested?["part"] as? String)?.hasPrefix("…") == true && (nested?["t"] as? String)?.hasPrefix("processor-sandbox-…") == true,
                "\(lines[0].error ?? [:])")
        #expect(lines[1].error?["self"] as? String == "<cycle>", "\(lines[1].error ?? [:])")
        #expect(run.standardError.range(of: #"line 1: record for …[0-9a-f]{4} \{t = "# + masked + #"\}"#, options: .regularExpression) != nil,
                "\(run.standardError)")

        // The errors file is the next run's input: the failed records exactly as read, tokens included.
        let failed = try String(contentsOfFile: scan.path("failed.jsonl"), encoding: .utf8)
        #expect(failed.split(separator: "\n").map(String.init).sorted() == records.prefix(5).sorted(), "\(failed)")
        scan.keepProduct("the errors file", failed)
        for name in ["out.jsonl", "failed.jsonl", "summary.json"] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: scan.path(name))[.posixPermissions] as? Int)
            #expect(mode == 0o600, "\(name) is \(String(mode, radix: 8))")
        }
        for name in ["out.jsonl", "summary.json"] { scan.observeFile(name, at: scan.path(name)) }
        scan.expectNoLeaks(secrets: try scan.sandboxSecrets(), tokens: scan.issuedTokens())
    }

    @Test func anUnreadableRecordsMessageQuotesItsCellWithTheTokenMasked() throws {
        let scan = try LeakScan("batch-input")
        let (processor, _) = try Self.tokens(scan)
        let records = "processor_token,amount\n\(processor),\(processor)\n"
        try scan.write("handler.lua", "return function(record) return record end")
        try scan.write("records.csv", records)
        let run = try scan.run("batch", ["batch", "handler.lua", "--input", "records.csv", "--output", "out.jsonl", "--errors", "failed.csv",
                                         "--types", "amount=number"])
        #expect(run.status == 3, "\(run.standardError)")
        let line = try #require(try OutputLine.parse(try String(contentsOfFile: scan.path("out.jsonl"), encoding: .utf8)).first)
        #expect(line.error?["kind"] as? String == "input")
        let message = line.error?["message"] as? String ?? ""
        #expect(message.range(of: #"^field 'amount' is 'processor-sandbox-…[0-9a-f]{4}', which is not a number$"#, options: .regularExpression) != nil,
                "\(message)")
        let failed = try String(contentsOfFile: scan.path("failed.csv"), encoding: .utf8)
        #expect(failed == records)
        scan.keepProduct("the errors file", failed)
        scan.observeFile("out.jsonl", at: scan.path("out.jsonl"))
        scan.expectNoLeaks(secrets: try scan.sandboxSecrets(), tokens: scan.issuedTokens())
    }
}
