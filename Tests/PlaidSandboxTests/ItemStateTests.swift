import PlaidModels
import Testing

/// What a developer changes about an Item and its processor tokens after linking: the Item's
/// webhook, a token's product permissions and webhook, a forced re-login, a micro-deposit
/// account's verification — each stored, reported by `/item/get` or the reads, and enforced.
@Suite struct ItemStateTests {
    @Test func itemGetReportsProductsWebhookAndTheErrorItIsIn() async throws {
        try await TestSandbox.with { sandbox in
            let accessToken = try await sandbox.linkItem()
            let fresh = try await sandbox.developer.send(ItemGetRequest(accessToken: accessToken))
            #expect(fresh.item.institutionID?.value == "ins_109508")
            #expect(fresh.item.billedProducts == [.auth, .identity])
            #expect(fresh.item.error == .null)
            #expect(fresh.item.webhook == .null)

            let updated = try await sandbox.developer.send(ItemWebhookUpdateRequest(
                accessToken: accessToken, webhook: .value("http://127.0.0.1:9/plaid")))
            #expect(updated.item.webhook == .value("http://127.0.0.1:9/plaid"))
            _ = try await sandbox.developer.send(SandboxItemResetLoginRequest(accessToken: accessToken))
            let broken = try await sandbox.developer.send(ItemGetRequest(accessToken: accessToken))
            #expect(broken.item.webhook == .value("http://127.0.0.1:9/plaid"))
            #expect(broken.item.error.value?.errorCode == "ITEM_LOGIN_REQUIRED")
            #expect(broken.item.error.value?.errorType == .itemError)

            let cleared = try await sandbox.developer.send(ItemWebhookUpdateRequest(accessToken: accessToken, webhook: .null))
            #expect(cleared.item.webhook == .null)
        }
    }

    @Test func resetLoginReachesEveryPartnersToken() async throws {
        try await TestSandbox.with { sandbox in
            let accessToken = try await sandbox.linkItem()
            let dwollaToken = try await sandbox.processorToken(accessToken, processor: .dwolla)
            let moovToken = try await sandbox.processorToken(accessToken, processor: .moov)
            _ = try await sandbox.partner(.dwolla).send(ProcessorAuthGetRequest(processorToken: dwollaToken))
            let reset = try await sandbox.developer.send(SandboxItemResetLoginRequest(accessToken: accessToken))
            #expect(reset.resetLogin)
            let dwolla = await plaidError { try await sandbox.partner(.dwolla).send(ProcessorAuthGetRequest(processorToken: dwollaToken)) }
            let moov = await plaidError { try await sandbox.partner(.moov).send(ProcessorBalanceGetRequest(processorToken: moovToken)) }
            let developer = await plaidError { try await sandbox.developer.send(AccountsGetRequest(accessToken: accessToken)) }
            for error in [dwolla, moov, developer] {
                #expect(error?.errorCode == "ITEM_LOGIN_REQUIRED")
                #expect(error?.httpStatus == 400)
            }
        }
    }

    @Test(arguments: ["ftp://example.com/hook", "http://example.com/hook", "not a url", "https://"])
    func webhookURLsAreHTTPSOrLoopback(url: String) async throws {
        try await TestSandbox.with { sandbox in
            let accessToken = try await sandbox.linkItem()
            let error = await plaidError {
                try await sandbox.developer.send(ItemWebhookUpdateRequest(accessToken: accessToken, webhook: .value(url)))
            }
            #expect(error?.errorCode == "INVALID_FIELD", "\(url)")
            #expect(error?.errorMessage.value?.contains("webhook") == true)
            let loopback = try await sandbox.developer.send(ItemWebhookUpdateRequest(
                accessToken: accessToken, webhook: .value("http://127.0.0.1:9/hook")))
            #expect(loopback.item.webhook == .value("http://127.0.0.1:9/hook"))
        }
    }

