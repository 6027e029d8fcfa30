public import Foundation
import PlaidModels

/// Learns of every call a client makes, once its last attempt is over: the audit log.
///
/// The client awaits ``record(_:)`` before it hands the result or the error to its caller, so
/// whatever the observer keeps is kept before the caller can act on the answer.
public protocol PlaidCallObserver: Sendable {
    func record(_ call: PlaidCallRecord) async
}

/// One call as an observer sees it: never the secret, and a token only in its masked form.
public struct PlaidCallRecord: Sendable, Hashable {
    /// When the call began, before its first attempt.
    public var started: Date
    /// The endpoint's method name (`processor_auth_get`), or for a path the models do not know,
    /// the path with any token in it masked.
    public var endpoint: String
    /// The `processor_token`, `access_token` or `public_token` the request carried, masked.
    public var token: String?
    public var requestID: String?
    /// The HTTP status of the last answer; `nil` when none arrived.
    public var httpStatus: Int?
    /// Plaid's `error_type` when Plaid answered with its error object.
    public var errorType: String?
    /// Plaid's `error_code` when Plaid answered with its error object.
    public var errorCode: String?
    /// Why a call that got no usable answer failed (``PlaidClientError/Kind``'s name, such as
    /// `connectionRefused`, or `cancelled`); `nil` when the call succeeded or Plaid answered
    /// with an error object.
    public var failure: String?
    public var attempts: Int
    /// From the start of the first attempt to the end of the last, waits between retries included.
    public var latency: Duration

    public init(started: Date, endpoint: String, token: String? = nil, requestID: String? = nil, httpStatus: Int? = nil,
                errorType: String? = nil, errorCode: String? = nil, failure: String? = nil, attempts: Int, latency: Duration) {
        self.started = started
        self.endpoint = endpoint
        self.token = token
        self.requestID = requestID
        self.httpStatus = httpStatus
        self.errorType = errorType
        self.errorCode = errorCode
        self.failure = failure
        self.attempts = attempts
        self.latency = latency
    }

    /// Fills in how the call failed: Plaid's error fields, or the kind of failure when no usable
    /// answer came (a response that did not decode keeps the attempts its transport took).
    mutating func note(_ error: any Error) {
        guard let failure = error as? PlaidClientError else {
            self.failure = error is CancellationError ? "cancelled" : "stopped"
            return
        }
        attempts = max(attempts, failure.attempts)
        httpStatus = failure.httpStatus ?? httpStatus
        requestID = failure.requestID
        if let plaidError = failure.plaidError {
            errorType = plaidError.errorType.rawValue
            errorCode = plaidError.errorCode
        } else {
            self.failure = failure.kind.description
        }
    }

    /// The body fields that hold a token, in the order the record prefers them.
    static let tokenFields = ["processor_token", "access_token", "public_token"]

    /// The masked token of a request body, when it carries one.
    static func maskedToken(in body: JSONValue?) -> String? {
        for field in tokenFields {
            if let token = body?[field]?.stringValue, !token.isEmpty { return Redaction.maskToken(token) }
        }
        return nil
    }
}
