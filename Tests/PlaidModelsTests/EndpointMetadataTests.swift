import Foundation
import PlaidModels
import Testing

/// The field tables describe exactly what the request models send.
struct EndpointMetadataTests {
    @Test func registeredEndpointsHaveDistinctPathsAndMethodNames() {
        #expect(Set(PlaidAPI.endpoints.map(\.path)).count == PlaidAPI.requests.count)
        #expect(Set(PlaidAPI.endpoints.map(\.methodName)).count == PlaidAPI.requests.count)
        #expect(PlaidEndpoint.named(path: "/processor/auth/get")?.methodName == "processor_auth_get")
        #expect(PlaidEndpoint.named(methodName: "institutions_get_by_id")?.path == "/institutions/get_by_id")
        #expect(PlaidEndpoint.named(path: "/nope") == nil)
    }

    /// Reads are retried on any passing failure and writes only when nothing was sent, so a
    /// write marked read could be done twice.
    @Test func readsAndWritesFollowWhatThePathSays() {
        for endpoint in PlaidAPI.endpoints {
            let last = endpoint.path.split(separator: "/").last ?? ""
            if last == "get" || last.hasPrefix("get_") { #expect(endpoint.effect == .read, "\(endpoint.path)") }
            if ["create", "exchange", "remove"].contains(last) { #expect(endpoint.effect == .write, "\(endpoint.path)") }
        }
    }

    /// The token permissions are the developer's to set, on the partner's token.
    static let developerCallsOnProcessorTokens: Set<String> = ["/processor/token/permissions/set", "/processor/token/permissions/get"]

    @Test func processorMethodsNeedAPartnerAndAccessTokensADeveloper() {
        for endpoint in PlaidAPI.endpoints {
            let fields = Set(endpoint.requestFields.map(\.name))
            if fields.contains("processor_token") {
                let expected: PlaidEndpoint.Caller = Self.developerCallsOnProcessorTokens.contains(endpoint.path) ? .developer : .partner
                #expect(endpoint.caller == expected, "\(endpoint.path)")
            }
            if fields.contains("access_token") || fields.contains("public_token") { #expect(endpoint.caller == .developer, "\(endpoint.path)") }
        }
    }

    @Test func processorTokenCreateFieldsCarryTypesAndEnumValues() throws {
        let fields = ProcessorTokenCreateRequest.endpoint.requestFields
        #expect(fields.map(\.name) == ["access_token", "account_id", "processor"])
        #expect(fields.allSatisfy { $0.isRequired && $0.type == .string })
        let processor = try #require(fields.last)
        #expect(processor.allowedValues.contains("dwolla"))
        #expect(processor.allowedValues.contains("prime_trust"))
    }

    @Test func nestedOptionsAreDescribed() throws {
        let options = try #require(ProcessorBalanceGetRequest.endpoint.requestFields.first { $0.name == "options" })
        #expect(options.type == .object)
        #expect(!options.isRequired)
        #expect(options.fields.map(\.name) == ["min_last_updated_datetime"])

        let products = try #require(SandboxPublicTokenCreateRequest.endpoint.requestFields.first { $0.name == "initial_products" })
        #expect(products.type == .array)
        #expect(products.elementType == .string)
        #expect(products.allowedValues.contains("auth"))

        let reason = try #require(ItemRemoveRequest.endpoint.requestFields.first { $0.name == "reason_code" })
        #expect(reason.isNullable)
        #expect(!reason.isRequired)
    }

    /// Encodes a request with every field set and checks that the keys on the wire are exactly the
    /// names in the table, at every level.
    @Test(arguments: [
        ("/processor/token/create", try! JSONValue(encoding: ProcessorTokenCreateRequest(accessToken: "a", accountID: "b", processor: .dwolla))),
        ("/processor/stripe/bank_account_token/create", try! JSONValue(encoding: ProcessorStripeBankAccountTokenCreateRequest(accessToken: "a", accountID: "b"))),
        ("/processor/auth/get", try! JSONValue(encoding: ProcessorAuthGetRequest(processorToken: "p"))),
        ("/processor/balance/get", try! JSONValue(encoding: ProcessorBalanceGetRequest(processorToken: "p", options: .init(minLastUpdatedDatetime: "2024-01-01T00:00:00Z")))),
        ("/processor/identity/get", try! JSONValue(encoding: ProcessorIdentityGetRequest(processorToken: "p"))),
        ("/item/public_token/exchange", try! JSONValue(encoding: ItemPublicTokenExchangeRequest(publicToken: "p"))),
        ("/sandbox/public_token/create", try! JSONValue(encoding: SandboxPublicTokenCreateRequest(
            institutionID: "ins_109508", initialProducts: [.auth],
            options: .init(webhook: "https://example.com", overrideUsername: .value("user_good"), overridePassword: .value("pass_good"),
                           transactions: .value(.init(startDate: "2024-01-01", endDate: "2024-02-01", daysRequested: 30)),
                           statements: .value(.init(startDate: "2024-01-01", endDate: "2024-02-01")),
                           incomeVerification: .init(incomeSourceTypes: ["bank"], bankIncome: .init(daysRequested: 30))),
            userToken: "u", userID: "v"))),
        ("/sandbox/processor_token/create", try! JSONValue(encoding: SandboxProcessorTokenCreateRequest(
            institutionID: "ins_109508", options: .init(overrideUsername: .value("user_good"), overridePassword: .value("pass_good"))))),
        ("/accounts/get", try! JSONValue(encoding: AccountsGetRequest(accessToken: "a", options: .init(accountIDs: ["x"])))),
        ("/item/remove", try! JSONValue(encoding: ItemRemoveRequest(accessToken: "a", reasonCode: .value(.other), reasonNote: .value("n")))),
        ("/institutions/get_by_id", try! JSONValue(encoding: InstitutionsGetByIDRequest(
            institutionID: "ins_1", countryCodes: [.us],
            options: .init(includeOptionalMetadata: true, includeStatus: true, includeAuthMetadata: true, includePaymentInitiationMetadata: true)))),
    ])
    func tableMatchesEncodedKeys(path: String, encoded: JSONValue) throws {
        let endpoint = try #require(PlaidEndpoint.named(path: path))
        #expect(mismatches(endpoint.requestFields, encoded, at: path) == [])
    }

    private func mismatches(_ fields: [RequestField], _ value: JSONValue, at location: String) -> [String] {
        guard case .object(let members) = value else { return ["\(location) is not an object"] }
        var problems: [String] = []
        if Set(members.keys) != Set(fields.map(\.name)) {
            problems.append("\(location): keys \(members.keys.sorted()) vs fields \(fields.map(\.name).sorted())")
        }
        for field in fields where field.type == .object {
            if let member = members[field.name] {
                problems += mismatches(field.fields, member, at: "\(location).\(field.name)")
            }
        }
        return problems
    }
}
