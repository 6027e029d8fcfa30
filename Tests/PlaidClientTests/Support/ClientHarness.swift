import Logging
@testable import PlaidClient
import PlaidModels

enum Credentials {
    static let clientID = "client-id-for-tests"
    static let secret = "sEcReT-4f9a-never-print"
    static let accessToken = "access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6"
    static let processorToken = "processor-sandbox-0asd1-a92nc-77d1"
}

/// Retries quickly so that retry tests finish in milliseconds.
///
/// Their time budget is far beyond what the tests need, so the number of attempts a test counts
/// is decided by the retry rules alone, even when a sanitized build on a loaded machine takes
/// seconds over one attempt.
let fastRetries = PlaidClient.RetryPolicy(maxAttempts: 4, initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(4),
                                          maxTotalTime: .seconds(600), rateLimitAttempts: 4,
                                          rateLimitInitialBackoff: .milliseconds(1), rateLimitMaxBackoff: .milliseconds(4))

/// Starts a test server answering with `reply`, points a real client at it, runs `body`, and
/// shuts both down whatever happens.
func withClient(
    retry: PlaidClient.RetryPolicy = .none,
    timeout: PlaidClient.Timeout = .init(connect: .seconds(2), total: .seconds(5)),
    maxResponseBytes: Int = 1024 * 1024,
    maxConcurrentRequests: Int = 8,
    logger: Logger = Logger(label: "test"),
    baseURL: String? = nil,
    observer: (any PlaidCallObserver)? = nil,
    reply: @escaping @Sendable (TestHTTPServer.ReceivedRequest, Int) -> TestHTTPServer.Reply,
    _ body: (PlaidClient, TestHTTPServer) async throws -> Void
) async throws {
    let server = try await TestHTTPServer.start(reply: reply)
    let client = PlaidClient(
        configuration: .init(
            environment: .custom(baseURL: baseURL ?? server.baseURL), clientID: Credentials.clientID,
            secret: Secret(Credentials.secret), timeout: timeout, retry: retry,
            maxConcurrentRequests: maxConcurrentRequests, maxResponseBytes: maxResponseBytes),
        logger: logger, observer: observer
    )
    do {
        try await body(client, server)
    } catch {
        try await client.shutdown()
        try await server.shutdown()
        throw error
    }
    try await client.shutdown()
    try await server.shutdown()
}


/// Runs `operation`, which must fail with a ``PlaidClientError``, and returns that error.
func clientError(_ operation: () async throws -> some Any) async throws -> PlaidClientError {
    do {
        _ = try await operation()
    } catch let error as PlaidClientError {
        return error
    }
    throw UnexpectedSuccess()
}

struct UnexpectedSuccess: Error {}

enum Bodies {
    static let balance = #"""
    {"account":{"account_id":"QKKzevvp33HxPWpoqn6rI13BxW4awNSjnw4xv","balances":{"available":100,"current":110,
    "limit":null,"iso_currency_code":"USD","unofficial_currency_code":null},"mask":"0000","name":"Plaid Checking",
    "official_name":"Plaid Gold Checking","subtype":"checking","type":"depository"},"request_id":"1zlMf"}
    """#
    static let processorToken = #"{"processor_token":"processor-sandbox-0asd1-a92nc","request_id":"xrQNYZ7Zoh6R7gV"}"#

    static func error(type: String, code: String, message: String = "something went wrong", requestID: String = "errReq123") -> String {
        #"{"display_message":null,"documentation_url":"https://plaid.com/docs/?ref=error","error_code":"\#(code)","#
            + #""error_code_reason":null,"error_message":"\#(message)","error_type":"\#(type)","request_id":"\#(requestID)","#
            + #""suggested_action":null}"#
    }
}