    @Test func permissionsLimitWhatThePartnerReadsUntilClearedByAnEmptyList() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem())
            let dwolla = sandbox.partner(.dwolla)
            #expect(try await sandbox.developer.send(ProcessorTokenPermissionsGetRequest(processorToken: token)).products == [])

            _ = try await sandbox.developer.send(ProcessorTokenPermissionsSetRequest(processorToken: token, products: [.auth, .auth]))
            #expect(try await sandbox.developer.send(ProcessorTokenPermissionsGetRequest(processorToken: token)).products == [.auth])
            _ = try await dwolla.send(ProcessorAuthGetRequest(processorToken: token))
            _ = try await dwolla.send(ProcessorAccountGetRequest(processorToken: token))
            let balance = await plaidError { try await dwolla.send(ProcessorBalanceGetRequest(processorToken: token)) }
            let identity = await plaidError { try await dwolla.send(ProcessorIdentityGetRequest(processorToken: token)) }
            for (error, product) in [(balance, "balance"), (identity, "identity")] {
                #expect(error?.errorType == .invalidInput)
                #expect(error?.errorCode == "INVALID_PRODUCT")
                #expect(error?.errorMessage.value?.contains(product) == true)
            }

            _ = try await sandbox.developer.send(ProcessorTokenPermissionsSetRequest(processorToken: token, products: []))
            _ = try await dwolla.send(ProcessorBalanceGetRequest(processorToken: token))
            _ = try await dwolla.send(ProcessorIdentityGetRequest(processorToken: token))
        }
    }

    @Test func onlyTheDeveloperWhoMadeATokenSetsItsPermissionsAndOnlyItsPartnerItsWebhook() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem())
            let dwolla = sandbox.partner(.dwolla)
            let bySelf = await plaidError {
                try await dwolla.send(ProcessorTokenPermissionsSetRequest(processorToken: token, products: [.balance]))
            }
            #expect(bySelf?.errorCode == "INVALID_PROCESSOR_TOKEN")
            let hookByDeveloper = await plaidError {
                try await sandbox.developer.send(ProcessorTokenWebhookUpdateRequest(processorToken: token, webhook: .value("http://127.0.0.1:9/p")))
            }
            #expect(hookByDeveloper?.errorCode == "INVALID_PROCESSOR_TOKEN")
            _ = try await dwolla.send(ProcessorTokenWebhookUpdateRequest(processorToken: token, webhook: .value("http://127.0.0.1:9/p")))
            _ = try await dwolla.send(ProcessorTokenWebhookUpdateRequest(processorToken: token, webhook: .null))
            let badHook = await plaidError {
                try await dwolla.send(ProcessorTokenWebhookUpdateRequest(processorToken: token, webhook: .value("http://example.com/p")))
            }
            #expect(badHook?.errorCode == "INVALID_FIELD")
        }
    }

    @Test func aMicrodepositAccountsVerificationCanExpireAndComeBack() async throws {
        try await TestSandbox.with { sandbox in
            let accessToken = try await sandbox.linkItem(password: "microdeposits_good")
            let account = try #require(try await sandbox.developer.send(AccountsGetRequest(accessToken: accessToken)).accounts.first)
            let token = try await sandbox.processorToken(accessToken)
            let dwolla = sandbox.partner(.dwolla)

            _ = try await sandbox.developer.send(SandboxItemSetVerificationStatusRequest(
                accessToken: accessToken, accountID: account.accountID, verificationStatus: .verificationExpired))
            let expired = try await sandbox.developer.send(AccountsGetRequest(accessToken: accessToken)).accounts.first
            #expect(expired?.verificationStatus == .verificationExpired)
            let auth = await plaidError { try await dwolla.send(ProcessorAuthGetRequest(processorToken: token)) }
            #expect(auth?.errorCode == "NO_AUTH_ACCOUNTS")

            _ = try await sandbox.developer.send(SandboxItemSetVerificationStatusRequest(
                accessToken: accessToken, accountID: account.accountID, verificationStatus: .automaticallyVerified))
            #expect(try await dwolla.send(ProcessorAuthGetRequest(processorToken: token)).account.verificationStatus == .automaticallyVerified)
        }
    }

    @Test func verificationStatusNeedsAMicrodepositItemAndOneOfItsAccounts() async throws {
        try await TestSandbox.with { sandbox in
            let ordinary = try await sandbox.linkItem()
            let accountID = try await sandbox.accountID(ordinary, named: "Plaid Checking")
            let notMicrodeposit = await plaidError {
                try await sandbox.developer.send(SandboxItemSetVerificationStatusRequest(
                    accessToken: ordinary, accountID: accountID, verificationStatus: .verificationExpired))
            }
            #expect(notMicrodeposit?.errorCode == "INVALID_FIELD")
            #expect(notMicrodeposit?.errorMessage.value?.contains("microdeposits_good") == true)

            let microdeposit = try await sandbox.linkItem(password: "microdeposits_good")
            let otherAccount = await plaidError {
                try await sandbox.developer.send(SandboxItemSetVerificationStatusRequest(
                    accessToken: microdeposit, accountID: accountID, verificationStatus: .verificationExpired))
            }
            #expect(otherAccount?.errorCode == "INVALID_ACCOUNT_ID")
            let pending = await plaidError {
                try await sandbox.developer.send(SandboxItemSetVerificationStatusRequest(
                    accessToken: microdeposit, accountID: accountID, verificationStatus: .pendingManualVerification))
            }
            #expect(pending?.errorCode == "INVALID_FIELD")
        }
    }
}
