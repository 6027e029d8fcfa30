import Foundation
import PlaidModels

extension SandboxItemFireWebhookRequest: SandboxServed {
    /// `/sandbox/item/fire_webhook`: queues the webhook for the Item's URL and, where Plaid has a
    /// processor variant, its processor tokens' URLs. The Item's state does not change.
    static func answer(_ request: SandboxItemFireWebhookRequest, _ call: SandboxCall) async throws -> SandboxItemFireWebhookResponse {
        let item = try await call.item(accessToken: request.accessToken)
        let event = try event(for: request, item: item, now: call.now)
        guard try await call.store.announce(event, itemID: item.itemID, now: call.now) > 0 else {
            throw SandboxError.invalidInput("SANDBOX_WEBHOOK_INVALID",
                                            "the Item has no webhook URL and no processor token with one; set one with /item/webhook/update")
        }
        return SandboxItemFireWebhookResponse(webhookFired: true, requestID: call.requestID)
    }

    /// The webhook a code (and type) stands for, refusing codes the Item's products do not have.
    private static func event(for request: SandboxItemFireWebhookRequest, item: StoredItem, now: Date) throws -> WebhookEvent {
        let code = request.webhookCode
        let type = request.webhookType ?? defaultType(of: code)
        func requiring(_ product: Product, _ event: WebhookEvent) throws -> WebhookEvent {
            guard item.products.contains(product.rawValue) else {
                throw SandboxError.invalidInput("SANDBOX_PRODUCT_NOT_ENABLED",
                                                "\(type) \(code) needs the \(product.rawValue) product, which this Item was not linked with")
            }
            return event
        }
        let accounts = item.accounts.map(\.accountID)
        let first = JSONValue.string(accounts.first ?? "")
        let firstID = accounts.first ?? ""
        switch (type, code) {
        case ("TRANSACTIONS", "DEFAULT_UPDATE"):
            let fields: [String: JSONValue] = ["new_transactions": .integer(1), "error": .null]
            return try requiring(.transactions, WebhookEvent(type: type, code: code, itemFields: fields, processorFields: fields))
        case ("TRANSACTIONS", "SYNC_UPDATES_AVAILABLE"):
            return try requiring(.transactions, .syncUpdatesAvailable)
        case ("TRANSACTIONS", "RECURRING_TRANSACTIONS_UPDATE"):
            return try requiring(.transactions, WebhookEvent(type: type, code: code, itemFields: ["account_ids": .array(accounts.map(JSONValue.string))],
                                                             processorFields: [:]))
        case ("AUTH", "DEFAULT_UPDATE"):
            return try requiring(.auth, WebhookEvent(type: type, code: code, itemFields: [
                "account_ids_with_new_auth": .array([]),
                "account_ids_with_updated_auth": .object([firstID: .array([.string("ACCOUNT_NUMBER")])]),
                "error": .null,
            ]))
        case ("IDENTITY", "DEFAULT_UPDATE"):
            return try requiring(.identity, WebhookEvent(type: type, code: code, itemFields: [
                "account_ids_with_updated_identity": .object([firstID: .array([.string("ADDRESSES")])]), "error": .null,
            ]))
        case ("HOLDINGS", "DEFAULT_UPDATE"):
            return try requiring(.investments, WebhookEvent(type: type, code: code, itemFields: [
                "new_holdings": .integer(0), "updated_holdings": .integer(1), "error": .null,
            ]))
        case ("INVESTMENTS_TRANSACTIONS", "DEFAULT_UPDATE"):
            return try requiring(.investments, WebhookEvent(type: type, code: code, itemFields: [
                "new_investments_transactions": .integer(1), "cancelled_investments_transactions": .integer(0), "error": .null,
            ]))
        case ("LIABILITIES", "DEFAULT_UPDATE"):
            return try requiring(.liabilities, WebhookEvent(type: type, code: code, itemFields: [
                "account_ids_with_new_liabilities": .array([]),
                "account_ids_with_updated_liabilities": .object([firstID: .array([.string("PAYMENT")])]), "error": .null,
            ]))
        case ("ITEM", "NEW_ACCOUNTS_AVAILABLE"), ("ITEM", "USER_PERMISSION_REVOKED"):
            return WebhookEvent(type: type, code: code, itemFields: ["error": .null])
        case ("ITEM", "LOGIN_REPAIRED"):
            return WebhookEvent(type: type, code: code)
        case ("ITEM", "USER_ACCOUNT_REVOKED"):
            return WebhookEvent(type: type, code: code, itemFields: ["account_id": first])
        case ("ITEM", "PENDING_DISCONNECT"):
            return WebhookEvent(type: type, code: code, itemFields: [
                "reason": .string("INSTITUTION_TOKEN_EXPIRATION"),
                "disconnect_time": .string(ISO8601DateTime.string(from: now.addingTimeInterval(7 * 24 * 60 * 60))),
            ])
        case ("ITEM", "ERROR"):
            let error = ErrorTriggers.error(forCode: "ITEM_LOGIN_REQUIRED")!
            return WebhookEvent.itemError(error)
        case ("ASSETS", _), (_, "PRODUCT_READY"):
            throw SandboxError.invalidInput("SANDBOX_PRODUCT_NOT_ENABLED", "\(type) \(code) needs the assets product, which this sandbox does not offer")
        default:
            throw SandboxError.invalidField("webhook_code \(code) with webhook_type \(type) is not one this sandbox fires; "
                + "see docs/webhooks.md for the pairs it does")
        }
    }

    /// The type a code means when the request names none.
    private static func defaultType(of code: String) -> String {
        switch code {
        case "DEFAULT_UPDATE", "SYNC_UPDATES_AVAILABLE", "RECURRING_TRANSACTIONS_UPDATE": "TRANSACTIONS"
        case "SMS_MICRODEPOSITS_VERIFICATION": "AUTH"
        default: "ITEM"
        }
    }
}
