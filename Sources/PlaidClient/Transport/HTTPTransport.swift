import Foundation

/// One HTTP POST, as the client hands it to the network.
struct TransportRequest: Sendable {
    var url: String
    var headers: [(name: String, value: String)]
    var body: Data
}

/// The parts of an HTTP response the client looks at.
struct TransportResponse: Sendable {
    var status: Int
    var contentType: String?
    /// `Location`, for a redirect, which is reported rather than followed.
    var location: String? = nil
    /// `Retry-After` in seconds, when the server sent one.
    var retryAfter: Duration? = nil
    var body: Data
}

/// A network failure before a complete response arrived, sorted by what it says about the
/// request's fate.
struct TransportFailure: Error, Sendable {
    enum Reason: Sendable, Equatable {
        case connectionRefused, connectTimeout, hostNotFound, tlsFailure
        case connectionReset, timeout, responseTooLarge
        case other(String)
    }

    var reason: Reason

    /// False only when the request provably never left the client.
    var mayHaveReachedServer: Bool {
        switch reason {
        case .connectionRefused, .connectTimeout, .hostNotFound, .tlsFailure: false
        case .connectionReset, .timeout, .responseTooLarge, .other: true
        }
    }

    /// Whether trying again may help: a certificate problem or an oversized answer will not
    /// change by itself.
    var isTransient: Bool {
        switch reason {
        case .tlsFailure, .responseTooLarge: false
        case .connectionRefused, .connectTimeout, .hostNotFound, .connectionReset, .timeout, .other: true
        }
    }
}

/// Sends requests; the client's only way onto the network, so a test can substitute it.
protocol HTTPTransport: Sendable {
    /// - Throws: ``TransportFailure`` only.
    func send(_ request: TransportRequest, timeout: PlaidClient.Timeout, maxResponseBytes: Int) async throws -> TransportResponse
    func shutdown() async throws
}
