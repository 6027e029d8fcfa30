import Foundation
import PlaidModels

extension ProcessorTransactionsRecurringGetRequest: SandboxServed {
    /// `/processor/transactions/recurring/get`: the streams ``RecurringStreams`` finds in the
    /// account's history as it stands now.
    static func answer(_ request: ProcessorTransactionsRecurringGetRequest, _ call: SandboxCall) async throws -> ProcessorTransactionsRecurringGetResponse {
        let (item, account) = try await call.processorAccount(request.processorToken, product: .transactions)
        let transactions = try await AccountTransactions.load(item: item, account: account, store: call.store)
        let streams = RecurringStreams.streams(in: Array(transactions.at(call.now).values), accountID: account.accountID,
                                               currency: transactions.currency, today: TransactionHistory.day(of: call.now))
        return ProcessorTransactionsRecurringGetResponse(
            inflowStreams: streams.inflows, outflowStreams: streams.outflows,
            updatedDatetime: ISO8601DateTime.string(from: call.now), requestID: call.requestID)
    }
}
