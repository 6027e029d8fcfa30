import Foundation
import PlaidClient
import PlaidModels
import Testing

/// The walk-through of docs/client.md, run against a server that answers by path.
struct ProcessorFlowTests {
    static let accessToken = "access-sandbox-5cd6e1b1-1b5b-459d-9284-366e2da89755"

    static func answer(_ request: TestHTTPServer.ReceivedRequest, _ index: Int) -> TestHTTPServer.Reply {
        switch request.uri {
        case "/sandbox/public_token/create":
            .json(status: 200, body: #"{"public_token":"public-sandbox-b0e2c4ee-a763-4df5-bfe9-46a46bce993d","request_id":"r1"}"#)
        case "/item/public_token/exchange":
            .json(status: 200, body: #"{"access_token":"\#(accessToken)","item_id":"M5eVJqLnv3tbzdngLDp9FL5OlDNxlNhlE55op","request_id":"r2"}"#)
        case "/accounts/get":
            .json(status: 200, body: #"""
            {"accounts":[{"account_id":"vzeNDwK7KQIm4yEog683uElbp9GRLEFXGK98D","balances":{"available":100,"current":110,
            "iso_currency_code":"USD","limit":null,"unofficial_currency_code":null},"mask":"0000","name":"Plaid Checking",
            "official_name":"Plaid Gold Standard 0% Interest Checking","subtype":"checking","type":"depository"}],
            "item":{"available_products":["balance"],"billed_products":["auth"],"consent_expiration_time":null,"error":null,
            "institution_id":"ins_109508","item_id":"M5eVJqLnv3tbzdngLDp9FL5OlDNxlNhlE55op","update_type":"background","webhook":null},
            "request_id":"r3"}
            """#)
        case "/processor/token/create":
            .json(status: 200, body: Bodies.processorToken)
        case "/processor/auth/get":
            .json(status: 200, body: #"""
            {"account":{"account_id":"vzeNDwK7KQIm4yEog683uElbp9GRLEFXGK98D","balances":{"available":100,"current":110,
            "iso_currency_code":"USD","limit":null,"unofficial_currency_code":null},"mask":"0000","name":"Plaid Checking",
            "official_name":"Plaid Gold Checking","subtype":"checking","type":"depository"},
            "numbers":{"ach":{"account":"9900009606","account_id":"vzeNDwK7KQIm4yEog683uElbp9GRLEFXGK98D","routing":"011401533",
            "wire_routing":"021000021"},"eft":null,"international":null,"bacs":null},"request_id":"r5"}
            """#)
        default:
            .json(status: 404, body: Bodies.error(type: "INVALID_REQUEST", code: "NOT_FOUND"))
        }
    }

    @Test func fromSandboxItemToAuthNumbers() async throws {
        try await withClient(reply: Self.answer) { client, server in
            let publicToken = try await client.send(
                SandboxPublicTokenCreateRequest(institutionID: "ins_109508", initialProducts: [.auth])
            ).publicToken
            let exchange = try await client.send(ItemPublicTokenExchangeRequest(publicToken: publicToken))
            let accounts = try await client.send(AccountsGetRequest(accessToken: exchange.accessToken))
            let processorToken = try await client.send(
                ProcessorTokenCreateRequest(accessToken: exchange.accessToken, accountID: accounts.accounts[0].accountID, processor: .dwolla)
            ).processorToken
            let auth = try await client.send(ProcessorAuthGetRequest(processorToken: processorToken))

            #expect(auth.numbers.ach?.value?.routing == "011401533")
            #expect(auth.numbers.eft == .some(.null))
            #expect(accounts.item.webhook == .null)
            let sent = try JSONValue(data: server.requests[3].body)
            #expect(sent["access_token"] == .string(Self.accessToken))
            #expect(sent["processor"] == .string("dwolla"))
            #expect(server.requests.map(\.uri) == [
                "/sandbox/public_token/create", "/item/public_token/exchange", "/accounts/get",
                "/processor/token/create", "/processor/auth/get",
            ])
        }
    }
}
