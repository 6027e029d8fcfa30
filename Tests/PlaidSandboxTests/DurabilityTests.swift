import Foundation
import PlaidClient
import PlaidModels
import PlaidSandbox
import Testing

/// State lives in SQLite: what a client was told survives `kill -9`, and two processes on one
/// data directory see each other's tokens.
@Suite(.serialized) struct DurabilityTests {
    @Test func tokensSurviveKillNine() async throws {
        let directory = TestSandbox.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let credentials = try await SandboxMaintenance.credentials(dataDirectory: directory)

        let first = try ServeProcess(dataDirectory: directory)
        let developer = TestSandbox.client(first.baseURL, credentials.developer)
        let created = try await developer.send(SandboxPublicTokenCreateRequest(institutionID: "ins_109508", initialProducts: [.auth]))
        let accessToken = try await developer.send(ItemPublicTokenExchangeRequest(publicToken: created.publicToken)).accessToken
        let accountID = try await developer.send(AccountsGetRequest(accessToken: accessToken)).accounts[0].accountID
        let processorToken = try await developer.send(ProcessorTokenCreateRequest(
            accessToken: accessToken, accountID: accountID, processor: .dwolla)).processorToken
        try await developer.shutdown()
        first.stop(with: SIGKILL)

        let second = try ServeProcess(dataDirectory: directory)
        let dwolla = TestSandbox.client(second.baseURL, credentials.processors["dwolla"]!)
        let again = TestSandbox.client(second.baseURL, credentials.developer)
        let auth = try await dwolla.send(ProcessorAuthGetRequest(processorToken: processorToken))
        #expect(auth.account.accountID == accountID)
        #expect(try await again.send(AccountsGetRequest(accessToken: accessToken)).accounts[0].accountID == accountID)
        try await dwolla.shutdown()
        try await again.shutdown()
        #expect(second.stop(with: SIGTERM) == 0)
    }

    @Test func anEmbeddedServerAndAServeProcessShareOneDataDirectory() async throws {
        let directory = TestSandbox.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await TestSandbox.with(dataDirectory: directory) { embedded in
            let serve = try ServeProcess(dataDirectory: directory)
            let outside = TestSandbox.client(serve.baseURL, embedded.server.credentials.developer)

            let madeInside = try await embedded.linkItem()
            #expect(try await outside.send(AccountsGetRequest(accessToken: madeInside)).accounts.count == 9)

            let created = try await outside.send(SandboxPublicTokenCreateRequest(institutionID: "ins_56", initialProducts: [.auth]))
            let madeOutside = try await embedded.developer.send(ItemPublicTokenExchangeRequest(publicToken: created.publicToken)).accessToken
            let processorToken = try await embedded.processorToken(madeOutside)
            _ = try await outside.send(ItemRemoveRequest(accessToken: madeOutside))
            let revoked = await plaidError { try await embedded.partner(.dwolla).send(ProcessorAuthGetRequest(processorToken: processorToken)) }
            #expect(revoked?.errorCode == "ITEM_NOT_FOUND")

            try await outside.shutdown()
            #expect(serve.stop(with: SIGINT) == 0)
        }
    }

    @Test func concurrentWritesFromTwoProcessesAllCommit() async throws {
        let directory = TestSandbox.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await TestSandbox.with(dataDirectory: directory) { embedded in
            let serve = try ServeProcess(dataDirectory: directory)
            let outside = TestSandbox.client(serve.baseURL, embedded.server.credentials.developer)
            let tokens = try await withThrowingTaskGroup(of: AccessToken.self) { group in
                for index in 0..<20 {
                    let client = index.isMultiple(of: 2) ? outside : embedded.developer
                    group.addTask {
                        let created = try await client.send(SandboxPublicTokenCreateRequest(institutionID: "ins_109508", initialProducts: [.auth]))
                        return try await client.send(ItemPublicTokenExchangeRequest(publicToken: created.publicToken)).accessToken
                    }
                }
                return try await group.reduce(into: [AccessToken]()) { $0.append($1) }
            }
            #expect(Set(tokens).count == 20)
            for token in tokens {
                #expect(try await embedded.developer.send(AccountsGetRequest(accessToken: token)).accounts.count == 9)
            }
            try await outside.shutdown()
            serve.stop(with: SIGTERM)
        }
    }
}
