import Foundation
import PlaidLuaTesting
import Testing

/// The commands a user types every day: the version, help with an example for every command,
/// the shipped scripts by name, and completion scripts that the shells accept.
@Suite struct EverydayCommandsTests {
    @Test func versionAnswersAsDashV() throws {
        let long = try CommandRun.plaidlua(["--version"])
        let short = try CommandRun.plaidlua(["-v"])
        #expect(long.status == 0)
        #expect(long.standardOutput.hasPrefix("PlaidLua "))
        #expect(long.standardOutput == short.standardOutput)
    }

    /// The options for running Lua are refused, not silently dropped, by the commands that run none.
    @Test(arguments: ["scripts", "sandbox", "profiles", "log", "completion", "types", "help"])
    func commandsThatRunNoLuaRefuseTheOptionsForLua(command: String) throws {
        for option in [["--safe"], ["--profile", "team"], ["--timeout", "5"]] {
            let run = try CommandRun.plaidlua(option + [command])
            #expect(run.status == 2, "\(option) \(command): \(run.standardOutput)")
            #expect(run.standardError.contains("apply to scripts, the REPL and batch, not to '\(command)'"), "\(run.standardError)")
        }
    }

    @Test func helpAloneIsTheUsageAndAnUnknownTopicIsNamed() throws {
        let usage = try CommandRun.plaidlua(["help"])
        #expect(usage.status == 0)
        #expect(usage.standardOutput.hasPrefix("usage: plaidlua [options] [script [args]]"))
        let unknown = try CommandRun.plaidlua(["help", "frobnicate"])
        #expect(unknown.status == 2)
        #expect(unknown.standardError.hasPrefix("plaidlua help: no command 'frobnicate'"))
    }

