import PlaidModels

/// The numbers a partner moves money with, in the scheme of the account's country.
enum TransferNumbers {
    /// The routing number Plaid's sandbox gives wire transfers at its test banks.
    static let sandboxWireRouting = "021000021"
    static let eftInstitution = "021"
    static let eftBranch = "01140"
    static let bacsSortCode = "601613"
    /// The made-up bank code of the sandbox's UK bank, used in its IBANs and BIC.
    static let ukBankCode = "PLAY"

    static func numbers(for kind: SandboxAccountKind, accountID: String, institution: SandboxInstitution,
                        random: inout SeededGenerator) -> ProcessorNumbers {
        switch institution.numberScheme {
        case .ach:
            return ProcessorNumbers(
                ach: .value(ACHNumbers(
                    accountID: accountID, account: "111122223333" + kind.mask, isTokenizedAccountNumber: false,
                    routing: institution.routingNumbers[0], wireRouting: .value(sandboxWireRouting))),
                eft: .null, international: .null, bacs: .null)
        case .tokenizedACH:
            // A tokenized number must not look like the real one, whose last digits the mask shows.
            var tokenizedAccount = "9" + random.digits(count: 15)
            while tokenizedAccount.hasSuffix(kind.mask) {
                tokenizedAccount = "9" + random.digits(count: 15)
            }
            return ProcessorNumbers(
                ach: .value(ACHNumbers(
                    accountID: accountID, account: tokenizedAccount, isTokenizedAccountNumber: true,
                    routing: abaRoutingNumber(prefix: random.digits(count: 8)), wireRouting: .null)),
                eft: .null, international: .null, bacs: .null)
        case .eft:
            return ProcessorNumbers(
                ach: .null,
                eft: .value(EFTNumbers(
                    accountID: accountID, account: "11112222" + kind.mask, institution: eftInstitution, branch: eftBranch)),
                international: .null, bacs: .null)
        case .bacs:
            let account = "3192" + kind.mask
            return ProcessorNumbers(
                ach: .null, eft: .null,
                international: .value(InternationalNumbers(
                    accountID: accountID, iban: iban(bankCode: ukBankCode, sortCode: bacsSortCode, account: account),
                    bic: ukBankCode + "GB2L")),
                bacs: .value(BACSNumbers(accountID: accountID, account: account, sortCode: bacsSortCode)))
        }
    }

    /// Completes eight digits with the ABA check digit, so tokenized routing numbers validate.
    static func abaRoutingNumber(prefix: String) -> String {
        let digits = prefix.compactMap(\.wholeNumberValue)
        let weights = [3, 7, 1, 3, 7, 1, 3, 7]
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return prefix + String((10 - sum % 10) % 10)
    }

    /// A UK IBAN with correct ISO 7064 check digits.
    static func iban(bankCode: String, sortCode: String, account: String) -> String {
        let basic = bankCode + sortCode + account
        let rearranged = basic + "GB00"
        var remainder = 0
        for character in rearranged {
            let value = character.wholeNumberValue ?? Int(character.asciiValue! - Character("A").asciiValue! + 10)
            for digit in String(value) {
                remainder = (remainder * 10 + digit.wholeNumberValue!) % 97
            }
        }
        let check = 98 - remainder
        return "GB" + (check < 10 ? "0\(check)" : "\(check)") + basic
    }
}
