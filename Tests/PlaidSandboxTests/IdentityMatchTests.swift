import PlaidModels
import Testing

/// `/processor/identity/match` scores the details a partner was given against the account
/// holder's real records: the holder's own details score high, an unrelated person's low, and a
/// detail not sent has a null score.
@Suite struct IdentityMatchTests {
    static let holder = IdentityMatchUser(
        legalName: .value("Alberta Bobbeth Charleson"), phoneNumber: .value("+1 (111) 222-3333"),
        emailAddress: .value("AccountHolder0@example.com"),
        address: IdentityMatchAddress(street: "2992 Cameron Road", city: .value("Malakoff"), region: .value("NY"),
                                      postalCode: .value("14236"), country: .value("US")))
    static let stranger = IdentityMatchUser(
        legalName: .value("John Quincy Smith"), phoneNumber: .value("+1 415 555 0011"), emailAddress: .value("john@smith.example"),
        address: IdentityMatchAddress(street: "1 Main Street", city: .value("Springfield"), region: .value("IL"), postalCode: .value("62701")))

    func match(_ user: IdentityMatchUser?) async throws -> AccountIdentityMatchScore {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem())
            return try await sandbox.partner(.dwolla).send(ProcessorIdentityMatchRequest(processorToken: token, user: user)).account
        }
    }

    @Test func theHoldersOwnDetailsScoreHigh() async throws {
        let scores = try await match(Self.holder)
        #expect(scores.legalName.score.value ?? 0 >= 90)
        #expect(scores.legalName.isFirstNameOrLastNameMatch == .value(true))
        #expect(scores.phoneNumber.score.value ?? 0 >= 90)
        #expect(scores.emailAddress.score.value ?? 0 >= 90)
        #expect(scores.address.score.value ?? 0 >= 90)
        #expect(scores.address.isPostalCodeMatch == .value(true))
        #expect(scores.account.name == "Plaid Checking")
    }

    @Test func anUnrelatedPersonScoresLow() async throws {
        let scores = try await match(Self.stranger)
        for score in [scores.legalName.score, scores.phoneNumber.score, scores.emailAddress.score, scores.address.score] {
            #expect((score.value ?? 100) <= 30, "\(scores)")
        }
        #expect(scores.legalName.isFirstNameOrLastNameMatch == .value(false))
    }

    @Test func aNameWrittenDifferentlyScoresBetweenAndOnlyTheSentDetailsAreScored() async throws {
        let scores = try await match(IdentityMatchUser(legalName: .value("alberta charleson")))
        let name = try #require(scores.legalName.score.value)
        #expect(name >= 70 && name < 100)
        #expect(scores.phoneNumber.score == .null)
        #expect(scores.emailAddress.score == .null)
        #expect(scores.address.score == .null)
        let none = try await match(nil)
        #expect(none.legalName.score == .null)
    }
}
