import Foundation
import PlaidModels

extension ProcessorTransactionsGetRequest: SandboxServed {
    /// `/processor/transactions/get`: the account's transactions dated from `start_date` to
    /// `end_date`, newest first, `options.count` of them from `options.offset`.
    static func answer(_ request: ProcessorTransactionsGetRequest, _ call: SandboxCall) async throws -> ProcessorTransactionsGetResponse {
        let dates = try DatedPage(startDate: request.startDate, endDate: request.endDate, count: request.options?.count,
                                  offset: request.options?.offset)
        let (item, account) = try await call.processorAccount(request.processorToken, product: .transactions)
        let transactions = try await AccountTransactions.load(item: item, account: account, store: call.store)
        let dated = Array(AccountTransactions.chronological(transactions.at(call.now).values.filter { dates.contains($0.date) }).reversed())
        let page = dates.page(dated)
        return ProcessorTransactionsGetResponse(
            account: account.account(),
            transactions: AccountTransactions.describing(page, include: request.options?.includeOriginalDescription?.value == true),
            totalTransactions: dated.count, requestID: call.requestID)
    }
}
