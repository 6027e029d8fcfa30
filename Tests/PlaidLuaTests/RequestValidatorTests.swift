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
        #expect(RequestValidator.closest(to: "acess_token", among: ["access_token", "account_id"]) == "access_token")
        #expect(RequestValidator.closest(to: "zzzzzz", among: ["access_token"]) == nil)
        #expect(RequestValidator.editDistance("kitten", "sitting") == 3)
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
}
