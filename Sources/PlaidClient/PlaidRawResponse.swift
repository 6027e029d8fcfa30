public import PlaidModels

/// The answer to ``PlaidClient/call(path:body:effect:)``: the response body as JSON.
public struct PlaidRawResponse: Sendable, Hashable {
    public let json: JSONValue
    /// The `request_id` from the body, when it has one.
    public let requestID: String?
    public let httpStatus: Int
}

/// The answer to ``PlaidClient/send(_:json:checkingAnswer:)``: the body as it came, once checked.
public struct PlaidResponseBody: Sendable {
    public let bytes: [UInt8]
    public let requestID: String?
    public let httpStatus: Int
}

/// Where an answer's body differs from its response model, without the offending values (which
/// may be sensitive); thrown by the check given to ``PlaidClient/send(_:json:checkingAnswer:)``.
public struct PlaidResponseMismatch: Error, Sendable {
    public let summary: String

    public init(_ summary: String) {
        self.summary = summary
    }
}
