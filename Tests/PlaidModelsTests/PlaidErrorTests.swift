import Foundation
import PlaidModels
import Testing

struct PlaidErrorTests {
    @Test func everyFieldDecodes() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/errors/every_field.json", withExtension: nil))
        let error = try JSONDecoder().decode(PlaidError.self, from: Data(contentsOf: url))
        #expect(error.errorType == .itemError)
        #expect(error.errorCode == "NO_ACCOUNTS")
        #expect(error.errorCodeReason == .some(.null))
        #expect(error.errorMessage == .value("no valid accounts"))
        #expect(error.displayMessage == .value("Try again later."))
        #expect(error.requestID == "Aim3b")
        #expect(error.causes?.first?["error_code"] == .string("ITEM_LOGIN_REQUIRED"))
        #expect(error.status == .value(400))
        #expect(error.documentationURL == "https://plaid.com/docs/?ref=error#item-errors")
        #expect(error.suggestedAction == .some(.null))
        #expect(error.requiredAccountSubtypes == ["401k", "roth 401k"])
        #expect(error.providedAccountSubtypes == ["checking"])
    }

    @Test func httpStatusIsNotPartOfTheJSONObject() throws {
        var error = PlaidError(errorType: .apiError, errorCode: "INTERNAL_SERVER_ERROR", errorMessage: .value("boom"))
        error.httpStatus = 500
        let encoded = try JSONValue(encoding: error)
        #expect(encoded["http_status"] == nil)
        #expect(encoded["status"] == nil)
        #expect(encoded["display_message"] == .null)
        #expect(try encoded.decode(as: PlaidError.self).httpStatus == nil)
    }

    @Test func unknownErrorTypeIsKept() throws {
        let error = try JSONDecoder().decode(PlaidError.self, from: json(#"{"error_type":"NEW_KIND_ERROR","error_code":"X","error_message":"m","display_message":null}"#))
        #expect(error.errorType == .unknown("NEW_KIND_ERROR"))
    }
}
