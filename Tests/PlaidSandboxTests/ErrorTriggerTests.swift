import PlaidModels
import Testing

/// Test passwords: `error_<CODE>` puts the new Item in that error; `microdeposits_good` makes a
/// verified micro-deposit Item; any other password is wrong.
@Suite struct ErrorTriggerTests {
    @Test func loginRequiredItemAnswersDataCallsWithThatError() async throws {
        try await TestSandbox.with { sandbox in
            let accessToken = try await sandbox.linkItem(password: "error_ITEM_LOGIN_REQUIRED")
            let accounts = await plaidError { try await sandbox.developer.send(AccountsGetRequest(accessToken: accessToken)) }
            #expect(accounts?.errorType == .itemError)
            #expect(accounts?.errorCode == "ITEM_LOGIN_REQUIRED")
            #expect(accounts?.displayMessage == .null)
            #expect(accounts?.httpStatus == 400)
        }
    }

    @Test func partnerTestTokenWithATriggerAnswersWithTheError() async throws {
        try await TestSandbox.with { sandbox in
            let dwolla = sandbox.partner(.dwolla)
            let token = try await dwolla.send(SandboxProcessorTokenCreateRequest(
                institutionID: "ins_109508", options: SandboxProcessorTokenCreateOptions(overridePassword: .value("error_INSTITUTION_DOWN")))).processorToken
            let error = await plaidError { try await dwolla.send(ProcessorAuthGetRequest(processorToken: token)) }
            #expect(error?.errorType == .institutionError)
            #expect(error?.errorCode == "INSTITUTION_DOWN")
            #expect(error?.displayMessage.value?.isEmpty == false)
        }
    }

    @Test func unknownTriggerCodeIsRefusedAtCreation() async throws {
        try await TestSandbox.with { sandbox in
            let error = await plaidError {
                try await sandbox.developer.send(SandboxPublicTokenCreateRequest(
                    institutionID: "ins_109508", initialProducts: [.auth],
                    options: SandboxPublicTokenCreateOptions(overridePassword: .value("error_NOT_A_CODE"))))
            }
            #expect(error?.errorCode == "INVALID_FIELD")
            #expect(error?.errorMessage.value?.contains("ITEM_LOGIN_REQUIRED") == true)
        }
    }

    @Test func wrongPasswordIsInvalidCredentials() async throws {
        try await TestSandbox.with { sandbox in
            let error = await plaidError {
                try await sandbox.developer.send(SandboxPublicTokenCreateRequest(
                    institutionID: "ins_109508", initialProducts: [.auth],
                    options: SandboxPublicTokenCreateOptions(overridePassword: .value("wrong"))))
            }
            #expect(error?.errorType == .itemError)
            #expect(error?.errorCode == "INVALID_CREDENTIALS")
            #expect(error?.displayMessage.value != nil)
        }
    }

    @Test func microdepositItemHasOneVerifiedCheckingAccount() async throws {
        try await TestSandbox.with { sandbox in
            let accounts = try await sandbox.developer.send(AccountsGetRequest(
                accessToken: try await sandbox.linkItem(password: "microdeposits_good"))).accounts
            #expect(accounts.map(\.name) == ["Plaid Checking"])
            #expect(accounts.first?.verificationStatus == .automaticallyVerified)
        }
    }
}
