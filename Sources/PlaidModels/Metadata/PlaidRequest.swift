/// A request body for one endpoint, tied to the response it gets back.
public protocol PlaidRequest: Codable, Hashable, Sendable {
    associatedtype Response: PlaidResponse
    static var endpoint: PlaidEndpoint { get }
}

/// A successful response body. Every one carries the `request_id` Plaid assigned to the call.
public protocol PlaidResponse: Codable, Hashable, Sendable {
    var requestID: String { get }
}
