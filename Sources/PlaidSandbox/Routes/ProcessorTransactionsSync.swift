import Foundation
import PlaidModels

extension ProcessorTransactionsSyncRequest: SandboxServed {
    /// `/processor/transactions/sync`: what changed in the account's transactions between the
    /// cursor's moment and now — the whole history when there is no cursor — a page at a time.
    /// The pages of one pagination all compare against the moment its first page was read; a
    /// transaction added while a client pages makes the next page fail, as Plaid's does, and the
    /// client starts again from its last complete cursor.
    static func answer(_ request: ProcessorTransactionsSyncRequest, _ call: SandboxCall) async throws -> ProcessorTransactionsSyncResponse {
        let count = request.count ?? defaultCount
        guard (1...maximumCount).contains(count) else {
            throw SandboxError.invalidField("count must be from 1 to \(maximumCount), not \(count)")
        }
        let days = request.options?.daysRequested
        if let days, !(1...730).contains(days) {
            throw SandboxError.invalidField("options.days_requested must be from 1 to 730, not \(days)")
        }
        let binding = SyncCursor.binding(of: request.processorToken.rawValue)
        let given = try request.cursor.flatMap { $0.isEmpty ? nil : $0 }.map { text in
            guard let cursor = SyncCursor(text: text) else {
                throw SandboxError.invalidField("cursor is not a next_cursor this sandbox gave; sync from the start without one")
            }
            return cursor
        }
        let (item, account) = try await call.processorAccount(request.processorToken, product: .transactions)
        if let given, given.binding != binding {
            throw SandboxError.invalidField("cursor belongs to another processor token; use the next_cursor this token's syncs gave")
        }
        let transactions = try await AccountTransactions.load(item: item, account: account, store: call.store)
        let since = given?.since.map(Date.init(timeIntervalSince1970:))
        let paging = given.map { $0.offset > 0 } ?? false
        let snapshot = paging ? Date(timeIntervalSince1970: given!.snapshot ?? call.now.timeIntervalSince1970) : call.now
        if paging, transactions.changed(after: snapshot, by: call.now) {
            throw SandboxError(type: .transactionsError, code: "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION",
                               message: "the account's transactions changed while they were being paged; sync again from the cursor "
                                   + "that began this pagination")
        }
        let firstDay = (since == nil ? days ?? given?.days : nil).map { TransactionHistory.day(of: snapshot) - $0 }
        let before = since.map(transactions.at) ?? [:]
        let after = transactions.at(snapshot).filter { firstDay == nil || TransactionHistory.day(of: $0.value.date)! > firstDay! }

        let added = AccountTransactions.chronological(after.values.filter { before[$0.transactionID] == nil })
        let modified = AccountTransactions.chronological(after.values.filter { now in
            before[now.transactionID].map { $0 != now } ?? false
        })
        let removed = AccountTransactions.chronological(before.values.filter { after[$0.transactionID] == nil })
        let changes = added.map(Change.added) + modified.map(Change.modified) + removed.map(Change.removed)
        let offset = given?.offset ?? 0
        let page = changes.dropFirst(offset).prefix(count)
        let hasMore = offset + page.count < changes.count
        let next = hasMore
            ? SyncCursor(binding: binding, since: since?.timeIntervalSince1970, snapshot: snapshot.timeIntervalSince1970,
                         offset: offset + page.count, days: since == nil ? days ?? given?.days : nil)
            : SyncCursor(binding: binding, since: snapshot.timeIntervalSince1970, snapshot: nil, offset: 0, days: nil)
        let describe = request.options?.includeOriginalDescription?.value == true
        return ProcessorTransactionsSyncResponse(
            transactionsUpdateStatus: .historicalUpdateComplete, account: account.account(),
            added: AccountTransactions.describing(page.compactMap(\.added), include: describe),
            modified: AccountTransactions.describing(page.compactMap(\.modified), include: describe),
            removed: page.compactMap(\.removed).map { RemovedTransaction(transactionID: $0.transactionID, accountID: $0.accountID) },
            nextCursor: next.text, hasMore: hasMore, requestID: call.requestID)
    }

    private enum Change {
        case added(Transaction), modified(Transaction), removed(Transaction)

        var added: Transaction? { if case .added(let transaction) = self { transaction } else { nil } }
        var modified: Transaction? { if case .modified(let transaction) = self { transaction } else { nil } }
        var removed: Transaction? { if case .removed(let transaction) = self { transaction } else { nil } }
    }
}

/// Where a sync stands, handed to the client as an opaque `next_cursor`: the processor token it
/// belongs to, the moment of the last complete sync, and within a pagination the moment it
/// compares against and how far it got.
struct SyncCursor: Codable, Equatable {
    /// A hash of the processor token, so a cursor cannot be used with another token.
    let binding: String
    let since: Double?
    let snapshot: Double?
    let offset: Int
    let days: Int?

    init(binding: String, since: Double?, snapshot: Double?, offset: Int, days: Int?) {
        self.binding = binding
        self.since = since
        self.snapshot = snapshot
        self.offset = offset
        self.days = days
    }

    init?(text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let cursor = try? JSONDecoder().decode(SyncCursor.self, from: data),
              cursor.offset >= 0
        else { return nil }
        self = cursor
    }

    var text: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func binding(of token: String) -> String {
        String(TransactionHistory.stableHash(token), radix: 16)
    }
}
