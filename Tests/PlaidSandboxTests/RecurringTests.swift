import PlaidModels
import Testing

/// `/processor/transactions/recurring/get` finds the streams the account's history really has:
/// payroll coming in twice a month, rent and bills going out monthly, nothing irregular.
@Suite struct RecurringTests {
    @Test func payrollRentAndBillsAreStreamsAndGroceriesAreNot() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem())
            let streams = try await sandbox.partner(.dwolla).send(ProcessorTransactionsRecurringGetRequest(processorToken: token))
            let payroll = try #require(streams.inflowStreams.first { $0.description == "ACME CORP PAYROLL" })
            #expect(payroll.frequency == "SEMI_MONTHLY")
            #expect(payroll.averageAmount.amount == -2410)
            #expect(payroll.transactionIDs.count >= 48)
            #expect(payroll.isActive && payroll.status == "MATURE")
            #expect(payroll.personalFinanceCategory?.value?.primary == "INCOME")
            let rent = try #require(streams.outflowStreams.first { $0.description == "OAKWOOD PROPERTIES RENT" })
            #expect(rent.frequency == "MONTHLY")
            #expect(rent.lastAmount.amount == 1850)
            #expect(rent.predictedNextDate?.value ?? "" > rent.lastDate)
            #expect(streams.outflowStreams.contains { $0.merchantName == .value("Netflix") && $0.averageAmount.amount == 15.49 })
            let all = streams.inflowStreams + streams.outflowStreams
            #expect(!all.contains { ["Whole Foods", "Safeway", "Starbucks", "Amazon"].contains($0.description) })
            #expect(all.allSatisfy { ["WEEKLY", "BIWEEKLY", "SEMI_MONTHLY", "MONTHLY", "ANNUALLY"].contains($0.frequency) })
        }
    }
}
