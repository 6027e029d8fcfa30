import PlaidModels
import Testing

/// `/processor/bank_transfer/create` makes a pending transfer once per idempotency key, refuses
/// what Plaid refuses, and `/processor/apex/processor_token/create` makes tokens only Apex reads.
@Suite struct BankTransferTests {
    static func transfer(_ token: ProcessorToken, key: String = "payment-1", amount: String = "10.00", network: String = "ach",
                         achClass: String? = "ppd", description: String = "RENT") -> ProcessorBankTransferCreateRequest {
        ProcessorBankTransferCreateRequest(
            idempotencyKey: key, processorToken: token, type: "debit", network: network, amount: amount, isoCurrencyCode: "USD",
            description: description, achClass: achClass, user: BankTransferUser(legalName: "Alberta Charleson"),
            metadata: ["invoice": "42"])
    }

    @Test func theSameKeyMakesTheSameTransferOnce() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem())
            let dwolla = sandbox.partner(.dwolla)
            let first = try await dwolla.send(Self.transfer(token)).bankTransfer
            #expect(first.status == "pending" && first.cancellable)
            #expect(first.amount == "10.00" && first.direction == .value("inbound"))
            #expect(first.metadata == .value(["invoice": "42"]))
            let again = try await dwolla.send(Self.transfer(token, amount: "99.00")).bankTransfer
            #expect(again == first, "a retry with the same key answers with the first transfer")
            let other = try await dwolla.send(Self.transfer(token, key: "payment-2")).bankTransfer
            #expect(other.id != first.id)
        }
    }

    @Test func badTransfersAreInvalidFields() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem())
            let dwolla = sandbox.partner(.dwolla)
            for (request, words) in [(Self.transfer(token, amount: "10.001"), "amount"), (Self.transfer(token, amount: "-5"), "amount"),
                                     (Self.transfer(token, achClass: nil), "ach_class"),
                                     (Self.transfer(token, description: "MORE THAN TEN"), "description"),
                                     (Self.transfer(token, key: String(repeating: "k", count: 51)), "idempotency_key")] {
                let error = await plaidError { try await dwolla.send(request) }
                #expect(error?.errorCode == "INVALID_FIELD", "\(words)")
                #expect(error?.errorMessage.value?.contains(words) == true, "\(String(describing: error))")
            }
            _ = try await dwolla.send(Self.transfer(token, key: "wire", network: "wire", achClass: nil))
        }
    }

    @Test func anApexTokenAnswersApexAlone() async throws {
        try await TestSandbox.with { sandbox in
            let accessToken = try await sandbox.linkItem()
            let accountID = try await sandbox.accountID(accessToken)
            let token = try await sandbox.developer.send(ProcessorApexProcessorTokenCreateRequest(
                accessToken: accessToken, accountID: accountID)).processorToken
            _ = try await sandbox.partner(.apexClearing).send(ProcessorAuthGetRequest(processorToken: token))
            let dwolla = await plaidError { try await sandbox.partner(.dwolla).send(ProcessorAuthGetRequest(processorToken: token)) }
            #expect(dwolla?.errorCode == "INVALID_PROCESSOR_TOKEN")
        }
    }
}
