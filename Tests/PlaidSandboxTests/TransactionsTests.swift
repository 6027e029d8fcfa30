import Foundation
import PlaidClient
import PlaidModels
import Testing

/// The sandbox's transactions: a history that is the same for the same user in every sandbox,
/// changes over time as a bank's does, pages through `/processor/transactions/sync` with
/// cursors, and takes transactions added for `user_transactions_dynamic`.
@Suite struct TransactionsTests {
    /// A fixed moment, so the generated history and its changes are the same on every run.
    static let linkedAt = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28

    /// A dwolla processor token on the checking account of a new Item, and its access token.
    static func checkingToken(_ sandbox: TestSandbox, username: String? = nil) async throws -> (ProcessorToken, AccessToken) {
        let created = try await sandbox.developer.send(SandboxPublicTokenCreateRequest(
            institutionID: "ins_109508", initialProducts: [.transactions],
            options: username.map { SandboxPublicTokenCreateOptions(overrideUsername: .value($0), overridePassword: .value("any")) }))
        let accessToken = try await sandbox.developer.send(ItemPublicTokenExchangeRequest(publicToken: created.publicToken)).accessToken
        return (try await sandbox.processorToken(accessToken), accessToken)
    }

    /// Every page of one sync from `cursor`, and the cursor after the last.
    static func syncAll(_ client: PlaidClient, _ token: ProcessorToken, from cursor: String? = nil, count: Int = 500)
        async throws -> (added: [Transaction], modified: [Transaction], removed: [RemovedTransaction], cursor: String, pages: Int) {
        var added: [Transaction] = [], modified: [Transaction] = [], removed: [RemovedTransaction] = []
        var cursor = cursor, pages = 0
        while true {
            let page = try await client.send(ProcessorTransactionsSyncRequest(processorToken: token, cursor: cursor, count: count))
            #expect(page.added.count + page.modified.count + page.removed.count <= count)
            added += page.added
            modified += page.modified
            removed += page.removed
            cursor = page.nextCursor
            pages += 1
            if !page.hasMore { return (added, modified, removed, page.nextCursor, pages) }
        }
    }

    @Test func theSameUserHasTheSameTwoYearHistoryInEverySandbox() async throws {
        var histories: [[String]] = []
        for _ in 0..<2 {
            let clock = TestClock(Self.linkedAt)
            try await TestSandbox.with(configure: { $0.clock = { clock.now } }) { sandbox in
                let (token, _) = try await Self.checkingToken(sandbox)
                let all = try await Self.syncAll(sandbox.partner(.dwolla), token)
                histories.append(all.added.map { "\($0.date) \($0.name) \($0.amount) \($0.pending)" }.sorted())
                #expect(all.added.count >= 300)
                let dates = all.added.map(\.date).sorted()
                #expect(dates.first! <= "2024-05-28", "the history reaches back at least two years: \(dates.first!)")
                let categories = Set(all.added.compactMap { $0.personalFinanceCategory?.value?.primary })
                #expect(categories.isSuperset(of: ["INCOME", "RENT_AND_UTILITIES", "FOOD_AND_DRINK", "LOAN_PAYMENTS"]))
                #expect(all.added.contains { $0.amount < 0 } && all.added.contains { $0.amount > 0 }, "money in and out")
            }
        }
        #expect(histories[0] == histories[1])
    }

    @Test func anotherUserHasAnotherHistory() async throws {
        let clock = TestClock(Self.linkedAt)
        try await TestSandbox.with(configure: { $0.clock = { clock.now } }) { sandbox in
            let (good, _) = try await Self.checkingToken(sandbox)
            let (dynamic, _) = try await Self.checkingToken(sandbox, username: "user_transactions_dynamic")
            let first = try await Self.syncAll(sandbox.partner(.dwolla), good).added.map(\.amount).sorted()
            let second = try await Self.syncAll(sandbox.partner(.dwolla), dynamic).added.map(\.amount).sorted()
            #expect(first != second)
        }
    }

    @Test func pagesTogetherAreTheWholeHistoryAndTheLastCursorHasNothingNew() async throws {
        try await TestSandbox.with { sandbox in
            let (token, _) = try await Self.checkingToken(sandbox)
            let dwolla = sandbox.partner(.dwolla)
            let whole = try await Self.syncAll(dwolla, token)
            let paged = try await Self.syncAll(dwolla, token, count: 100)
            #expect(paged.pages == (whole.added.count + 99) / 100)
            #expect(Set(paged.added.map(\.transactionID)) == Set(whole.added.map(\.transactionID)))
            #expect(paged.added.count == whole.added.count, "no transaction on two pages")
            let after = try await dwolla.send(ProcessorTransactionsSyncRequest(processorToken: token, cursor: paged.cursor))
            #expect(after.added.isEmpty && after.modified.isEmpty && after.removed.isEmpty && !after.hasMore)
        }
    }

