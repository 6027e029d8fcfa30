import Foundation
import PlaidClient
import PlaidLuaTesting
import PlaidModels
import PlaidSandbox
import Testing

/// `plaidlua sandbox serve|credentials|reset`, run as the built binary.
@Suite(.serialized) struct CommandLineTests {
    @Test func credentialsJSONListsTheDeveloperAndEveryProcessor() async throws {
        let directory = TestSandbox.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = try CommandRun.plaidlua(["sandbox", "credentials", "--data", directory, "--json"])
        #expect(run.status == 0)
        let json = try JSONValue(data: Data(run.standardOutput.utf8))
        let stored = try await SandboxMaintenance.credentials(dataDirectory: directory)
        #expect(json["developer"]?["client_id"] == .string(stored.developer.clientID))
        #expect(json["developer"]?["secret"] == .string(stored.developer.secret))
        #expect(json["processors"]?["dwolla"]?["client_id"] == .string(stored.processors["dwolla"]!.clientID))
        guard case .object(let processors)? = json["processors"] else {
            Issue.record("processors is not an object")
            return
        }
        #expect(Set(processors.keys) == Set(Processor.knownRawValues))
    }

    @Test func dataDirectoryDefaultsToPlaidLuaHome() throws {
        let home = TestSandbox.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let run = try CommandRun.plaidlua(["sandbox", "credentials", "--json"], environment: ["PLAIDLUA_HOME": home])
        #expect(run.status == 0)
        #expect(FileManager.default.fileExists(atPath: home + "/sandbox.sqlite"))
    }

    @Test func resetRefusesWithoutATerminalOrYes() throws {
        let directory = TestSandbox.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = try CommandRun.plaidlua(["sandbox", "reset", "--data", directory])
        #expect(run.status == 2)
        #expect(run.standardError.contains("--yes"))
    }

    @Test func resetWithYesForgetsItemsButKeepsKeys() async throws {
        let directory = TestSandbox.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let accessToken = try await TestSandbox.with(dataDirectory: directory) { try await $0.linkItem() }
        let keysBefore = try await SandboxMaintenance.credentials(dataDirectory: directory)
        let run = try CommandRun.plaidlua(["sandbox", "reset", "--data", directory, "--yes"])
        #expect(run.status == 0)
        #expect(try await SandboxMaintenance.credentials(dataDirectory: directory) == keysBefore)
        try await TestSandbox.with(dataDirectory: directory) { sandbox in
            let error = await plaidError { try await sandbox.developer.send(AccountsGetRequest(accessToken: accessToken)) }
            #expect(error?.errorCode == "INVALID_ACCESS_TOKEN")
        }
    }

    @Test func usageErrorsExitTwoWithOneLine() throws {
        for arguments in [["sandbox", "serve", "--rate-limit", "processor_auth_get"],
                          ["sandbox", "serve", "--rate-limit", "no_such_endpoint=1/s"],
                          ["sandbox", "serve", "--port", "70000"],
                          ["sandbox", "launch"]] {
            let run = try CommandRun.plaidlua(arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.standardError.hasPrefix("plaidlua sandbox: "), "\(arguments)")
            #expect(run.standardError.split(separator: "\n").count == 1, "\(arguments)")
        }
    }

    @Test func serveLogsOneLinePerRequestWithoutSecrets() async throws {
        let directory = TestSandbox.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let credentials = try await SandboxMaintenance.credentials(dataDirectory: directory)
        let serve = try ServeProcess(dataDirectory: directory)
        let developer = TestSandbox.client(serve.baseURL, credentials.developer)
        let created = try await developer.send(SandboxPublicTokenCreateRequest(institutionID: "ins_109508", initialProducts: [.auth]))
        let exchanged = try await developer.send(ItemPublicTokenExchangeRequest(publicToken: created.publicToken))
        try await developer.shutdown()
        #expect(serve.stop(with: SIGTERM) == 0)
        let log = serve.standardError
        let requestLines = log.split(separator: "\n").filter { $0.contains("request_id=") }
        #expect(requestLines.count == 2)
        #expect(requestLines.contains { $0.contains(created.requestID) && $0.contains("/sandbox/public_token/create") })
        #expect(requestLines.contains { $0.contains(exchanged.requestID) && $0.contains("/item/public_token/exchange") })
        for secret in [credentials.developer.secret, created.publicToken.rawValue, exchanged.accessToken.rawValue] {
            #expect(!log.contains(secret))
        }
    }

    /// A sandbox on PostgreSQL: the database password stays off the command line (every user of
    /// the machine can read it with ps) and out of every message and log.
    @Test func aDatabasePasswordNeverShowsOnTheCommandLineOrInOutput() async throws {
        let (url, password) = TestPostgres.split(try TestPostgres.newStoreURL())
        var withPassword = URLComponents(string: url)!
        withPassword.password = password
        let refused = try CommandRun.plaidlua(["sandbox", "credentials", "--database", withPassword.string!])
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("--database must not hold the password"), "\(refused.standardError)")
        #expect(!refused.standardError.contains(password))

        let guess = "not-the-password"
        let wrong = try CommandRun.plaidlua(["sandbox", "credentials", "--database", url], environment: ["PGPASSWORD": guess])
        #expect(wrong.status == 1)
        #expect(wrong.standardError.contains("password authentication failed"), "\(wrong.standardError)")
        #expect(wrong.standardError.split(separator: "\n").count == 1)
        #expect(!wrong.standardError.contains(guess) && !wrong.standardError.contains(password))

        let directory = TestSandbox.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let serve = try ServeProcess(dataDirectory: directory, extraArguments: ["--database", url], environment: ["PGPASSWORD": password])
        let keys = try CommandRun.plaidlua(["sandbox", "credentials", "--json", "--database", url], environment: ["PGPASSWORD": password])
        #expect(keys.status == 0, "\(keys.standardError)")
        let credentials = try JSONDecoder().decode(SandboxCredentials.self, from: Data(keys.standardOutput.utf8))
        let developer = TestSandbox.client(serve.baseURL, credentials.developer)
        let created = try await developer.send(SandboxPublicTokenCreateRequest(institutionID: "ins_109508", initialProducts: [.auth]))
        #expect(created.publicToken.rawValue.hasPrefix("public-sandbox-"))
        try await developer.shutdown()
        #expect(serve.stop(with: SIGTERM) == 0)
        #expect(!serve.standardError.contains(password))
        #expect(!keys.standardOutput.contains(password) && !keys.standardError.contains(password))
    }

    @Test func serveAppliesRateLimitsFromTheCommandLine() async throws {
        let directory = TestSandbox.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let credentials = try await SandboxMaintenance.credentials(dataDirectory: directory)
        let serve = try ServeProcess(dataDirectory: directory, extraArguments: ["--rate-limit", "institutions_get_by_id=1/min"])
        let developer = TestSandbox.client(serve.baseURL, credentials.developer)
        let request = InstitutionsGetByIDRequest(institutionID: "ins_109508", countryCodes: [.us])
        _ = try await developer.send(request)
        let limited = await plaidError { try await developer.send(request) }
        #expect(limited?.errorCode == "INSTITUTIONS_GET_BY_ID_LIMIT")
        #expect(limited?.httpStatus == 429)
        try await developer.shutdown()
        serve.stop(with: SIGTERM)
    }
}
