import Foundation
import PlaidClient
import PlaidModels
import PlaidSandbox
import Testing

/// The whole processor flow, driven by the real client: link, exchange, pick an account, make a
/// processor token, and read it as the partner.
@Suite struct ProcessorFlowTests {
    @Test func developerLinksAnItemAndPartnerReadsAuthBalanceAndIdentity() async throws {
        try await TestSandbox.with { sandbox in
            let created = try await sandbox.developer.send(SandboxPublicTokenCreateRequest(
                institutionID: "ins_109508", initialProducts: [.auth]))
            #expect(created.publicToken.rawValue.hasPrefix("public-sandbox-"))
            let exchanged = try await sandbox.developer.send(ItemPublicTokenExchangeRequest(publicToken: created.publicToken))
            #expect(exchanged.accessToken.rawValue.hasPrefix("access-sandbox-"))
            #expect(exchanged.itemID.count == 37)

            let accounts = try await sandbox.developer.send(AccountsGetRequest(accessToken: exchanged.accessToken))
            #expect(accounts.item.itemID == exchanged.itemID)
            #expect(accounts.accounts.map(\.mask) == ["0000", "1111", "2222", "3333", "4444", "5555", "6666", "7777", "8888"].map { .value($0) })
            let checking = try #require(accounts.accounts.first)

            let token = try await sandbox.developer.send(ProcessorTokenCreateRequest(
                accessToken: exchanged.accessToken, accountID: checking.accountID, processor: .dwolla)).processorToken
            #expect(token.rawValue.hasPrefix("processor-sandbox-"))

            let dwolla = sandbox.partner(.dwolla)
            let auth = try await dwolla.send(ProcessorAuthGetRequest(processorToken: token))
            #expect(auth.account.accountID == checking.accountID)
            #expect(auth.numbers.ach?.value?.account == "1111222233330000")
            #expect(auth.numbers.ach?.value?.routing == "011401533")
            #expect(auth.numbers.ach?.value?.wireRouting == .value("021000021"))
            #expect(auth.numbers.eft == .null && auth.numbers.bacs == .null && auth.numbers.international == .null)

            let balance = try await dwolla.send(ProcessorBalanceGetRequest(processorToken: token))
            #expect(balance.account.balances.available == .value(100))
            #expect(balance.account.balances.current == .value(110))
            #expect(balance.account.balances.isoCurrencyCode == .value("USD"))

            let identity = try await dwolla.send(ProcessorIdentityGetRequest(processorToken: token))
            let owner = try #require(identity.account.owners?.first)
            #expect(owner.names == ["Alberta Bobbeth Charleson"])
            #expect(owner.emails.first?.data == "accountholder0@example.com")
            #expect(owner.addresses.first?.data.postalCode == .value("14236"))
            #expect(owner.phoneNumbers.map(\.data) == ["1112223333", "1112224444", "1112225555"])

            let account = try await dwolla.send(ProcessorAccountGetRequest(processorToken: token))
            #expect(account.account.accountID == checking.accountID)
            #expect(account.account.balances.current == .value(110))
            #expect(account.account.owners == nil)
            #expect(account.institutionID == "ins_109508")
        }
    }

    @Test func everyResponseCarriesARequestID() async throws {
        try await TestSandbox.with { sandbox in
            let first = try await sandbox.developer.send(InstitutionsGetByIDRequest(institutionID: "ins_109508", countryCodes: [.us]))
            let second = try await sandbox.developer.send(InstitutionsGetByIDRequest(institutionID: "ins_109508", countryCodes: [.us]))
            #expect(first.requestID.count == 15)
            #expect(first.requestID != second.requestID)
            let failure = try await sandbox.raw("/accounts/get", json: .object(["access_token": .string("access-sandbox-nope")]))
            #expect(failure.json?["request_id"]?.stringValue?.count == 15)
        }
    }

    @Test func stripeBankAccountTokenIsMadeForCheckingAccounts() async throws {
        try await TestSandbox.with { sandbox in
            let accessToken = try await sandbox.linkItem()
            let checking = try await sandbox.accountID(accessToken)
            let stripe = try await sandbox.developer.send(ProcessorStripeBankAccountTokenCreateRequest(
                accessToken: accessToken, accountID: checking))
            #expect(stripe.stripeBankAccountToken.rawValue.hasPrefix("btok_"))
            #expect(stripe.stripeBankAccountToken.rawValue.count == 25)

            let creditCard = try await sandbox.accountID(accessToken, named: "Plaid Credit Card")
            let refused = await plaidError {
                try await sandbox.developer.send(ProcessorStripeBankAccountTokenCreateRequest(
                    accessToken: accessToken, accountID: creditCard))
            }
            #expect(refused?.errorCode == "INVALID_STRIPE_ACCOUNT")
        }
    }

    @Test func accountsAreDeterministicPerItemAndDifferAcrossItems() async throws {
        try await TestSandbox.with { sandbox in
            let first = try await sandbox.linkItem()
            let again = try await sandbox.developer.send(AccountsGetRequest(accessToken: first)).accounts.map(\.accountID)
            let once = try await sandbox.developer.send(AccountsGetRequest(accessToken: first)).accounts.map(\.accountID)
            #expect(again == once)
            let second = try await sandbox.linkItem()
            let other = try await sandbox.developer.send(AccountsGetRequest(accessToken: second)).accounts.map(\.accountID)
            #expect(Set(other).isDisjoint(with: once))
            #expect(once.allSatisfy { $0.count == 37 && $0.allSatisfy { $0.isLetter || $0.isNumber } })
        }
    }

    @Test func accountsGetFiltersByAccountIDs() async throws {
        try await TestSandbox.with { sandbox in
            let accessToken = try await sandbox.linkItem()
            let savings = try await sandbox.accountID(accessToken, named: "Plaid Saving")
            let filtered = try await sandbox.developer.send(AccountsGetRequest(
                accessToken: accessToken, options: AccountsGetOptions(accountIDs: [savings])))
            #expect(filtered.accounts.map(\.accountID) == [savings])
            let unknown = await plaidError {
                try await sandbox.developer.send(AccountsGetRequest(
                    accessToken: accessToken, options: AccountsGetOptions(accountIDs: ["nope"])))
            }
            #expect(unknown?.errorCode == "INVALID_ACCOUNT_ID")
        }
    }

    @Test func partnerMakesItsOwnTestTokenForTheCheckingAccount() async throws {
        try await TestSandbox.with { sandbox in
            let moov = sandbox.partner(.moov)
            let token = try await moov.send(SandboxProcessorTokenCreateRequest(institutionID: "ins_109508")).processorToken
            let auth = try await moov.send(ProcessorAuthGetRequest(processorToken: token))
            #expect(auth.account.name == "Plaid Checking")
            #expect(auth.numbers.ach?.value?.account == "1111222233330000")
        }
    }
}
