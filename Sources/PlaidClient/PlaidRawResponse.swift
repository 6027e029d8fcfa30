public import PlaidModels

/// The answer to ``PlaidClient/call(path:body:effect:)``: the response body as JSON.
public struct PlaidRawResponse: Sendable, Hashable {
    public let json: JSONValue
    /// The `request_id` from the body, when it has one.
    public let requestID: String?
    public let httpStatus: Int
}
