import PlaidModels
import Testing

/// Signal in the sandbox: scores from the account's balance and history that never fall as the
/// amount grows, a ruleset result on every answer, and reports accepted only for payments that
/// were evaluated with the same token.
@Suite struct SignalTests {
    @Test func aLargerDebitIsNeverLessRiskyAndAtLeastOneScoreRises() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem())
            let dwolla = sandbox.partner(.dwolla)
            var previous: (customer: Int, bank: Int)?
            for (index, amount) in [1.0, 20, 80, 100, 500, 5_000, 50_000].enumerated() {
                let answer = try await dwolla.send(ProcessorSignalEvaluateRequest(
                    processorToken: token, clientTransactionID: "payment-\(index)", amount: amount))
                let customer = try #require(answer.scores.customerInitiatedReturnRisk)
                let bank = try #require(answer.scores.bankInitiatedReturnRisk)
                #expect((1...99).contains(customer.score) && (1...99).contains(bank.score))
                #expect((1...5).contains(customer.riskTier) && (1...8).contains(bank.riskTier))
                #expect(["ACCEPT", "REVIEW", "REROUTE"].contains(answer.ruleset?.value?.result ?? ""))
                #expect(answer.coreAttributes?.availableBalance == .value(100))
                if let previous {
                    #expect(customer.score >= previous.customer && bank.score >= previous.bank, "amount \(amount)")
                }
                previous = (customer.score, bank.score)
            }
            let small = try await dwolla.send(ProcessorSignalEvaluateRequest(processorToken: token, clientTransactionID: "small", amount: 5))
            let large = try await dwolla.send(ProcessorSignalEvaluateRequest(processorToken: token, clientTransactionID: "large", amount: 5_000))
            #expect(large.scores.bankInitiatedReturnRisk!.score > small.scores.bankInitiatedReturnRisk!.score)
            #expect(small.ruleset?.value?.result == "ACCEPT")
            #expect(large.ruleset?.value?.result == "REROUTE")
        }
    }

    @Test func reportsNameAnEvaluatedPaymentOfTheSameToken() async throws {
        try await TestSandbox.with { sandbox in
            let accessToken = try await sandbox.linkItem()
            let token = try await sandbox.processorToken(accessToken)
            let other = try await sandbox.processorToken(accessToken)
            let dwolla = sandbox.partner(.dwolla)
            _ = try await dwolla.send(ProcessorSignalPrepareRequest(processorToken: token))
            _ = try await dwolla.send(ProcessorSignalEvaluateRequest(processorToken: token, clientTransactionID: "pay-1", amount: 42))
            _ = try await dwolla.send(ProcessorSignalDecisionReportRequest(
                processorToken: token, clientTransactionID: "pay-1", initiated: true, decisionOutcome: .value(.approve),
                paymentMethod: .value(.standardACH)))
            _ = try await dwolla.send(ProcessorSignalReturnReportRequest(processorToken: token, clientTransactionID: "pay-1", returnCode: "R01"))

            let unknown = await plaidError {
                try await dwolla.send(ProcessorSignalDecisionReportRequest(processorToken: token, clientTransactionID: "never", initiated: true))
            }
            #expect(unknown?.errorCode == "INVALID_FIELD")
            #expect(unknown?.errorMessage.value?.contains("never evaluated") == true)
            let otherToken = await plaidError {
                try await dwolla.send(ProcessorSignalReturnReportRequest(processorToken: other, clientTransactionID: "pay-1", returnCode: "R01"))
            }
            #expect(otherToken?.errorCode == "INVALID_FIELD")
            let badCode = await plaidError {
                try await dwolla.send(ProcessorSignalReturnReportRequest(processorToken: token, clientTransactionID: "pay-1", returnCode: "X1"))
            }
            #expect(badCode?.errorMessage.value?.contains("return_code") == true)
        }
    }

    @Test func badAmountsAndIDsAreInvalidFields() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem())
            let dwolla = sandbox.partner(.dwolla)
            for (id, amount, words) in [("a", 0.0, "amount"), ("a", -5, "amount"), ("a", Double.leastNonzeroMagnitude, "amount"), ("", 5, "client_transaction_id"),
                                        (String(repeating: "x", count: 37), 5, "client_transaction_id")] {
                let error = await plaidError {
                    try await dwolla.send(ProcessorSignalEvaluateRequest(processorToken: token, clientTransactionID: id, amount: amount))
                }
                #expect(error?.errorCode == "INVALID_FIELD")
                #expect(error?.errorMessage.value?.contains(words) == true, "\(String(describing: error))")
            }
        }
    }
}
