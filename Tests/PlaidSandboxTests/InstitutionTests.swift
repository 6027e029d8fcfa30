import Foundation
import PlaidModels
@testable import PlaidSandbox
import Testing

/// The institutions whose behaviour differs: Capital One's balance rules, Chase's tokenized
/// numbers, Sallie Mae's loan balances, Canadian EFT and UK BACS numbers.
@Suite struct InstitutionTests {
    @Test func capitalOneBalanceRequiresMinLastUpdatedDatetime() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem("ins_128026"))
            let error = await plaidError { try await sandbox.partner(.dwolla).send(ProcessorBalanceGetRequest(processorToken: token)) }
            #expect(error?.errorType == .invalidRequest)
            #expect(error?.errorCode == "INVALID_FIELD")
            #expect(error?.httpStatus == 400)
        }
    }

    @Test func capitalOneBalanceOlderThanAskedIsOutOfRange() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000 + 3600 * 5))
        try await TestSandbox.with(configure: { $0.clock = { clock.now } }) { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem("ins_128026"))
            let tooRecent = ProcessorBalanceGetOptions(minLastUpdatedDatetime: ISO8601DateTime.string(from: clock.now.addingTimeInterval(-60)))
            let error = await plaidError {
                try await sandbox.partner(.dwolla).send(ProcessorBalanceGetRequest(processorToken: token, options: tooRecent))
            }
            #expect(error?.errorType == .invalidRequest)
            #expect(error?.errorCode == "LAST_UPDATED_DATETIME_OUT_OF_RANGE")
            let midnight = ISO8601DateTime.string(from: BalanceFreshness.lastUpdated(at: clock.now))
            #expect(error?.errorMessage.value?.hasSuffix(midnight) == true)
        }
    }

    @Test func capitalOneBalanceFillsLastUpdatedDatetime() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        try await TestSandbox.with(configure: { $0.clock = { clock.now } }) { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem("ins_128026"))
            // Python's isoformat(): microseconds and a +00:00 offset.
            let dayAgo = ProcessorBalanceGetOptions(minLastUpdatedDatetime: "2027-01-14T08:00:00.188191+00:00")
            let balance = try await sandbox.partner(.dwolla).send(ProcessorBalanceGetRequest(processorToken: token, options: dayAgo))
            #expect(balance.account.balances.lastUpdatedDatetime == .value("2027-01-15T00:00:00Z"))
            #expect(balance.account.balances.current == .value(110))
        }
    }

    @Test func otherInstitutionsIgnoreMinLastUpdatedDatetime() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem())
            let future = ProcessorBalanceGetOptions(minLastUpdatedDatetime: "2999-01-01T00:00:00Z")
            let balance = try await sandbox.partner(.dwolla).send(ProcessorBalanceGetRequest(processorToken: token, options: future))
            #expect(balance.account.balances.lastUpdatedDatetime == .null)
        }
    }

    @Test func chaseGivesTokenizedNumbersWhileTheMaskKeepsTheRealDigits() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem("ins_56"))
            let auth = try await sandbox.partner(.dwolla).send(ProcessorAuthGetRequest(processorToken: token))
            let ach = try #require(auth.numbers.ach?.value)
            #expect(auth.account.mask == .value("0000"))
            #expect(ach.isTokenizedAccountNumber == true)
            #expect(ach.account != "1111222233330000" && ach.account.count == 16 && !ach.account.hasSuffix("0000"))
            #expect(ach.routing != "021000021" && ach.routing.count == 9)
            #expect(TransferNumbers.abaRoutingNumber(prefix: String(ach.routing.prefix(8))) == ach.routing)
            #expect(auth.account.persistentAccountID?.count == 56)
            let again = try await sandbox.partner(.dwolla).send(ProcessorAuthGetRequest(processorToken: token))
            #expect(again.numbers == auth.numbers)
        }
    }

    @Test func sallieMaeStudentLoanBalanceIncludesInterest() async throws {
        try await TestSandbox.with { sandbox in
            let sallie = try await sandbox.developer.send(AccountsGetRequest(accessToken: try await sandbox.linkItem("ins_116944")))
            let loan = try #require(sallie.accounts.first { $0.subtype == .value(.student) })
            #expect(loan.balances.current == .value(65262 + 1281.45))
            let platypus = try await sandbox.developer.send(AccountsGetRequest(accessToken: try await sandbox.linkItem()))
            #expect(platypus.accounts.first { $0.subtype == .value(.student) }?.balances.current == .value(65262))
        }
    }

    @Test func canadianAccountsHaveEFTNumbersInCAD() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem("ins_43"), processor: .vopay)
            let auth = try await sandbox.partner(.vopay).send(ProcessorAuthGetRequest(processorToken: token))
            #expect(auth.numbers.ach == .null)
            let eft = try #require(auth.numbers.eft?.value)
            #expect(eft.account.hasSuffix("0000") && eft.institution.count == 3 && eft.branch.count == 5)
            #expect(auth.account.balances.isoCurrencyCode == .value("CAD"))
        }
    }

    @Test func ukAccountsHaveBACSNumbersAndAValidIBAN() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem("ins_117650"), processor: .checkout)
            let auth = try await sandbox.partner(.checkout).send(ProcessorAuthGetRequest(processorToken: token))
            let bacs = try #require(auth.numbers.bacs?.value)
            let international = try #require(auth.numbers.international?.value)
            #expect(bacs.account.count == 8 && bacs.account.hasSuffix("0000") && bacs.sortCode.count == 6)
            #expect(international.iban.hasPrefix("GB") && international.iban.hasSuffix(bacs.sortCode + bacs.account))
            #expect(Self.ibanChecksumIsValid(international.iban))
            #expect(international.bic.count == 8)
            #expect(auth.account.balances.isoCurrencyCode == .value("GBP"))
        }
    }

    @Test func institutionsGetByIDReportsWhatOfficialClientsRequire() async throws {
        try await TestSandbox.with { sandbox in
            let chase = try await sandbox.developer.send(InstitutionsGetByIDRequest(institutionID: "ins_56", countryCodes: [.us]))
            #expect(chase.institution.name == "Chase")
            #expect(chase.institution.oauth)
            #expect(chase.institution.connectionAvailability == "SUPPORTED")
            let wrongCountry = await plaidError {
                try await sandbox.developer.send(InstitutionsGetByIDRequest(institutionID: "ins_56", countryCodes: [.gb]))
            }
            #expect(wrongCountry?.errorCode == "INVALID_INSTITUTION")
            let unknown = await plaidError {
                try await sandbox.developer.send(InstitutionsGetByIDRequest(institutionID: "ins_0", countryCodes: [.us]))
            }
            #expect(unknown?.errorCode == "INVALID_INSTITUTION")
        }
    }

    @Test func nonDepositoryAccountsHaveNoAuthNumbers() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem(), account: "Plaid Credit Card")
            let error = await plaidError { try await sandbox.partner(.dwolla).send(ProcessorAuthGetRequest(processorToken: token)) }
            #expect(error?.errorCode == "NO_AUTH_ACCOUNTS")
            let balance = try await sandbox.partner(.dwolla).send(ProcessorBalanceGetRequest(processorToken: token))
            #expect(balance.account.balances.limit == .value(2000))
        }
    }

    private static func ibanChecksumIsValid(_ iban: String) -> Bool {
        let rearranged = iban.dropFirst(4) + iban.prefix(4)
        var remainder = 0
        for character in rearranged {
            let value = character.wholeNumberValue ?? Int(character.asciiValue! - 55)
            for digit in String(value) { remainder = (remainder * 10 + digit.wholeNumberValue!) % 97 }
        }
        return remainder == 1
    }
}
