import Foundation
import PlaidModels
import Testing

/// `user_custom`: the password is a JSON configuration, and the Item has exactly the accounts,
/// balances, numbers, owners and transactions it describes, within Plaid's limits.
@Suite struct CustomUserTests {
    static func link(_ sandbox: TestSandbox, _ configuration: String) async throws -> AccessToken {
        let created = try await sandbox.developer.send(SandboxPublicTokenCreateRequest(
            institutionID: "ins_109508", initialProducts: [.auth],
            options: SandboxPublicTokenCreateOptions(overrideUsername: .value("user_custom"), overridePassword: .value(configuration))))
        return try await sandbox.developer.send(ItemPublicTokenExchangeRequest(publicToken: created.publicToken)).accessToken
    }

    static let configuration = """
        {"override_accounts": [
          {"type": "depository", "subtype": "checking", "starting_balance": 50, "force_available_balance": 42.17,
           "meta": {"name": "Ops Test Checking"}, "numbers": {"account": "1234567890", "ach_routing": "011401533"},
           "identity": {"names": ["Jane Q Tester"], "emails": [{"data": "jane@example.com", "primary": true, "type": "primary"}]},
           "transactions": [{"date_transacted": "2026-11-01", "date_posted": "2026-11-02", "amount": 12.5, "description": "COFFEE"}]},
          {"type": "credit", "subtype": "credit card", "starting_balance": 300, "meta": {"limit": 1000, "mask": "4242"}}
        ]}
        """

    @Test func theItemHasExactlyTheConfiguredAccounts() async throws {
        try await TestSandbox.with { sandbox in
            let accessToken = try await Self.link(sandbox, Self.configuration)
            let accounts = try await sandbox.developer.send(AccountsGetRequest(accessToken: accessToken)).accounts
            #expect(accounts.count == 2)
            let checking = try #require(accounts.first)
            #expect(checking.name == "Ops Test Checking")
            #expect(checking.balances.available == .value(42.17) && checking.balances.current == .value(50))
            #expect(accounts.last?.balances.limit == .value(1000) && accounts.last?.mask == .value("4242"))

            let token = try await sandbox.processorToken(accessToken, account: "Ops Test Checking")
            let dwolla = sandbox.partner(.dwolla)
            let auth = try await dwolla.send(ProcessorAuthGetRequest(processorToken: token))
            #expect(auth.numbers.ach?.value?.account == "1234567890")
            let owner = try await dwolla.send(ProcessorIdentityGetRequest(processorToken: token)).account.owners?.first
            #expect(owner?.names == ["Jane Q Tester"])
            #expect(owner?.emails.map(\.data) == ["jane@example.com"])
            let synced = try await dwolla.send(ProcessorTransactionsSyncRequest(processorToken: token))
            #expect(synced.added.map(\.name) == ["COFFEE"])
        }
    }

    @Test func anEmptyConfigurationIsARandomButValidUser() async throws {
        try await TestSandbox.with { sandbox in
            let first = try await sandbox.developer.send(AccountsGetRequest(accessToken: try await Self.link(sandbox, "{}"))).accounts
            let second = try await sandbox.developer.send(AccountsGetRequest(accessToken: try await Self.link(sandbox, "{}"))).accounts
            #expect(first.count == 9 && second.count == 9)
            #expect(first.map(\.balances.current) != second.map(\.balances.current), "each Item has balances of its own")
            #expect(first.allSatisfy { ($0.balances.current.value ?? 0) > 0 })
        }
    }

    @Test func anInflowModelAddsMonthlyIncomeAndALiabilityItsTerms() async throws {
        try await TestSandbox.with { sandbox in
            let accessToken = try await Self.link(sandbox, """
                {"override_accounts": [
                  {"type": "depository", "subtype": "checking", "starting_balance": 900,
                   "inflow_model": {"type": "monthly-income", "income_amount": 3200, "payment_day_of_month": 15, "transaction_name": "ACME PAYROLL"}},
                  {"type": "credit", "subtype": "credit card", "starting_balance": 640,
                   "liability": {"type": "credit", "purchase_apr": 21.99, "minimum_payment_amount": 35, "is_overdue": true}}
                ]}
                """)
            let dwolla = sandbox.partner(.dwolla)
            let checking = try await sandbox.processorToken(accessToken, account: "Custom Checking")
            let income = try await dwolla.send(ProcessorTransactionsSyncRequest(processorToken: checking, count: 500)).added
            #expect(income.count >= 24 && income.allSatisfy { $0.name == "ACME PAYROLL" && $0.amount == -3200 && $0.date.hasSuffix("-15") })
            let card = try await sandbox.processorToken(accessToken, account: "Custom Credit Card")
            let liability = try #require(try await dwolla.send(ProcessorLiabilitiesGetRequest(processorToken: card)).liabilities.credit.value?.first)
            #expect(liability.aprs.contains { $0.aprType == "purchase_apr" && $0.aprPercentage == 21.99 })
            #expect(liability.minimumPaymentAmount == .value(35) && liability.isOverdue == .value(true))
        }
    }

    @Test func configurationsPastPlaidsLimitsAreRefused() async throws {
        let account = #"{"type": "depository", "subtype": "checking"}"#
        let transaction = #"{"date_transacted": "2026-01-01", "date_posted": "2026-01-01", "amount": 1, "description": "X"}"#
        let cases = [
            ("{not json", "JSON configuration"),
            (#"{"override_accounts": [\#(Array(repeating: account, count: 11).joined(separator: ","))]}"#, "at most 10 accounts"),
            (#"{"override_accounts": [{"type": "depository", "subtype": "checking", "transactions": [\#(Array(repeating: transaction, count: 251).joined(separator: ","))]}]}"#,
             "at most 250 transactions"),
            (#"{"override_accounts": [{"type": "depository", "subtype": "piggy bank"}]}"#, "piggy bank"),
            (#"{"override_accounts": [{"type": "depository", "subtype": "checking", "inflow_model": {"type": "monthly-income"}}]}"#,
             "payment_day_of_month"),
            (#"{"override_accounts": [{"type": "depository", "subtype": "checking", "liability": {"type": "credit"}}]}"#, "credit card"),
        ]
        try await TestSandbox.with { sandbox in
            for (configuration, words) in cases {
                let error = await plaidError { try await Self.link(sandbox, configuration) }
                #expect(error?.errorCode == "INVALID_FIELD", "\(words)")
                #expect(error?.errorMessage.value?.contains(words) == true, "\(String(describing: error?.errorMessage))")
            }
        }
    }
}
