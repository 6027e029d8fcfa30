import Foundation
import PlaidModels

extension ProcessorSignalEvaluateRequest: SandboxServed {
    /// `/processor/signal/evaluate`: the return risks of debiting `amount` from the account,
    /// from its balance and last month of transactions (``SignalScoring``), and the default
    /// ruleset's result; the evaluation is kept for the reports that name it.
    static func answer(_ request: ProcessorSignalEvaluateRequest, _ call: SandboxCall) async throws -> ProcessorSignalEvaluateResponse {
        try SignalChecks.transactionID(request.clientTransactionID)
        guard request.amount.isFinite, request.amount >= 0.01 else {
            throw SandboxError.invalidField("amount must be at least 0.01, not \(request.amount)")
        }
        let (item, account) = try await call.processorAccount(request.processorToken, product: .signal)
        let history = try await AccountTransactions.load(item: item, account: account, store: call.store).at(call.now)
        let monthAgo = TransactionHistory.day(of: call.now) - 30
        let lastMonth = history.values.filter { !$0.pending && (TransactionHistory.day(of: $0.date) ?? 0) > monthAgo }
        let scoring = SignalScoring(amount: request.amount, account: account, lastMonth: Array(lastMonth))
        try await call.store.recordSignalEvaluation(
            token: request.processorToken.rawValue, clientTransactionID: request.clientTransactionID, itemID: item.itemID,
            amount: request.amount, customerScore: scoring.customerScore, bankScore: scoring.bankScore, now: call.now)
        return ProcessorSignalEvaluateResponse(
            requestID: call.requestID, scores: scoring.scores,
            coreAttributes: scoring.coreAttributes(account: account, linkedAt: item.createdAt, now: call.now),
            ruleset: .value(scoring.ruleset(key: request.rulesetKey?.value)), warnings: [])
    }
}

extension ProcessorSignalDecisionReportRequest: SandboxServed {
    /// `/processor/signal/decision/report`: stored against the evaluation it names.
    static func answer(_ request: ProcessorSignalDecisionReportRequest, _ call: SandboxCall) async throws -> ProcessorSignalReportResponse {
        try SignalChecks.transactionID(request.clientTransactionID)
        if let days = request.daysFundsOnHold?.value, days < 0 {
            throw SandboxError.invalidField("days_funds_on_hold must be 0 or more, not \(days)")
        }
        _ = try await call.processorAccount(request.processorToken, product: .signal)
        let decision = [request.initiated ? "initiated" : "not initiated", request.decisionOutcome?.value?.rawValue,
                        request.paymentMethod?.value?.rawValue].compactMap { $0 }.joined(separator: " ")
        try await SignalChecks.report(request.processorToken, request.clientTransactionID, .decision, decision, call)
        return ProcessorSignalReportResponse(requestID: call.requestID)
    }
}

extension ProcessorSignalReturnReportRequest: SandboxServed {
    /// `/processor/signal/return/report`: an ACH return code (`R01`…`R99`) stored against the
    /// evaluation it names.
    static func answer(_ request: ProcessorSignalReturnReportRequest, _ call: SandboxCall) async throws -> ProcessorSignalReportResponse {
        try SignalChecks.transactionID(request.clientTransactionID)
        guard request.returnCode.wholeMatch(of: /R[0-9]{2}/) != nil else {
            throw SandboxError.invalidField("return_code must be an ACH return code such as R01, not \"\(request.returnCode)\"")
        }
        if let returnedAt = request.returnedAt?.value, ISO8601DateTime.date(from: returnedAt) == nil {
            throw SandboxError.invalidField("returned_at must be an ISO 8601 date-time such as 2024-01-31T00:00:00Z, not \"\(returnedAt)\"")
        }
        _ = try await call.processorAccount(request.processorToken, product: .signal)
        try await SignalChecks.report(request.processorToken, request.clientTransactionID, .returnCode, request.returnCode, call)
        return ProcessorSignalReportResponse(requestID: call.requestID)
    }
}

extension ProcessorSignalPrepareRequest: SandboxServed {
    /// `/processor/signal/prepare`: the sandbox's accounts always have their history, so this
    /// checks the token and its permissions.
    static func answer(_ request: ProcessorSignalPrepareRequest, _ call: SandboxCall) async throws -> ProcessorSignalReportResponse {
        _ = try await call.processorAccount(request.processorToken, product: .signal)
        return ProcessorSignalReportResponse(requestID: call.requestID)
    }
}

/// What the Signal endpoints check alike.
enum SignalChecks {
    static func transactionID(_ id: String) throws {
        guard (1...36).contains(id.count) else {
            throw SandboxError.invalidField("client_transaction_id must be 1 to 36 characters, not \(id.count)")
        }
    }

    /// Stores a report, refusing one about a payment this token never had evaluated.
    static func report(_ token: ProcessorToken, _ id: String, _ column: SignalReport, _ value: String,
                       _ call: SandboxCall) async throws {
        guard try await call.store.reportSignal(token: token.rawValue, clientTransactionID: id, column: column, value: value) else {
            throw SandboxError.invalidField(
                "client_transaction_id \(id) was never evaluated with this processor token; report on payments /processor/signal/evaluate scored")
        }
    }
}
