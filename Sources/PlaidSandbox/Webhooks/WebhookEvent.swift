import Foundation
import PlaidModels

/// A webhook about an Item. It goes to the Item owner's URL keyed by `item_id`, and, when Plaid
/// has a processor variant of it, to the URL of each of the Item's processor tokens keyed by
/// the token's `account_id`.
struct WebhookEvent: Sendable {
    let type: String
    let code: String
    /// The Item variant's fields besides webhook_type, webhook_code, item_id and environment.
    var itemFields: [String: JSONValue] = [:]
    /// The processor variant's fields besides webhook_type, webhook_code, account_id and
    /// environment; nil when Plaid sends this one to the Item's owner only.
    var processorFields: [String: JSONValue]?

    /// Written as Plaid writes bodies: indented, keys sorted. Receivers must hash these bytes,
    /// not their own re-encoding of the JSON.
    static func encodedBody(_ fields: [String: JSONValue]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(JSONValue.object(fields))
    }

    /// New or changed transactions to sync.
    static let syncUpdatesAvailable = WebhookEvent(
        type: "TRANSACTIONS", code: "SYNC_UPDATES_AVAILABLE",
        itemFields: ["initial_update_complete": .bool(true), "historical_update_complete": .bool(true)],
        processorFields: ["initial_update_complete": .bool(true), "historical_update_complete": .bool(true)])

    /// The Item needs its user back in Link.
    static func itemError(_ error: SandboxError) -> WebhookEvent {
        WebhookEvent(type: "ITEM", code: "ERROR", itemFields: ["error": errorObject(error)])
    }

    /// The Plaid error object as webhooks carry it: with its HTTP status, without a request id.
    static func errorObject(_ error: SandboxError) -> JSONValue {
        var object: [String: JSONValue] = [
            "error_type": .string(error.errorType.rawValue),
            "error_code": .string(error.errorCode),
            "error_message": .string(error.errorMessage),
            "display_message": error.displayMessage.map(JSONValue.string) ?? .null,
            "status": .integer(Int64(error.httpStatus)),
        ]
        object["request_id"] = .string("")
        return .object(object)
    }

    /// The body for the Item's owner.
    func itemBody(itemID: String) -> [String: JSONValue] {
        var body = itemFields
        body["webhook_type"] = .string(type)
        body["webhook_code"] = .string(code)
        body["item_id"] = .string(itemID)
        body["environment"] = .string("sandbox")
        return body
    }

    /// The body for the partner holding a processor token for `accountID`, when there is a variant.
    func processorBody(accountID: String) -> [String: JSONValue]? {
        guard var body = processorFields else { return nil }
        body["webhook_type"] = .string(type)
        body["webhook_code"] = .string(code)
        body["account_id"] = .string(accountID)
        body["environment"] = .string("sandbox")
        return body
    }
}

/// A webhook about one processor token, sent to that token's URL alone.
struct ProcessorTokenWebhook: Sendable {
    let type = "PROCESSOR_TOKEN"
    let code: String
    let body: [String: JSONValue]

    private init(code: String, fields: [String: JSONValue]) {
        self.code = code
        body = fields.merging(["webhook_type": .string(type), "webhook_code": .string(code), "environment": .string("sandbox")]) { $1 }
    }

    /// Plaid's answer to a new webhook URL, sent to that URL.
    static func updateAcknowledged(accountID: String, url: String) -> ProcessorTokenWebhook {
        ProcessorTokenWebhook(code: "WEBHOOK_UPDATE_ACKNOWLEDGED",
                              fields: ["account_id": .string(accountID), "new_webhook_url": .string(url), "error": .null])
    }
}
