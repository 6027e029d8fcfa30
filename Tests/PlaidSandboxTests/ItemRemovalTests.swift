import PlaidModels
@testable import PlaidSandbox
import Testing

/// `/item/remove` revokes the access token and every processor and Stripe token of the Item.
@Suite struct ItemRemovalTests {
    @Test func removingAnItemRevokesEveryTokenMadeFromIt() async throws {
        try await TestSandbox.with { sandbox in
            let accessToken = try await sandbox.linkItem()
            let processorToken = try await sandbox.processorToken(accessToken)
            let stripeToken = try await sandbox.developer.send(ProcessorStripeBankAccountTokenCreateRequest(
                accessToken: accessToken, accountID: try await sandbox.accountID(accessToken))).stripeBankAccountToken
            let store = sandbox.server.store
            #expect(try await store.isStripeTokenActive(stripeToken.rawValue))

            let removed = try await sandbox.developer.send(ItemRemoveRequest(accessToken: accessToken))
            #expect(!removed.requestID.isEmpty)

            let accounts = await plaidError { try await sandbox.developer.send(AccountsGetRequest(accessToken: accessToken)) }
            #expect(accounts?.errorType == .itemError)
            #expect(accounts?.errorCode == "ITEM_NOT_FOUND")
            let auth = await plaidError { try await sandbox.partner(.dwolla).send(ProcessorAuthGetRequest(processorToken: processorToken)) }
            #expect(auth?.errorCode == "ITEM_NOT_FOUND")
            #expect(try await !store.isStripeTokenActive(stripeToken.rawValue))
            let again = await plaidError { try await sandbox.developer.send(ItemRemoveRequest(accessToken: accessToken)) }
            #expect(again?.errorCode == "ITEM_NOT_FOUND")
        }
    }

    @Test func removingOneItemLeavesOthersWorking() async throws {
        try await TestSandbox.with { sandbox in
            let kept = try await sandbox.linkItem()
            let keptToken = try await sandbox.processorToken(kept)
            _ = try await sandbox.developer.send(ItemRemoveRequest(accessToken: try await sandbox.linkItem()))
            let auth = try await sandbox.partner(.dwolla).send(ProcessorAuthGetRequest(processorToken: keptToken))
            #expect(auth.account.name == "Plaid Checking")
            #expect(try await sandbox.developer.send(AccountsGetRequest(accessToken: kept)).accounts.count == 9)
        }
    }

    @Test func onlyTheOwningDeveloperCanRemoveAnItem() async throws {
        try await TestSandbox.with { sandbox in
            let accessToken = try await sandbox.linkItem()
            let error = await plaidError { try await sandbox.partner(.dwolla).send(ItemRemoveRequest(accessToken: accessToken)) }
            #expect(error?.errorCode == "INVALID_ACCESS_TOKEN")
            #expect(try await sandbox.developer.send(AccountsGetRequest(accessToken: accessToken)).accounts.count == 9)
        }
    }
}
