import Foundation
import PlaidModels
import Testing

/// Tokens never print in full: descriptions, debug output and dumps show them masked.
struct RedactionTests {
    static let accessToken = "access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6"

    @Test(arguments: [
        ("access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6", "access-sandbox-…c0f6"),
        ("processor-sandbox-0asd1-a92nc", "processor-sandbox-…92nc"),
        ("public-production-b0e2c4ee-a763-4df5-bfe9-46a46bce993d", "public-production-…993d"),
        ("btok_5oEetfLzPklE1fwJZ7SG", "btok_…Z7SG"),
        ("access-sandbox-short", "access-sandbox-…"),
        ("opaque", "…"),
    ])
    func maskKeepsKindAndEnvironmentAndLastFour(token: String, masked: String) {
        #expect(Redaction.maskToken(token) == masked)
    }

    @Test func tokensInFreeTextAreMasked() {
        let text = "could not use \(Self.accessToken) or processor-sandbox-0asd1-a92nc here"
        #expect(Redaction.maskTokens(in: text) == "could not use access-sandbox-…c0f6 or processor-sandbox-…92nc here")
    }

    @Test func requestDescriptionsShowTokensMasked() {
        let request = ProcessorTokenCreateRequest(accessToken: AccessToken(Self.accessToken), accountID: "acc", processor: .dwolla)
        var dumped = ""
        dump(request, to: &dumped)
        for text in [String(describing: request), String(reflecting: request), dumped, "\(request.accessToken)"] {
            #expect(!text.contains(Self.accessToken), "leaked in: \(text)")
        }
        #expect(String(describing: request).contains("access-sandbox-…c0f6"))
    }

    @Test func tokensStillEncodeInFull() throws {
        let encoded = try JSONValue(encoding: ItemPublicTokenExchangeResponse(accessToken: AccessToken(Self.accessToken), itemID: "i", requestID: "r"))
        #expect(encoded["access_token"] == .string(Self.accessToken))
    }
}
