import Foundation
import PlaidModels

extension SandboxTransactionsCreateRequest: SandboxServed {
    /// `/sandbox/transactions/create`: adds posted transactions to an Item linked as
    /// `user_transactions_dynamic` (Plaid allows it for no other); the next sync of the account
    /// returns them, without a refresh.
    static func answer(_ request: SandboxTransactionsCreateRequest, _ call: SandboxCall) async throws -> SandboxTransactionsCreateResponse {
        guard (1...maximumCount).contains(request.transactions.count) else {
            throw SandboxError.invalidField("transactions must hold from 1 to \(maximumCount) transactions, not \(request.transactions.count)")
        }
        let item = try await call.item(accessToken: request.accessToken)
        if let error = item.error { throw error }
        guard item.username == TestLogin.dynamicTransactionsUsername else {
            throw SandboxError.invalidField("/sandbox/transactions/create adds transactions only to Items linked with "
                + "override_username \(TestLogin.dynamicTransactionsUsername); this Item's user is \(item.username)")
        }
        let withHistory = item.accounts.filter { !HistoryTemplate.templates(for: $0.kind).isEmpty }
        let created = try request.transactions.enumerated().map { index, transaction in
            let place = "transactions[\(index + 1)]"
            guard let transacted = TransactionHistory.day(of: transaction.dateTransacted) else {
                throw SandboxError.invalidField("\(place).date_transacted must be a date such as 2024-01-31, not \"\(transaction.dateTransacted)\"")
            }
            guard let posted = TransactionHistory.day(of: transaction.datePosted) else {
                throw SandboxError.invalidField("\(place).date_posted must be a date such as 2024-01-31, not \"\(transaction.datePosted)\"")
            }
            guard posted >= transacted else {
                throw SandboxError.invalidField("\(place).date_posted is before its date_transacted")
            }
            guard !transaction.description.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw SandboxError.invalidField("\(place).description must not be empty")
            }
            let account = try transaction.accountID.map { id in
                guard let account = withHistory.first(where: { $0.accountID == id }) else { throw SandboxError.invalidAccountID }
                return account
            } ?? withHistory.first { $0.kind.subtype == .checking } ?? withHistory.first
            guard let account else { throw SandboxError.invalidAccountID }
            return CreatedTransaction(
                transactionID: TokenFactory.transactionID(), itemID: item.itemID, accountID: account.accountID,
                dateTransacted: transaction.dateTransacted, datePosted: transaction.datePosted,
                amount: HistoryTemplate.cents(transaction.amount), description: transaction.description,
                currency: transaction.isoCurrencyCode ?? item.institution?.currency ?? "USD", createdAt: call.now)
        }
        try await call.store.addTransactions(created, now: call.now)
        return SandboxTransactionsCreateResponse(requestID: call.requestID)
    }
}
