import Foundation
import PlaidModels
import Testing

/// Public tokens are exchanged once, within 30 minutes.
@Suite struct PublicTokenTests {
    @Test func publicTokenCanBeExchangedOnlyOnce() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.developer.send(SandboxPublicTokenCreateRequest(
                institutionID: "ins_109508", initialProducts: [.auth])).publicToken
            _ = try await sandbox.developer.send(ItemPublicTokenExchangeRequest(publicToken: token))
            let second = await plaidError { try await sandbox.developer.send(ItemPublicTokenExchangeRequest(publicToken: token)) }
            #expect(second?.errorType == .invalidInput)
            #expect(second?.errorCode == "INVALID_PUBLIC_TOKEN")
        }
    }

    @Test func publicTokenExpiresAfterThirtyMinutes() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        try await TestSandbox.with(configure: { $0.clock = { clock.now } }) { sandbox in
            func create() async throws -> PublicToken {
                try await sandbox.developer.send(SandboxPublicTokenCreateRequest(institutionID: "ins_109508", initialProducts: [.auth])).publicToken
            }
            let fresh = try await create()
            let stale = try await create()
            clock.advance(by: 29 * 60 + 59)
            _ = try await sandbox.developer.send(ItemPublicTokenExchangeRequest(publicToken: fresh))
            clock.advance(by: 1)
            let expired = await plaidError { try await sandbox.developer.send(ItemPublicTokenExchangeRequest(publicToken: stale)) }
            #expect(expired?.errorCode == "INVALID_PUBLIC_TOKEN")
            #expect(expired?.errorMessage.value?.contains("expired") == true)
        }
    }

    @Test func unknownAndMalformedPublicTokensAreRefused() async throws {
        try await TestSandbox.with { sandbox in
            let unknown = await plaidError {
                try await sandbox.developer.send(ItemPublicTokenExchangeRequest(publicToken: "public-sandbox-00000000-0000-4000-8000-000000000000"))
            }
            #expect(unknown?.errorCode == "INVALID_PUBLIC_TOKEN")
            let malformed = await plaidError { try await sandbox.developer.send(ItemPublicTokenExchangeRequest(publicToken: "garbage")) }
            #expect(malformed?.errorCode == "INVALID_PUBLIC_TOKEN")
            #expect(malformed?.errorMessage.value?.contains("invalid format") == true)
        }
    }

    @Test func tokensHavePlaidFormats() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.developer.send(SandboxPublicTokenCreateRequest(
                institutionID: "ins_109508", initialProducts: [.auth])).publicToken.rawValue
            let uuid = String(token.dropFirst("public-sandbox-".count))
            #expect(token.hasPrefix("public-sandbox-"))
            #expect(UUID(uuidString: uuid) != nil)
            #expect(uuid == uuid.lowercased())
            #expect(Array(uuid)[14] == "4")
        }
    }
}
