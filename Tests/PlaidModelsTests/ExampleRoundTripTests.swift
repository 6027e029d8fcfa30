import Foundation
import PlaidModels
import Testing

/// Every example response of the seed document and of the reference spec decodes into the models
/// and encodes back to the same JSON, nulls and missing keys included.
struct ExampleRoundTripTests {
    static let seedExamples: [Fixture] = [
        Fixture("seed/processor_token_create.response.json", as: ProcessorTokenCreateResponse.self),
        Fixture("seed/processor_stripe_bank_account_token_create.response.json", as: ProcessorStripeBankAccountTokenCreateResponse.self),
        Fixture("seed/processor_auth_get.response.json", as: ProcessorAuthGetResponse.self),
        Fixture("seed/processor_balance_get.response.json", as: ProcessorBalanceGetResponse.self),
        Fixture("seed/processor_identity_get.response.json", as: ProcessorIdentityGetResponse.self),
    ]

    static let referenceExamples: [Fixture] = [
        Fixture("reference/processor_token_create.response.example-1.json", as: ProcessorTokenCreateResponse.self),
        Fixture("reference/processor_stripe_bank_account_token_create.response.example-1.json", as: ProcessorStripeBankAccountTokenCreateResponse.self),
        Fixture("reference/processor_auth_get.response.example-1.json", as: ProcessorAuthGetResponse.self),
        Fixture("reference/processor_balance_get.response.example-1.json", as: ProcessorBalanceGetResponse.self),
        Fixture("reference/processor_identity_get.response.example-1.json", as: ProcessorIdentityGetResponse.self),
        Fixture("reference/item_public_token_exchange.response.example-1.json", as: ItemPublicTokenExchangeResponse.self),
        Fixture("reference/sandbox_public_token_create.response.example-1.json", as: SandboxPublicTokenCreateResponse.self),
        Fixture("reference/sandbox_processor_token_create.response.example-1.json", as: SandboxProcessorTokenCreateResponse.self),
        Fixture("reference/accounts_get.response.example-1.json", as: AccountsGetResponse.self),
        Fixture("reference/item_remove.response.example-1.json", as: ItemRemoveResponse.self),
        Fixture("reference/institutions_get_by_id.response.example-1.json", as: InstitutionsGetByIDResponse.self),
        Fixture("errors/invalid_processor_token.json", as: PlaidError.self),
        Fixture("errors/rate_limit_exceeded.json", as: PlaidError.self),
        Fixture("errors/every_field.json", as: PlaidError.self),
    ]

    @Test("seed example re-encodes unchanged", arguments: seedExamples)
    func seedExample(_ fixture: Fixture) throws {
        let data = try fixture.data()
        #expect(try JSONValue(data: fixture.reencode(data)) == JSONValue(data: data))
    }

    @Test("reference example re-encodes unchanged", arguments: referenceExamples)
    func referenceExample(_ fixture: Fixture) throws {
        let data = try fixture.data()
        #expect(try JSONValue(data: fixture.reencode(data)) == JSONValue(data: data))
    }

    @Test func seedIdentityExampleDecodesToTypedValues() throws {
        let data = try Self.seedExamples[4].data()
        let response = try JSONDecoder().decode(ProcessorIdentityGetResponse.self, from: data)
        let owner = try #require(response.account.owners?.first)
        #expect(response.requestID == "eOPkBl6t33veI2J")
        #expect(response.account.subtype == .value(.checking))
        #expect(response.account.balances.limit == .null)
        #expect(response.account.balances.lastUpdatedDatetime == nil)
        #expect(owner.phoneNumbers.map(\.type) == [.home, .work, .mobile1])
        #expect(owner.emails.map(\.type) == [.primary, .secondary, .other])
        #expect(owner.addresses[1].data.postalCode == .value("93405-2255"))
    }

    @Test func seedAuthExampleKeepsEveryNumberScheme() throws {
        let data = try Self.seedExamples[2].data()
        let numbers = try JSONDecoder().decode(ProcessorAuthGetResponse.self, from: data).numbers
        #expect(numbers.ach?.value?.wireRouting == .value("021000021"))
        #expect(numbers.eft?.value?.branch == "01140")
        #expect(numbers.international?.value?.iban == "GB29NWBK60161331926819")
        #expect(numbers.bacs?.value?.sortCode == "601613")
    }
}
