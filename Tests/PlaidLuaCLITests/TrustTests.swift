import FaultyHTTPServer
import Foundation
import PlaidLuaTesting
import Testing

/// The promises of docs/security.md, each tried as the attack that would break it, through the
/// real binary: where credentials may go, what a `--safe` run may read, private files, profiles
/// and retries that outlast a rate limit.
@Suite struct TrustTests {
    private let workspace: BatchWorkspace
    private let secret = "pr0duction-s3cret-9f2c7a"

    init() throws {
        workspace = try BatchWorkspace()
    }

    private func plaidlua(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws -> CommandRun {
        try CommandRun.plaidlua(arguments, environment: workspace.environment.merging(environment) { $1 }, directory: directory ?? workspace.folder)
    }

    private func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int) ?? -1
    }

    // MARK: Where credentials go

    @Test func environmentKeysNeverReachAnotherHost() async throws {
        let listener = try await FaultyHTTPServer.start { _, _ in .answer(status: 200, body: "{}") }
        let keys = ["PLAID_ENV": "sandbox", "PLAID_CLIENT_ID": "prod-client", "PLAID_SECRET": secret]
        for url in [listener.baseURL, "http://localhost:\(listener.port)", "https://evil.example", "http://evil.example"] {
            let run = try plaidlua(["-e", "require('plaid').client{ base_url = '\(url)' }:request('/processor/auth/get', {})"],
                                   environment: keys)
            #expect(run.status == 1)
            #expect(run.standardError.contains("credentials not sent"), "\(run.standardError)")
            #expect(!run.standardError.contains(secret))
        }
        // With PLAID_ENV naming the listener, the same keys are meant for it.
        let meant = try plaidlua(["-e", "print(pcall(function() return require('plaid').client{ retries = 0 }:request('/processor/auth/get', {}) end))"],
                                 environment: keys.merging(["PLAID_ENV": listener.baseURL]) { $1 })
        #expect(meant.status == 0, "\(meant.standardError)")
        #expect(listener.connectionCount == 1)
        await listener.shutdown()
    }

    @Test func keysGivenWithABaseURLGoThereAndAnAllowListOpensOtherHosts() async throws {
        let listener = try await FaultyHTTPServer.start { _, _ in .answer(status: 200, body: "{\"request_id\": \"r1\"}") }
        let run = try plaidlua(["-e", """
            local c = require('plaid').client{ base_url = '\(listener.baseURL)', client_id = 'id', secret = 'given-in-code' }
            print(c:request('/processor/auth/get', {}).request_id)
            local ok, e = pcall(require('plaid').client, { base_url = 'https://api.partner.example', client_id = 'i', secret = 's' })
            print(ok, e.reason, e.retryable)
            print(require('plaid').client{ base_url = 'https://api.partner.example', client_id = 'i', secret = 's',
                                           allowed_hosts = { '*.partner.example' } }.base_url)
            """])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == "r1\nfalse\tdestinationRefused\tfalse\nhttps://api.partner.example\n")
        #expect(listener.arrivals.count == 1)
        let fromEnvironment = try plaidlua(["-e", "print(require('plaid').client{ base_url = 'https://api.partner.example', client_id = 'i', secret = 's' }.base_url)"],
                                           environment: ["PLAIDLUA_ALLOWED_HOSTS": "api.partner.example"])
        #expect(fromEnvironment.standardOutput == "https://api.partner.example\n", "\(fromEnvironment.standardError)")
        await listener.shutdown()
    }

    // MARK: --safe

    @Test func aSafeScriptRequiresOnlyFromItsOwnFolderAndPlaidLuas() throws {
        let scripts = workspace.folder.appendingPathComponent("scripts")
        try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
        try "return { name = 'helper' }".write(to: scripts.appendingPathComponent("helper.lua"), atomically: true, encoding: .utf8)
        // What the current directory holds (a .env that parses as Lua) is out of reach.
        try "SECRET = 'from-dotenv'\nreturn SECRET".write(to: workspace.folder.appendingPathComponent("dotenv.lua"), atomically: true, encoding: .utf8)
        try """
            local function first_line(ok, e) print(ok, (tostring(e):match('[^\\n]*'))) end
            print(require('helper').name)
            first_line(pcall(require, 'dotenv'))
            print(pcall(function() package.path = '/etc/?' end))
            rawset(package, 'path', './?.lua')
            first_line(pcall(require, 'dotenv'))
            print(pcall(function() package.searchers[1] = print end))
            print(getmetatable(package), package.cpath, os.getenv('PLAID_SECRET'), os.getenv('MY_TOKEN'), os.getenv('SHELL_NAME'))
            """.write(to: scripts.appendingPathComponent("main.lua"), atomically: true, encoding: .utf8)
        let environment = ["PLAID_SECRET": secret, "MY_TOKEN": "t0ken", "SHELL_NAME": "plain", "LUA_PATH": "./?.lua;;"]
        let run = try plaidlua(["--safe", scripts.appendingPathComponent("main.lua").path], environment: environment)
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 6, "\(run.standardOutput)")
        guard lines.count == 6 else { return }
        #expect(lines[0] == "helper")
        #expect(lines[1].hasPrefix("false\tmodule 'dotenv' not found"))
        #expect(lines[2].contains("package.path cannot be changed under --safe"))
        #expect(lines[3].hasPrefix("false\tmodule 'dotenv' not found"))
        #expect(lines[4].contains("package.searchers cannot be changed under --safe"))
        #expect(lines[5] == "false\t\tnil\tnil\tplain")
        // Without --safe the same script reads the current directory's file, as lua does.
        let open = try plaidlua(["-e", "local ok, value = pcall(require, 'dotenv') print(ok, value)"], environment: environment)
        #expect(open.standardOutput.contains("true\tfrom-dotenv\n"), "\(open.standardOutput)\(open.standardError)")
    }

    @Test func aSafeBatchHandlerIsRestrictedBeforeOrAfterTheSubcommand() throws {
        try workspace.write("records.jsonl", "{\"n\": 1}\n")
        try workspace.write("handler.lua", """
            local helper = require 'shared_helper'
            return function(record, ctx)
              local ok, e = pcall(function() return io.open('/etc/hostname') end)
              local client_ok = pcall(require('plaid').client, { base_url = 'http://127.0.0.1:9', client_id = 'i', secret = 's' })
              return { helper = helper, io = ok, client = client_ok, getenv = os.getenv('PLAID_SECRET') or 'hidden' }
            end
            """)
        try workspace.write("shared_helper.lua", "return 'found beside the handler'")
        for arguments in [["--safe", "batch"], ["batch", "--safe"]] {
            let output = "out-\(arguments[0]).jsonl"
            let run = try CommandRun.plaidlua(arguments + ["handler.lua", "--input", "records.jsonl", "--output", output],
                                              environment: workspace.environment.merging(["PLAID_SECRET": secret]) { $1 },
                                              directory: workspace.folder)
            #expect(run.status == 0, "\(run.standardError)")
            let line = try #require(try OutputLine.parse(try workspace.read(output)).first)
            let result = try #require(line.result as? [String: Any])
            #expect(result["helper"] as? String == "found beside the handler")
            #expect(result["io"] as? Bool == false)
            #expect(result["client"] as? Bool == false)
            #expect(result["getenv"] as? String == "hidden")
            #expect(mode(workspace.path(output)) == 0o600)
        }
        let usage = try plaidlua(["--safe", "sandbox", "serve"])
        #expect(usage.status == 2)
        #expect(usage.standardError.contains("--safe, --profile and the limits apply to scripts"))
    }

    // MARK: Files

    @Test func theDataDirectoryAndTheSandboxDatabaseArePrivate() throws {
        let home = workspace.environment["PLAIDLUA_HOME"]!
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        chmod(home, 0o755)
        let run = try plaidlua(["-e", "print(require('plaid').client():institutions_get_by_id{ institution_id = 'ins_109508', country_codes = { 'US' } }.institution.name)"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.contains("was mode 755"))
        #expect(mode(home) == 0o700)
        for file in ["sandbox.sqlite", "sandbox.sqlite-wal", "sandbox.sqlite-shm"] where FileManager.default.fileExists(atPath: home + "/" + file) {
            #expect(mode(home + "/" + file) == 0o600, "\(file)")
        }
        #expect(mode(home + "/sandbox.sqlite") == 0o600)
    }

    // MARK: Profiles

    @Test func aProfileWrittenForARunningSandboxIsOneFlagAway() throws {
        let data = workspace.path("served")
        let config = workspace.path("config/config.toml")
        let environment = ["PLAIDLUA_CONFIG": config]
        let serve = try RunningCommand(["sandbox", "serve", "--port", "0", "--data", data],
                                       environment: workspace.environment.merging(environment) { $1 }, directory: workspace.folder)
        defer { serve.signal(SIGTERM); _ = serve.finish() }
        #expect(serve.waitUntil { serve.standardOutputSoFar.contains("listening on") })
        let written = try plaidlua(["sandbox", "credentials", "--data", data, "--write-profile", "team"], environment: environment)
        #expect(written.status == 0, "\(written.standardError)")
        #expect(try String(contentsOfFile: config, encoding: .utf8).contains("[profiles.team.processors.dwolla]"))
        let again = try plaidlua(["sandbox", "credentials", "--data", data, "--write-profile", "team"], environment: environment)
        #expect(again.status == 1 && again.standardError.contains("--force"))

        let flow = """
            local plaid = require 'plaid'
            local client = plaid.client()
            local public = client:sandbox_public_token_create { institution_id = 'ins_109508', initial_products = { 'auth' } }
            local item = client:item_public_token_exchange { public_token = public.public_token }
            local accounts = client:accounts_get { access_token = item.access_token }
            local partner = plaid.client { processor = 'dwolla' }
            print(client.env == partner.env, #accounts.accounts > 0)
            """
        for arguments in [["--profile", "team", "-e", flow], ["-e", flow]] {
            let run = try plaidlua(arguments, environment: arguments.count == 2 ? environment.merging(["PLAIDLUA_PROFILE": "team"]) { $1 } : environment)
            #expect(run.status == 0, "\(run.standardError)")
            #expect(run.standardOutput == "true\ttrue\n")
        }
        let chosenInCode = try plaidlua(["-e", """
            local plaid = require 'plaid'
            local partner = plaid.client { profile = 'team', processor = 'dwolla' }
            print(partner.env:match('^http://127%.0%.0%.1:%d+$') ~= nil, plaid.env().profile)
            local ok, e = pcall(plaid.client, { profile = 'missing' })
            print(ok, e.kind, e.field, e.retryable)
            """], environment: environment)
        #expect(chosenInCode.standardOutput == "true\tnil\nfalse\tvalidation\tprofile\tfalse\n", "\(chosenInCode.standardError)")
        let named = try plaidlua(["--profile", "team", "-e", "print(require('plaid').env().profile)"], environment: environment)
        #expect(named.standardOutput == "team\n")
        let listing = try plaidlua(["profiles", "list"], environment: environment)
        let shown = try plaidlua(["profiles", "show", "team"], environment: environment)
        #expect(listing.standardOutput.contains("team"))
        #expect(shown.standardOutput.contains("(readable)"))
        let credentials = try plaidlua(["sandbox", "credentials", "--data", data, "--json"])
        for secretLine in credentials.standardOutput.split(separator: "\n") where secretLine.contains("\"secret\"") {
            let value = secretLine.split(separator: "\"").dropLast().last.map(String.init) ?? ""
            #expect(!value.isEmpty && !listing.standardOutput.contains(value) && !shown.standardOutput.contains(value))
        }
        let unknown = try plaidlua(["--profile", "nope", "-e", "print(1)"], environment: environment)
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("no profile 'nope'") && unknown.standardError.contains("profiles: team"))
    }

    @Test func aSecretFileOthersCanReadIsRefused() throws {
        let secretFile = workspace.path("open.secret")
        try "\(secret)\n".write(toFile: secretFile, atomically: true, encoding: .utf8)
        chmod(secretFile, 0o644)
        try workspace.write("config.toml", "[profiles.prod]\nenv = \"production\"\nclient_id = \"id\"\nsecret_file = \"\(secretFile)\"\n")
        let run = try plaidlua(["--profile", "prod", "-e", "require('plaid').client()"], environment: ["PLAIDLUA_CONFIG": workspace.path("config.toml")])
        #expect(run.status == 1)
        #expect(run.standardError.contains("chmod 600 \(secretFile)"), "\(run.standardError)")
        #expect(!run.standardError.contains(secret))
        try workspace.write("config.toml", "[profiles.prod]\nsecret = \"\(secret)\"\n")
        let inline = try plaidlua(["--profile", "prod", "-e", "print(1)"], environment: ["PLAIDLUA_CONFIG": workspace.path("config.toml")])
        #expect(inline.status == 2)
        #expect(inline.standardError.contains("secret_file"))
        #expect(!inline.standardError.contains(secret))
    }

    @Test func aSecretCommandRunsOnceARunHoweverManyClientsUseIt() throws {
        let counter = workspace.path("secret-reads")
        try workspace.write("config.toml", """
            [profiles.vault]
            env = "http://127.0.0.1:9"
            client_id = "id"
            secret_command = "echo read >> \(counter); echo from-vault-4242"
            """)
        let run = try plaidlua(["--profile", "vault", "-e", "for _ = 1, 3 do require('plaid').client() end print('made')"],
                               environment: ["PLAIDLUA_CONFIG": workspace.path("config.toml")])
        #expect(run.standardOutput == "made\n", "\(run.standardError)")
        #expect(try workspace.read("secret-reads") == "read\n")
    }

    // MARK: Rate limits

    @Test func aPlainBatchOutlastsTheSandboxsRateLimit() throws {
        let tokens = try workspace.processorTokens(4)
        try workspace.write("records.jsonl", (0..<60).map { "{\"processor_token\": \"\(tokens[$0 % tokens.count])\"}\n" }.joined())
        try workspace.write("handler.lua", """
            local partner = require('plaid').client { processor = 'dwolla' }
            return function(record)
              return partner:processor_auth_get { processor_token = record.processor_token }.account.account_id
            end
            """)
        var environment = workspace.environment
        environment["PLAIDLUA_SANDBOX_RATE_LIMITS"] = "processor_auth_get=5/s"
        let run = try CommandRun.plaidlua(["batch", "handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--concurrency", "16"],
                                          environment: environment, directory: workspace.folder)
        #expect(run.status == 0, "\(run.standardError)")
        let lines = try OutputLine.parse(try workspace.read("out.jsonl"))
        #expect(lines.count == 60)
        #expect(lines.filter { !$0.ok }.isEmpty, "\(lines.first { !$0.ok }?.error ?? [:])")
    }
}
