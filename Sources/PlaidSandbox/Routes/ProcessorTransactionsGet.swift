import Foundation
import PlaidModels

extension ProcessorTransactionsGetRequest: SandboxServed {
    /// `/processor/transactions/get`: the account's transactions dated from `start_date` to
    /// `end_date`, newest first, `options.count` of them from `options.offset`.
    static func answer(_ request: ProcessorTransactionsGetRequest, _ call: SandboxCall) async throws -> ProcessorTransactionsGetResponse {
        guard let start = TransactionHistory.day(of: request.startDate) else {
            throw SandboxError.invalidField("start_date must be a date such as 2024-01-31, not \"\(request.startDate)\"")
        }
        guard let end = TransactionHistory.day(of: request.endDate) else {
            throw SandboxError.invalidField("end_date must be a date such as 2024-01-31, not \"\(request.endDate)\"")
        }
        guard start <= end else {
            throw SandboxError.invalidField("start_date \(request.startDate) is after end_date \(request.endDate)")
        }
        let count = request.options?.count ?? ProcessorTransactionsSyncRequest.defaultCount
        guard (1...ProcessorTransactionsSyncRequest.maximumCount).contains(count) else {
            throw SandboxError.invalidField("options.count must be from 1 to \(ProcessorTransactionsSyncRequest.maximumCount), not \(count)")
        }
        let offset = request.options?.offset ?? 0
        guard offset >= 0 else { throw SandboxError.invalidField("options.offset must be 0 or more, not \(offset)") }
        let (item, account) = try await call.processorAccount(request.processorToken, product: .transactions)
        let transactions = try await AccountTransactions.load(item: item, account: account, store: call.store)
        let dated = AccountTransactions.chronological(transactions.at(call.now).values.filter { transaction in
            TransactionHistory.day(of: transaction.date).map { (start...end).contains($0) } ?? false
        }).reversed()
        let page = Array(dated.dropFirst(offset).prefix(count))
        return ProcessorTransactionsGetResponse(
            account: account.account(),
            transactions: AccountTransactions.describing(page, include: request.options?.includeOriginalDescription?.value == true),
            totalTransactions: dated.count, requestID: call.requestID)
    }
}
