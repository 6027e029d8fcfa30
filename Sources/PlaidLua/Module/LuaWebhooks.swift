import Foundation
public import LuaBridge
import PlaidClient
import PlaidModels
public import PlaidWebhooks

/// A webhook that failed verification as Lua code sees it: `e.kind == "webhook"` and `e.rule`
/// naming the rule it broke (`signature`, `body_hash`, `issued_at`, …).
extension WebhookVerificationFailure: LuaErrorConvertible {
    public var luaErrorFields: [String: LuaValue] {
        ["kind": .string("webhook"), "rule": .string(rule.rawValue), "message": .string(luaErrorMessage)]
    }

    public var luaErrorMessage: String { "webhook rejected (\(rule.rawValue)): \(message)" }
}

/// `plaid.webhooks.verify(body, header, client)`: checks a received webhook by Plaid's scheme
/// with the keys `client`'s environment serves, and returns its decoded body.
enum LuaWebhooks {
    static func verify(_ call: LuaCall) throws -> LuaReturn {
        guard case .string(let body) = try call.value(1) else {
            throw call.argumentError(1, "the webhook's body as received (a string) expected, got \(call.typeName(1))")
        }
        let header: String?
        switch try call.value(2) {
        case .nil: header = nil
        case .string(let text): header = text.string
        default: throw call.argumentError(2, "the Plaid-Verification header (a string) expected, got \(call.typeName(2))")
        }
        let client = try call.object(3, as: LuaPlaidClient.self)
        var maxAge = WebhookVerifier.defaultMaxAge
        switch try call.value(4) {
        case .nil: break
        case .table(let options):
            for key in options.keys where key != "max_age" {
                throw call.argumentError(4, "unknown option \(key); verify takes max_age")
            }
            switch options["max_age"] {
            case nil: break
            case .integer(let seconds)? where seconds > 0: maxAge = Double(seconds)
            case .number(let seconds)? where seconds > 0: maxAge = seconds
            default: throw call.argumentError(4, "max_age must be a number of seconds above 0")
            }
        default: throw call.argumentError(4, "options table expected, got \(call.typeName(4))")
        }
        let verifier = WebhookVerifier(keys: client.webhookKeys, maxAge: maxAge)
        return .suspend {
            let verified = try await verifier.verify(body: body.bytes, header: header)
            let decoded: JSONValue
            do {
                decoded = try JSONValue(data: Data(body.bytes))
            } catch {
                throw WebhookBodyError(message: "the webhook's body is not JSON: \(error)")
            }
            let claims: LuaValue = .table([
                "kid": .string(LuaBytes(verified.keyID)),
                "iat": .integer(Int64(verified.issuedAt.timeIntervalSince1970)),
                "request_body_sha256": .string(LuaBytes(verified.bodySHA256)),
                "token": .string(LuaBytes(verified.token)),
            ])
            return [try LuaValueEncoder(keepsNull: client.keepsNull).encode(decoded), claims]
        }
    }

    /// Keys fetched through `client`, each kept at most five minutes.
    static func keys(for client: PlaidClient) -> WebhookKeyCache {
        WebhookKeyCache { kid in
            do {
                return try await client.send(WebhookVerificationKeyGetRequest(keyID: kid)).key
            } catch let error as PlaidClientError where error.plaidError?.errorCode == "INVALID_WEBHOOK_VERIFICATION_KEY_ID" {
                return nil
            }
        }
    }
}

/// A verified webhook whose body is not JSON.
struct WebhookBodyError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
