import PlaidModels
import Testing

/// Access tokens answer only the developer that made them; processor tokens only the partner
/// they were made for.
@Suite struct PartnerIsolationTests {
    @Test func processorTokenAnswersOnlyItsOwnPartner() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem(), processor: .dwolla)
            let moov = await plaidError { try await sandbox.partner(.moov).send(ProcessorAuthGetRequest(processorToken: token)) }
            #expect(moov?.errorCode == "INVALID_PROCESSOR_TOKEN")
            let developer = await plaidError { try await sandbox.developer.send(ProcessorBalanceGetRequest(processorToken: token)) }
            #expect(developer?.errorCode == "INVALID_PROCESSOR_TOKEN")
            let dwolla = try await sandbox.partner(.dwolla).send(ProcessorIdentityGetRequest(processorToken: token))
            #expect(dwolla.account.name == "Plaid Checking")
        }
    }

    @Test func accessTokenAnswersOnlyItsDeveloper() async throws {
        try await TestSandbox.with { sandbox in
            let accessToken = try await sandbox.linkItem()
            let partner = await plaidError { try await sandbox.partner(.dwolla).send(AccountsGetRequest(accessToken: accessToken)) }
            #expect(partner?.errorType == .invalidInput)
            #expect(partner?.errorCode == "INVALID_ACCESS_TOKEN")
        }
    }

    @Test func partnerTestTokenIsNotUsableByAnotherPartner() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.partner(.galileo).send(SandboxProcessorTokenCreateRequest(institutionID: "ins_109508")).processorToken
            let other = await plaidError { try await sandbox.partner(.unit).send(ProcessorAuthGetRequest(processorToken: token)) }
            #expect(other?.errorCode == "INVALID_PROCESSOR_TOKEN")
        }
    }

    @Test func tokensForDifferentProcessorsFromOneItemAreIndependent() async throws {
        try await TestSandbox.with { sandbox in
            let accessToken = try await sandbox.linkItem()
            let forDwolla = try await sandbox.processorToken(accessToken, processor: .dwolla)
            let forMoov = try await sandbox.processorToken(accessToken, account: "Plaid Saving", processor: .moov)
            #expect(forDwolla != forMoov)
            let moov = try await sandbox.partner(.moov).send(ProcessorAuthGetRequest(processorToken: forMoov))
            #expect(moov.account.name == "Plaid Saving")
            #expect(moov.numbers.ach?.value?.account == "1111222233331111")
        }
    }

    @Test func processorTokenNeedsAnAccountOfTheItem() async throws {
        try await TestSandbox.with { sandbox in
            let accessToken = try await sandbox.linkItem()
            let error = await plaidError {
                try await sandbox.developer.send(ProcessorTokenCreateRequest(accessToken: accessToken, accountID: "nope", processor: .dwolla))
            }
            #expect(error?.errorCode == "INVALID_ACCOUNT_ID")
        }
    }
}