    @Test func overTimePurchasesPostAmountsAreCorrectedAndSomeAreWithdrawn() async throws {
        let clock = TestClock(Self.linkedAt)
        try await TestSandbox.with(configure: { $0.clock = { clock.now } }) { sandbox in
            let (token, _) = try await Self.checkingToken(sandbox)
            let dwolla = sandbox.partner(.dwolla)
            let start = try await Self.syncAll(dwolla, token)
            let pendingAtStart = start.added.filter(\.pending).map(\.transactionID)
            #expect(!pendingAtStart.isEmpty, "recent purchases are pending")
            var known = Dictionary(uniqueKeysWithValues: start.added.map { ($0.transactionID, $0) })
            var cursor = start.cursor, added = 0, modified = 0, posted = 0, withdrawn = 0
            // A client that syncs daily for three months sees each change as it happens.
            for _ in 0..<90 {
                clock.advance(by: 86_400)
                let day = try await Self.syncAll(dwolla, token, from: cursor)
                cursor = day.cursor
                for transaction in day.modified {
                    #expect(known[transaction.transactionID] != nil, "a modified transaction was seen before")
                    #expect(known[transaction.transactionID]?.amount != transaction.amount)
                    modified += 1
                }
                for removal in day.removed {
                    let pendingPosted = day.added.contains { $0.pendingTransactionID.value == removal.transactionID }
                    if pendingPosted { posted += 1 } else { withdrawn += 1 }
                    known[removal.transactionID] = nil
                }
                for transaction in day.added + day.modified { known[transaction.transactionID] = transaction }
                added += day.added.count
            }
            #expect(added > 45, "three months of new transactions")
            #expect(modified > 0, "some amounts were corrected")
            #expect(posted > 0, "pending purchases posted under new ids")
            #expect(withdrawn > 0, "some transactions were withdrawn")
            #expect(pendingAtStart.allSatisfy { known[$0] == nil }, "every purchase pending at the start has posted")
        }
    }

    @Test func aTransactionCreatedWhilePagingFailsTheNextPageAndTheSyncStartsAgain() async throws {
        try await TestSandbox.with { sandbox in
            let (token, accessToken) = try await Self.checkingToken(sandbox, username: "user_transactions_dynamic")
            let dwolla = sandbox.partner(.dwolla)
            let first = try await dwolla.send(ProcessorTransactionsSyncRequest(processorToken: token, count: 100))
            #expect(first.hasMore)
            _ = try await sandbox.developer.send(SandboxTransactionsCreateRequest(accessToken: accessToken, transactions: [
                CustomSandboxTransaction(dateTransacted: "2026-01-02", datePosted: "2026-01-03", amount: 42.17, description: "TEST SHOP"),
            ]))
            let error = await plaidError {
                try await dwolla.send(ProcessorTransactionsSyncRequest(processorToken: token, cursor: first.nextCursor, count: 100))
            }
            #expect(error?.errorType == .transactionsError)
            #expect(error?.errorCode == "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION")
            #expect(error?.httpStatus == 400)
            let again = try await Self.syncAll(dwolla, token, count: 100)
            #expect(again.added.contains { $0.name == "TEST SHOP" && $0.amount == 42.17 && $0.date == "2026-01-03" })

            _ = try await sandbox.developer.send(SandboxTransactionsCreateRequest(accessToken: accessToken, transactions: [
                CustomSandboxTransaction(dateTransacted: "2026-01-04", datePosted: "2026-01-04", amount: -500, description: "REFUND"),
            ]))
            let next = try await Self.syncAll(dwolla, token, from: again.cursor)
            #expect(next.added.map(\.name) == ["REFUND"], "the next sync returns what was created, with no refresh")
        }
    }

    @Test func createdTransactionsNeedTheDynamicUserAndValidFields() async throws {
        try await TestSandbox.with { sandbox in
            let (_, ordinary) = try await Self.checkingToken(sandbox)
            let one = [CustomSandboxTransaction(dateTransacted: "2026-01-02", datePosted: "2026-01-03", amount: 1, description: "X")]
            let notDynamic = await plaidError {
                try await sandbox.developer.send(SandboxTransactionsCreateRequest(accessToken: ordinary, transactions: one))
            }
            #expect(notDynamic?.errorCode == "INVALID_FIELD")
            #expect(notDynamic?.errorMessage.value?.contains("user_transactions_dynamic") == true)

            let (_, dynamic) = try await Self.checkingToken(sandbox, username: "user_transactions_dynamic")
            let cases: [([CustomSandboxTransaction], String)] = [
                (Array(repeating: one[0], count: 11), "from 1 to 10"),
                ([CustomSandboxTransaction(dateTransacted: "2026-02-30", datePosted: "2026-03-01", amount: 1, description: "X")], "date_transacted"),
                ([CustomSandboxTransaction(dateTransacted: "2026-03-02", datePosted: "2026-03-01", amount: 1, description: "X")], "before"),
                ([CustomSandboxTransaction(dateTransacted: "2026-03-01", datePosted: "2026-03-01", amount: 1, description: "X",
                                           accountID: "not-an-account")], ""),
            ]
            for (transactions, words) in cases {
                let error = await plaidError {
                    try await sandbox.developer.send(SandboxTransactionsCreateRequest(accessToken: dynamic, transactions: transactions))
                }
                #expect(error?.httpStatus == 400)
                #expect(["INVALID_FIELD", "INVALID_ACCOUNT_ID"].contains(error?.errorCode ?? ""), "\(String(describing: error))")
                #expect(words.isEmpty || error?.errorMessage.value?.contains(words) == true, "\(String(describing: error))")
            }
        }
    }

