import LuaBridge
@testable import PlaidLua
import PlaidModels
import Testing

/// Requests are checked against the models before anything is sent.
@Suite struct RequestValidatorTests {
    private let balance = PlaidEndpoint.named(methodName: "processor_balance_get")!

    private func problem(_ request: LuaValue, for endpoint: PlaidEndpoint) -> String? {
        do {
            _ = try RequestValidator(method: endpoint.methodName).validate(request, against: endpoint.requestFields)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func aValidRequestBecomesTheJSONBody() throws {
        let body = try RequestValidator(method: "processor_balance_get").validate(
            .table(["processor_token": .string("processor-sandbox-1"), "options": .table(["min_last_updated_datetime": .string("2024-01-01T00:00:00Z")])]),
            against: balance.requestFields)
        #expect(body == .object(["processor_token": .string("processor-sandbox-1"),
                                 "options": .object(["min_last_updated_datetime": .string("2024-01-01T00:00:00Z")])]))
    }

    @Test func typosGetTheClosestName() {
        #expect(problem(.table(["processor_tokn": .string("x")]), for: balance)?.contains("did you mean 'processor_token'") == true)
    }

    @Test func wrongTypesNameTheFieldAndTheExpectation() {
        #expect(problem(.table(["processor_token": .integer(5)]), for: balance)
            == "processor_balance_get: field 'processor_token' must be a string, got an integer")
        #expect(problem(.table(["processor_token": .string("x"), "options": .string("soon")]), for: balance)
            == "processor_balance_get: field 'options' must be a table, got the string 'soon'")
    }

    @Test func enumValuesAreChecked() {
        let create = PlaidEndpoint.named(methodName: "processor_token_create")!
        let message = problem(.table(["access_token": .string("a"), "account_id": .string("b"), "processor": .string("dwola")]), for: create)
        #expect(message?.contains("field 'processor' is 'dwola', which is not one of its values (did you mean 'dwolla'?); valid values: dwolla") == true)
    }

    @Test func nullIsAcceptedOnlyWhereTheModelAllowsIt() {
        #expect(problem(.table(["processor_token": .null]), for: balance)?.contains("cannot be null") == true)
    }

    @Test func arraysCheckEveryElement() {
        let create = PlaidEndpoint.named(methodName: "sandbox_public_token_create")!
        let message = problem(.table(["institution_id": .string("ins_109508"), "initial_products": .array([.string("auth"), .integer(3)])]), for: create)
        #expect(message?.contains("field 'initial_products[2]' must be a string, got an integer") == true)
    }

    /// What only Lua values need: tables whose emptiness says nothing of object or array,
    /// floats that are whole, keys that are not text.
    @Test func luaValuesAreReadAsTheFieldWantsThem() throws {
        let create = PlaidEndpoint.named(methodName: "sandbox_public_token_create")!
        let validator = RequestValidator(method: create.methodName)
        let body = try validator.validate(.table([
            "institution_id": .string("ins_109508"), "initial_products": .table([:]),
            "options": .table(["transactions": .table(["days_requested": .number(30)])]),
        ]), against: create.requestFields)
        #expect(body == .object(["institution_id": .string("ins_109508"), "initial_products": .array([]),
                                 "options": .object(["transactions": .object(["days_requested": .integer(30)])])]))
        #expect(try validator.validate(.table(["processor_token": .string("p"), "options": .array([])]), against: balance.requestFields)
            == .object(["processor_token": .string("p"), "options": .object([:])]))
        #expect(problem(.table(["institution_id": .string("i"), "initial_products": .array([.string("auth")]),
                                "options": .table(["transactions": .table(["days_requested": .number(30.5)])])]), for: create)
            == "sandbox_public_token_create: field 'options.transactions.days_requested' must be an integer, got a float")
        #expect(problem(.table([.integer(1): .string("x")]), for: balance) == "processor_balance_get: field names must be strings, got the key 1")
        #expect(problem(.table(["processor_token": .string("p"), "options": .table([.boolean(true): .string("x")])]), for: balance)
            == "processor_balance_get: field names must be strings, got the key true at 'options'")
        #expect(problem(.table(["processor_token": .string(LuaBytes([0x70, 0xFF]))]), for: balance)
            == "processor_balance_get: field 'processor_token' is not valid UTF-8 text")
    }

    /// The order is the sandbox's: unknown names, then missing fields, then each field's value.
    @Test func theFirstFaultIsTheOneTheSandboxWouldReport() {
        #expect(problem(.table(["processor_tokn": .string("x"), "options": .string("soon")]), for: balance)?
            .hasPrefix("processor_balance_get: unknown field 'processor_tokn'") == true)
        #expect(problem(.table(["options": .string("soon")]), for: balance)
            == "processor_balance_get: missing required field 'processor_token' (a string)")
        #expect(problem(.table(["secret": .string("s")]), for: balance)
            == "processor_balance_get: 'secret' is not sent per request: give it to plaid.client{secret = ...}")
        #expect(problem(.table(["processor_token": .string("p"), "options": .table(["min_last_updated_datetim": .string("x")])]), for: balance)
            == "processor_balance_get: unknown field 'options.min_last_updated_datetim' (did you mean 'options.min_last_updated_datetime'?); "
                + "fields: min_last_updated_datetime")
    }
}
