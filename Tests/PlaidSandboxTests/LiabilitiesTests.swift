import PlaidModels
import Testing

/// `/processor/liabilities/get` gives each debt account its liability, in its own list, with
/// dates around today; an account that is no debt is `PRODUCTS_NOT_SUPPORTED`.
@Suite struct LiabilitiesTests {
    @Test(arguments: ["Plaid Credit Card", "Plaid Student Loan", "Plaid Mortgage"])
    func eachDebtAccountHasItsLiability(account: String) async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem(), account: account)
            let answer = try await sandbox.partner(.dwolla).send(ProcessorLiabilitiesGetRequest(processorToken: token))
            let lists = [answer.liabilities.credit.value?.count ?? 0, answer.liabilities.student.value?.count ?? 0,
                         answer.liabilities.mortgage.value?.count ?? 0]
            #expect(lists.reduce(0, +) == 1, "one liability, in its own list: \(lists)")
            if let card = answer.liabilities.credit.value?.first {
                #expect(card.accountID == .value(answer.account.accountID))
                #expect(card.aprs.contains { $0.aprType == "purchase_apr" && $0.aprPercentage == 12.5 })
                let statement = try #require(card.lastStatementIssueDate.value)
                let due = try #require(card.nextPaymentDueDate.value)
                #expect(statement < due)
            }
            if let loan = answer.liabilities.student.value?.first {
                #expect(loan.outstandingInterestAmount.value == 1281.45)
                #expect(loan.loanStatus.type == .value("repayment"))
            }
            if let mortgage = answer.liabilities.mortgage.value?.first {
                #expect(mortgage.interestRate.type == .value("fixed"))
                #expect(mortgage.propertyAddress.city == .value("Malakoff"))
            }
        }
    }

    @Test func aCheckingAccountHasNoLiabilities() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem())
            let error = await plaidError { try await sandbox.partner(.dwolla).send(ProcessorLiabilitiesGetRequest(processorToken: token)) }
            #expect(error?.errorType == .itemError)
            #expect(error?.errorCode == "PRODUCTS_NOT_SUPPORTED")
        }
    }
}
