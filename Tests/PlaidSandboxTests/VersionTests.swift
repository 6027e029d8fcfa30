import PlaidModels
import Testing

/// `Plaid-Version`: the current shapes by default, the documented older shapes on request, and
/// a clear error for a version that does not exist.
@Suite struct VersionTests {
    @Test func defaultVersionIs20200914() async throws {
        try await TestSandbox.with { sandbox in
            let response = try await sandbox.raw("/institutions/get_by_id", json: .object([
                "institution_id": .string("ins_109508"), "country_codes": .array([.string("US")]),
            ]))
            #expect(response.header("Plaid-Version") == "2020-09-14")
        }
    }

    @Test func version20190529HasAFlatNumbersArray() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem())
            let dwolla = sandbox.server.credentials.processors["dwolla"]!
            let response = try await sandbox.raw("/processor/auth/get", json: .object(["processor_token": .string(token.rawValue)]),
                                                 keys: .client(dwolla),
                                                 headers: [("Content-Type", "application/json"), ("Plaid-Version", "2019-05-29")])
            #expect(response.status == 200)
            guard case .array(let numbers)? = response.json?["numbers"] else {
                Issue.record("numbers is not an array: \(String(describing: response.json))")
                return
            }
            #expect(numbers.count == 1)
            #expect(numbers.first?["account"] == .string("1111222233330000"))
            #expect(numbers.first?["routing"] == .string("011401533"))
            #expect(numbers.first?["eft"] == nil)
        }
    }

    @Test func version20180522UsesBrokerageStateZipAndNoOwners() async throws {
        try await TestSandbox.with { sandbox in
            let accessToken = try await sandbox.linkItem()
            let old = [("Content-Type", "application/json"), ("Plaid-Version", "2018-05-22")]
            let accounts = try await sandbox.raw("/accounts/get", json: .object(["access_token": .string(accessToken.rawValue)]), headers: old)
            guard case .array(let list)? = accounts.json?["accounts"] else {
                Issue.record("no accounts")
                return
            }
            let ira = list.first { $0["name"] == .string("Plaid IRA") }
            #expect(ira?["type"] == .string("brokerage"))

            let token = try await sandbox.processorToken(accessToken)
            let dwolla = sandbox.server.credentials.processors["dwolla"]!
            let identity = try await sandbox.raw("/processor/identity/get", json: .object(["processor_token": .string(token.rawValue)]),
                                                 keys: .client(dwolla), headers: old)
            #expect(identity.json?["account"]?["owners"] == nil)
            let address = identity.json?["identity"]?["addresses"].flatMap { value -> JSONValue? in
                if case .array(let addresses) = value { return addresses.first }
                return nil
            }
            #expect(address?["data"]?["state"] == .string("NY"))
            #expect(address?["data"]?["zip"] == .string("14236"))
            #expect(address?["data"]?["region"] == nil)
            #expect(identity.json?["identity"]?["names"] == .array([.string("Alberta Bobbeth Charleson")]))
        }
    }

    @Test func olderVersionsSayRemovedOnItemRemove() async throws {
        try await TestSandbox.with { sandbox in
            let accessToken = try await sandbox.linkItem()
            let response = try await sandbox.raw("/item/remove", json: .object(["access_token": .string(accessToken.rawValue)]),
                                                 headers: [("Content-Type", "application/json"), ("Plaid-Version", "2019-05-29")])
            #expect(response.json?["removed"] == .bool(true))
            let current = try await sandbox.raw("/item/remove", json: .object(["access_token": .string(try await sandbox.linkItem().rawValue)]))
            #expect(current.json?["removed"] == nil)
        }
    }

    @Test func unknownVersionIsAClearError() async throws {
        try await TestSandbox.with { sandbox in
            let error = await plaidError {
                try await sandbox.developer(version: "2021-01-01").send(InstitutionsGetByIDRequest(institutionID: "ins_109508", countryCodes: [.us]))
            }
            #expect(error?.errorType == .invalidRequest)
            #expect(error?.errorCode == "INVALID_HEADERS")
            #expect(error?.errorMessage.value?.contains("2021-01-01") == true)
            #expect(error?.errorMessage.value?.contains("2020-09-14") == true)
        }
    }
}
