import Foundation
import PlaidModels
import Testing

/// A nullable key that is `null`, one that is missing, and one with a value stay three
/// different things through decoding and encoding.
struct NullableTests {
    @Test func optionalNullableKeepsNullApartFromMissing() throws {
        let withNull = try JSONDecoder().decode(AccountBalance.self, from: json(#"{"available":null,"current":1,"limit":null,"iso_currency_code":"USD","unofficial_currency_code":null,"last_updated_datetime":null}"#))
        let withoutKey = try JSONDecoder().decode(AccountBalance.self, from: json(#"{"available":null,"current":1,"limit":null,"iso_currency_code":"USD","unofficial_currency_code":null}"#))
        #expect(withNull.lastUpdatedDatetime == .some(.null))
        #expect(withoutKey.lastUpdatedDatetime == nil)
        #expect(try JSONValue(encoding: withNull)["last_updated_datetime"] == .null)
        #expect(try JSONValue(encoding: withoutKey)["last_updated_datetime"] == nil)
    }

    @Test func requiredNullableIsWrittenAsNull() throws {
        let balance = AccountBalance(available: .null, current: .value(5.25), limit: .null, isoCurrencyCode: .value("USD"), unofficialCurrencyCode: .null)
        let encoded = try JSONValue(encoding: balance)
        #expect(encoded["available"] == .null)
        #expect(encoded["current"] == .double(5.25))
        #expect(encoded["last_updated_datetime"] == nil)
    }

    @Test func requiredNullableKeyMustBePresent() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(AccountBalance.self, from: json(#"{"current":1,"limit":null,"iso_currency_code":"USD","unofficial_currency_code":null}"#))
        }
    }

    @Test func explicitNullInARequestIsSentAndNilIsLeftOut() throws {
        let request = ItemRemoveRequest(accessToken: "access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6", reasonCode: .null)
        let encoded = try JSONValue(encoding: request)
        #expect(encoded == .object([
            "access_token": .string("access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6"),
            "reason_code": .null,
        ]))
    }

    @Test func nullableMapsSwiftOptionals() {
        #expect(Nullable<Int>(nil) == .null)
        #expect(Nullable(3) == .value(3))
        #expect(Nullable<Int>.null.value == nil)
        #expect(Nullable<Int>.null.isNull)
    }
}
