import PlaidModels
import Testing

/// The IRA and 401k accounts hold securities worth their balance and have two years of
/// contributions, purchases and dividends; other accounts are `PRODUCTS_NOT_SUPPORTED`.
@Suite struct InvestmentsTests {
    @Test(arguments: ["Plaid IRA", "Plaid 401k"])
    func holdingsAddUpToTheBalanceAndNameTheirSecurities(account: String) async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem(), account: account)
            let answer = try await sandbox.partner(.dwolla).send(ProcessorInvestmentsHoldingsGetRequest(processorToken: token))
            let total = answer.holdings.map(\.institutionValue).reduce(0, +)
            #expect(abs(total - (answer.account.balances.current.value ?? 0)) < 0.01, "holdings \(total)")
            let securities = Set(answer.securities.map(\.securityID))
            #expect(answer.holdings.allSatisfy { securities.contains($0.securityID) })
            #expect(answer.securities.contains { $0.tickerSymbol == .value("CUR:USD") && $0.isCashEquivalent == .value(true) })
        }
    }

    @Test func the401kHasMonthlyContributionsAndPurchasesNewestFirst() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem(), account: "Plaid 401k")
            let answer = try await sandbox.partner(.dwolla).send(ProcessorInvestmentsTransactionsGetRequest(
                processorToken: token, startDate: "2025-01-01", endDate: "2025-12-31", options: ProcessorInvestmentsTransactionsGetOptions(count: 500)))
            #expect(answer.investmentTransactions.filter { $0.subtype == "contribution" }.count == 12)
            #expect(answer.investmentTransactions.filter { $0.type == "buy" }.count == 12)
            #expect(answer.investmentTransactions.filter { $0.subtype == "dividend" }.count == 4)
            #expect(answer.totalInvestmentTransactions == answer.investmentTransactions.count)
            let dates = answer.investmentTransactions.map(\.date)
            #expect(dates == dates.sorted(by: >))
            let traded = Set(answer.securities.map(\.securityID))
            #expect(answer.investmentTransactions.compactMap(\.securityID.value).allSatisfy(traded.contains))
        }
    }

    @Test func aCheckingAccountHasNoInvestments() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem())
            let error = await plaidError { try await sandbox.partner(.dwolla).send(ProcessorInvestmentsHoldingsGetRequest(processorToken: token)) }
            #expect(error?.errorCode == "PRODUCTS_NOT_SUPPORTED")
            let range = await plaidError {
                try await sandbox.partner(.dwolla).send(ProcessorInvestmentsTransactionsGetRequest(
                    processorToken: token, startDate: "2025-02-01", endDate: "2025-01-01"))
            }
            #expect(range?.errorCode == "INVALID_FIELD")
        }
    }
}

/// `/processor/investments/auth/get`: an IRA's ACATS number, a 401k's plan number, the owner.
@Suite struct InvestmentsAuthTests {
    @Test(arguments: ["Plaid IRA", "Plaid 401k"])
    func numbersOwnersAndHoldings(account: String) async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem(), account: account)
            let answer = try await sandbox.partner(.dwolla).send(ProcessorInvestmentsAuthGetRequest(processorToken: token))
            #expect(answer.owners.first?.names == ["Alberta Bobbeth Charleson"])
            #expect(!answer.holdings.isEmpty)
            if account == "Plaid IRA" {
                #expect(answer.numbers.acats?.first?.dtcNumbers == ["0226"])
            } else {
                #expect(answer.numbers.retirement401k?.first?.plan != nil)
            }
            #expect(answer.dataSources.numbers == .value("INSTITUTION"))
        }
    }
}
