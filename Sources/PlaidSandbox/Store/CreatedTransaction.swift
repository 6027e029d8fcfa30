import Foundation
import GRDB
import PlaidModels

/// A transaction added with `/sandbox/transactions/create`: the only transactions the database
/// keeps, since an account's own history is generated (``TransactionHistory``).
struct CreatedTransaction: Sendable {
    let transactionID: String
    let itemID: String
    let accountID: String
    let dateTransacted: String
    let datePosted: String
    let amount: Double
    let description: String
    let currency: String
    /// When it was added: it shows in the account from then on.
    let createdAt: Date

    init(transactionID: String, itemID: String, accountID: String, dateTransacted: String, datePosted: String, amount: Double,
         description: String, currency: String, createdAt: Date) {
        self.transactionID = transactionID
        self.itemID = itemID
        self.accountID = accountID
        self.dateTransacted = dateTransacted
        self.datePosted = datePosted
        self.amount = amount
        self.description = description
        self.currency = currency
        self.createdAt = createdAt
    }

    init(row: Row) {
        transactionID = row["transaction_id"]
        itemID = row["item_id"]
        accountID = row["account_id"]
        dateTransacted = row["date_transacted"]
        datePosted = row["date_posted"]
        amount = row["amount"]
        description = row["description"]
        currency = row["iso_currency_code"]
        createdAt = Date(timeIntervalSince1970: row["created_at"])
    }

    var transaction: Transaction {
        Transaction(
            transactionID: transactionID, accountID: accountID, amount: amount, isoCurrencyCode: .value(currency),
            date: datePosted, authorizedDate: .value(dateTransacted), name: description, pending: false, paymentChannel: .other,
            personalFinanceCategory: .value(PersonalFinanceCategory(
                primary: amount < 0 ? "TRANSFER_IN" : "GENERAL_MERCHANDISE",
                detailed: amount < 0 ? "TRANSFER_IN_DEPOSIT" : "GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE")))
    }
}