    @Test func badCursorsCountsAndDateRangesAreInvalidFields() async throws {
        try await TestSandbox.with { sandbox in
            let (token, _) = try await Self.checkingToken(sandbox)
            let (other, _) = try await Self.checkingToken(sandbox)
            let dwolla = sandbox.partner(.dwolla)
            let othersCursor = try await dwolla.send(ProcessorTransactionsSyncRequest(processorToken: other, count: 1)).nextCursor
            let refusals: [(String, () async throws -> Void)] = [
                ("cursor", { _ = try await dwolla.send(ProcessorTransactionsSyncRequest(processorToken: token, cursor: "bogus")) }),
                ("another processor token", { _ = try await dwolla.send(ProcessorTransactionsSyncRequest(processorToken: token, cursor: othersCursor)) }),
                ("count", { _ = try await dwolla.send(ProcessorTransactionsSyncRequest(processorToken: token, count: 501)) }),
                ("count", { _ = try await dwolla.send(ProcessorTransactionsSyncRequest(processorToken: token, count: 0)) }),
                ("after end_date", { _ = try await dwolla.send(ProcessorTransactionsGetRequest(processorToken: token, startDate: "2026-02-01", endDate: "2026-01-01")) }),
                ("start_date", { _ = try await dwolla.send(ProcessorTransactionsGetRequest(processorToken: token, startDate: "yesterday", endDate: "2026-01-01")) }),
                ("options.count", { _ = try await dwolla.send(ProcessorTransactionsGetRequest(
                    processorToken: token, startDate: "2026-01-01", endDate: "2026-02-01", options: ProcessorTransactionsGetOptions(count: 501))) }),
            ]
            for (words, call) in refusals {
                let error = await plaidError(of: call)
                #expect(error?.errorType == .invalidRequest, "\(words)")
                #expect(error?.errorCode == "INVALID_FIELD", "\(words)")
                #expect(error?.errorMessage.value?.contains(words) == true, "\(words): \(String(describing: error?.errorMessage))")
            }
        }
    }

    @Test func getGivesTheDatesNewestFirstAPageAtATime() async throws {
        let clock = TestClock(Self.linkedAt)
        try await TestSandbox.with(configure: { $0.clock = { clock.now } }) { sandbox in
            let (token, _) = try await Self.checkingToken(sandbox)
            let dwolla = sandbox.partner(.dwolla)
            func page(_ offset: Int) async throws -> ProcessorTransactionsGetResponse {
                try await dwolla.send(ProcessorTransactionsGetRequest(
                    processorToken: token, startDate: "2025-01-01", endDate: "2025-06-30",
                    options: ProcessorTransactionsGetOptions(count: 50, offset: offset)))
            }
            let first = try await page(0)
            #expect(first.totalTransactions > 100)
            #expect(first.transactions.count == 50)
            #expect(first.transactions.map(\.date) == first.transactions.map(\.date).sorted(by: >))
            var all = first.transactions
            while all.count < first.totalTransactions { all += try await page(all.count).transactions }
            #expect(Set(all.map(\.transactionID)).count == first.totalTransactions)
            #expect(all.allSatisfy { ("2025-01-01"..."2025-06-30").contains($0.date) })
        }
    }

    @Test func aTokenLimitedToAuthReadsNoTransactions() async throws {
        try await TestSandbox.with { sandbox in
            let (token, _) = try await Self.checkingToken(sandbox)
            _ = try await sandbox.developer.send(ProcessorTokenPermissionsSetRequest(processorToken: token, products: [.auth]))
            let error = await plaidError { try await sandbox.partner(.dwolla).send(ProcessorTransactionsSyncRequest(processorToken: token)) }
            #expect(error?.errorCode == "INVALID_PRODUCT")
            #expect(error?.errorMessage.value?.contains("transactions") == true)
        }
    }
}
