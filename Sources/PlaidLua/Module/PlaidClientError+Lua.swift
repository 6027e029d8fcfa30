public import LuaBridge
public import PlaidClient
import PlaidModels

/// A failed call as Lua code sees it: Plaid's error fields for errors Plaid answered
/// (`e.kind == "plaid"`, `e.error_code`), or `e.kind == "transport"` with the `reason`
/// (`connectionRefused`, `timeout`, …) when no usable answer came.
extension PlaidClientError: LuaErrorConvertible {
    public var luaErrorFields: [String: LuaValue] {
        var fields: [String: LuaValue] = ["message": .string(luaErrorMessage)]
        fields["path"] = .string(path)
        if let httpStatus { fields["status"] = .integer(Int64(httpStatus)) }
        if let requestID { fields["request_id"] = .string(requestID) }
        fields["attempts"] = .integer(Int64(attempts))
        fields["retryable"] = .boolean(isRetryable)
        guard kind == .plaidError, let plaidError else {
            fields["kind"] = .string("transport")
            fields["reason"] = .string(kind.description)
            fields["host"] = .string(host)
            return fields
        }
        fields["kind"] = .string("plaid")
        if let object = try? LuaValueEncoder().encode(plaidError), case .table(let entries) = object {
            for (key, value) in entries { if case .string(let name) = key, let name = name.string { fields[name] = value } }
        }
        if let requestID = plaidError.requestID ?? requestID { fields["request_id"] = .string(requestID) }
        if let httpStatus = plaidError.httpStatus ?? httpStatus { fields["status"] = .integer(Int64(httpStatus)) }
        return fields
    }

    /// `ITEM_LOGIN_REQUIRED (ITEM_ERROR): <message> [request_id …, HTTP 400]` for Plaid's errors,
    /// the client's own description otherwise.
    public var luaErrorMessage: String {
        guard kind == .plaidError, let plaidError else { return "\(kind): \(message)" }
        var text = "\(plaidError.errorCode) (\(plaidError.errorType.rawValue))"
        if case .value(let detail) = plaidError.errorMessage { text += ": \(detail)" }
        var notes: [String] = []
        if let requestID = plaidError.requestID ?? requestID { notes.append("request_id \(requestID)") }
        if let status = plaidError.httpStatus ?? httpStatus { notes.append("HTTP \(status)") }
        return notes.isEmpty ? text : text + " [" + notes.joined(separator: ", ") + "]"
    }
}
