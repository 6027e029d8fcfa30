import Foundation
import PlaidModels
import Testing

/// Enums accept values added by Plaid after the models were written and send them back unchanged.
struct OpenEnumTests {
    @Test(arguments: [
        ("401k", AccountSubtype.plan401k),
        ("403B", .plan403b),
        ("cash isa", .cashISA),
        ("roth 401k", .roth401k),
        ("non-custodial wallet", .nonCustodialWallet),
        ("credit card", .creditCard),
        ("checking", .checking),
    ])
    func subtypeRawValuesWithSpacesAndDigitsDecode(raw: String, expected: AccountSubtype) throws {
        let decoded = try JSONDecoder().decode(AccountSubtype.self, from: json("\"\(raw)\""))
        #expect(decoded == expected)
        #expect(decoded.rawValue == raw)
        #expect(decoded.isKnown)
    }

    @Test func unknownSubtypeRoundTrips() throws {
        let decoded = try JSONDecoder().decode(AccountSubtype.self, from: json(#""space yacht""#))
        #expect(decoded == .unknown("space yacht"))
        #expect(!decoded.isKnown)
        #expect(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self) == #""space yacht""#)
    }

    @Test func unknownValuesInsideAResponseRoundTrip() throws {
        let body = json(#"""
        {"account":{"account_id":"a1","balances":{"available":1,"current":2,"limit":null,"iso_currency_code":"USD","unofficial_currency_code":null},
        "mask":"0000","name":"n","official_name":null,"subtype":"future plan","type":"future_type","verification_status":"future_status"},
        "request_id":"r1"}
        """#)
        let (original, reencoded) = try roundTrip(body, as: ProcessorBalanceGetResponse.self)
        #expect(original == reencoded)
        let account = try JSONDecoder().decode(ProcessorBalanceGetResponse.self, from: body).account
        #expect(account.type == .unknown("future_type"))
        #expect(account.verificationStatus == .unknown("future_status"))
    }

    @Test func everyProcessorOfTheSeedIsKnown() {
        let seedProcessors = [
            "dwolla", "galileo", "modern_treasury", "ocrolus", "prime_trust", "vesta", "drivewealth", "vopay",
            "achq", "check", "checkbook", "circle", "sila_money", "rize", "svb_api", "unit", "wyre", "lithic",
            "alpaca", "astra", "moov", "treasury_prime", "marqeta", "checkout", "solid", "highnote",
            "apex_clearing", "gusto", "adyen", "atomic", "i2c", "wepay", "riskified",
        ]
        for raw in seedProcessors {
            #expect(Processor(rawValue: raw).isKnown, "\(raw) should be a known processor")
        }
    }

    @Test func knownValuesMatchTheirRawValues() {
        #expect(Set(VerificationStatus.knownRawValues).count == VerificationStatus.knownValues.count)
        #expect(PlaidErrorType(rawValue: "RATE_LIMIT_EXCEEDED") == .rateLimitExceeded)
        #expect(PhoneNumberType.knownRawValues == ["home", "work", "office", "mobile", "mobile1", "other"])
        #expect(EmailType.knownRawValues == ["primary", "secondary", "other"])
        #expect(AccountType.knownRawValues == ["investment", "credit", "depository", "loan", "brokerage", "other"])
        #expect(AccountSubtype.knownValues.allSatisfy { AccountSubtype(rawValue: $0.rawValue) == $0 })
        #expect(Processor.knownValues.allSatisfy { Processor(rawValue: $0.rawValue) == $0 })
    }

    /// `init(rawValue:)` comes from ``OpenEnum/knownValues``, so every enum must spell each of
    /// its values once and differently from the others.
    @Test func everyEnumReadsEachOfItsStringsBackAsItsCase() {
        func check<Value: OpenEnum>(_: Value.Type) {
            #expect(Set(Value.knownRawValues).count == Value.knownValues.count, "\(Value.self) spells two values alike")
            for value in Value.knownValues {
                #expect(Value(rawValue: value.rawValue) == value, "\(Value.self).\(value)")
            }
            #expect(Value(rawValue: "not a value yet") == .unknown("not a value yet"))
        }
        check(AccountSubtype.self)
        check(AccountType.self)
        check(CountryCode.self)
        check(EmailType.self)
        check(ItemRemoveReasonCode.self)
        check(PhoneNumberType.self)
        check(PlaidErrorType.self)
        check(Processor.self)
        check(Product.self)
        check(VerificationStatus.self)
    }
}