    @Test func scriptsListsTheShippedOnesWithWhatTheyDo() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-scripts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        try "-- Says hello to the team.\nprint('hello')\n".write(to: home.appendingPathComponent("scripts/hello.lua"), atomically: true, encoding: .utf8)
        let run = try CommandRun.plaidlua(["scripts"], environment: ["PLAIDLUA_HOME": home.path])
        #expect(run.status == 0)
        #expect(run.standardOutput.range(of: #"\nfetch_balance +Fetch Balance data with a processor token\.\n"#, options: .regularExpression) != nil,
                "\(run.standardOutput)")
        #expect(run.standardOutput.range(of: #"\nhello +Says hello to the team\.\n"#, options: .regularExpression) != nil)
        let names = try CommandRun.plaidlua(["scripts", "--names"], environment: ["PLAIDLUA_HOME": home.path])
        #expect(names.standardOutput.split(separator: "\n").contains("quickstart"))
        #expect(names.standardOutput.split(separator: "\n").contains("hello"))
    }

    /// By name, from a directory that is not the source tree, with the options before `run` kept.
    @Test func runFindsAScriptByNameFromAnywhere() throws {
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-elsewhere-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let home = elsewhere.appendingPathComponent("home").path
        let help = try CommandRun.plaidlua(["run", "fetch_balance", "--help"], environment: ["PLAIDLUA_HOME": home], directory: elsewhere)
        #expect(help.status == 0, "\(help.standardError)")
        #expect(help.standardOutput.contains("--processor-token"))
        let about = try CommandRun.plaidlua(["--timeout", "60", "run", "about"], environment: ["PLAIDLUA_HOME": home], directory: elsewhere)
        #expect(about.status == 0, "\(about.standardError)")
        #expect(about.standardOutput.contains("Lua 5.4"))
        let missing = try CommandRun.plaidlua(["run", "no_such_script"], environment: ["PLAIDLUA_HOME": home], directory: elsewhere)
        #expect(missing.status == 2)
        #expect(missing.standardError.hasPrefix("plaidlua: no script named 'no_such_script' in "))
        let bare = try CommandRun.plaidlua(["run"])
        #expect(bare.status == 2)
        #expect(bare.standardError == "plaidlua: 'run' needs a script's name (see 'plaidlua scripts')\n")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsPassTheirShellsCheck(shell: String) throws {
        let script = try CommandRun.plaidlua(["completion", shell])
        #expect(script.status == 0)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-completion-\(UUID().uuidString).\(shell)")
        try script.standardOutput.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let check = try CommandRun.program(at: URL(fileURLWithPath: "/usr/bin/\(shell)"), ["-n", file.path])
        #expect(check.status == 0, "\(shell) -n: \(check.standardError)")
        for word in ["run", "batch", "--concurrency", "--since", "--write-profile", "--safe"] {
            // fish spells an option `-l concurrency`.
            let spelled = shell == "fish" && word.hasPrefix("--") ? "-l " + word.dropFirst(2) : word
            #expect(script.standardOutput.contains(spelled), "\(shell) completion lacks \(spelled)")
        }
    }

    /// The bash function itself: subcommands, a batch option, script names after `run` and
    /// profile names after `--profile`, from plaidlua on PATH.
    @Test func bashCompletesSubcommandsScriptsAndProfiles() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-complete-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try "[profiles.nightly]\nenv = \"sandbox\"\nclient_id = \"abc\"\nsecret_env = \"NIGHTLY_SECRET\"\n"
            .write(to: home.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let binFolder = CommandRun.executable.deletingLastPathComponent().path
        let probe = """
            eval "$(plaidlua completion bash)"
            complete_line() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=(); _plaidlua; echo "${COMPREPLY[*]}"; }
            complete_line plaidlua ba
            complete_line plaidlua batch --conc
            complete_line plaidlua run fetch_b
            complete_line plaidlua --profile nig
            """
        let run = try CommandRun.program(at: URL(fileURLWithPath: "/usr/bin/bash"), ["-c", probe],
                                         environment: ["PATH": binFolder + ":/usr/bin:/bin", "PLAIDLUA_HOME": home.path,
                                                       "PLAIDLUA_CONFIG": home.appendingPathComponent("config.toml").path])
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count >= 4, "\(run.standardOutput)")
        guard lines.count >= 4 else { return }
        #expect(lines[0].split(separator: " ").contains("batch"))
        #expect(lines[1] == "--concurrency")
        #expect(lines[2] == "fetch_balance")
        #expect(lines[3] == "nightly")
    }

    /// A processor token read with the developer's client, or an access token with a partner's,
    /// says which client to use; the error stays Plaid's.
    @Test func theWrongClientOfTheSandboxSaysWhichToUse() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-hint-\(UUID().uuidString)").path
        let run = try CommandRun.plaidlua(["-e", """
            local plaid = require "plaid"
            local developer, partner = plaid.client(), plaid.client { processor = "dwolla" }
            local public = developer:sandbox_public_token_create { institution_id = "ins_109508", initial_products = { "auth" } }
            local item = developer:item_public_token_exchange { public_token = public.public_token }
            local account = developer:accounts_get { access_token = item.access_token }.accounts[1]
            local token = developer:processor_token_create { access_token = item.access_token, account_id = account.account_id,
              processor = "dwolla" }.processor_token
            local _, wrong = pcall(developer.processor_auth_get, developer, { processor_token = token })
            print(wrong.error_code, plaid.is_error(wrong), wrong.hint)
            local _, reverse = pcall(partner.accounts_get, partner, { access_token = item.access_token })
            print(reverse.error_code, reverse.hint)
            print(tostring(wrong):find('plaid.client { processor = "dwolla" }', 1, true) ~= nil)
            print(partner:processor_auth_get { processor_token = token }.numbers ~= nil)
            """], environment: ["PLAIDLUA_HOME": home])
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(run.standardOutput)")
        guard lines.count == 4 else { return }
        #expect(lines[0] == "INVALID_PROCESSOR_TOKEN\ttrue\tprocessor_auth_get is a partner's call: read a processor token with its "
            + "partner's client, such as plaid.client { processor = \"dwolla\" }")
        #expect(lines[1] == "INVALID_ACCESS_TOKEN\taccounts_get is the developer's call: this client acts as the partner 'dwolla'; "
            + "use plaid.client() for access tokens")
        #expect(lines[2] == "true")
        #expect(lines[3] == "true")
    }
}
