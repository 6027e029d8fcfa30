import Foundation
import PlaidModels

/// An account's transactions as they stood at any moment: its generated history and the
/// transactions added to it, each shown from when it was added.
struct AccountTransactions: Sendable {
    let history: TransactionHistory
    let created: [CreatedTransaction]
    let accountID: String
    let currency: String

    static func load(item: StoredItem, account: SandboxAccount, store: any SandboxStore) async throws -> AccountTransactions {
        AccountTransactions(
            history: TransactionHistory(item: item, account: account),
            created: try await store.createdTransactions(itemID: item.itemID, accountID: account.accountID),
            accountID: account.accountID, currency: item.institution?.currency ?? "USD")
    }

    /// The transactions the account showed at `moment`, by id.
    func at(_ moment: Date) -> [String: Transaction] {
        var shown = history.transactions(at: moment, accountID: accountID, currency: currency)
        for added in created where added.createdAt <= moment {
            shown[added.transactionID] = added.transaction
        }
        return shown
    }

    /// Whether a transaction was added after `moment` and by `now`: the data changed in between.
    func changed(after moment: Date, by now: Date) -> Bool {
        created.contains { $0.createdAt > moment && $0.createdAt <= now }
    }

    /// Oldest first, then by id, so pages of changes come in a stable order.
    static func chronological(_ transactions: some Sequence<Transaction>) -> [Transaction] {
        transactions.sorted { ($0.date, $0.transactionID) < ($1.date, $1.transactionID) }
    }

    /// `transactions` with their bank descriptions when `include` is true.
    static func describing(_ transactions: [Transaction], include: Bool) -> [Transaction] {
        guard include else { return transactions }
        return transactions.map { transaction in
            var described = transaction
            described.originalDescription = .value(transaction.name.uppercased())
            return described
        }
    }
}
