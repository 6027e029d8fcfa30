import Foundation
public import Logging
public import PlaidModels

/// Calls the Plaid API over one shared, pooled HTTP client.
///
/// Create one client per configuration and share it: calls may run concurrently, up to
/// ``Configuration/maxConcurrentRequests`` at a time on kept-alive connections. Call
/// ``shutdown()`` before dropping the last reference.
///
/// ```swift
/// let client = PlaidClient(configuration: try .fromEnvironment(ProcessInfo.processInfo.environment))
/// let auth = try await client.send(ProcessorAuthGetRequest(processorToken: token))
/// try await client.shutdown()
/// ```
public final class PlaidClient: Sendable {
    public let configuration: Configuration
    private let transport: any HTTPTransport
    private let clock: RetryClock
    private let logger: Logger
    private let gate: (any PlaidCallGate)?
    private let observer: (any PlaidCallObserver)?
    private let redactor: TextRedactor
    /// `host:port` of the base URL, as errors and logs name it.
    private let host: String
    /// Set when the credentials must not go to the base URL: every call fails with it before
    /// connecting.
    private let destinationRefusal: PlaidClientError?

    /// - Parameters:
    ///   - logger: receives debug lines for each attempt and retry; they name paths, hosts,
    ///     statuses and request ids, never the secret or a token in full.
    ///   - gate: paces and counts attempts across clients (see ``PlaidCallGate``).
    ///   - observer: hears of every call once it has ended, before its caller does (see ``PlaidCallObserver``).
    public convenience init(configuration: Configuration, logger: Logger = Logger(label: "plaidlua.client"),
                            gate: (any PlaidCallGate)? = nil, observer: (any PlaidCallObserver)? = nil) {
        let transport = AsyncHTTPTransport(
            timeout: configuration.timeout,
            maxConcurrentRequests: configuration.maxConcurrentRequests
        )
        self.init(configuration: configuration, transport: transport, clock: .system, logger: logger, gate: gate, observer: observer)
    }

    init(configuration: Configuration, transport: any HTTPTransport, clock: RetryClock, logger: Logger,
         gate: (any PlaidCallGate)? = nil, observer: (any PlaidCallObserver)? = nil) {
        self.configuration = configuration
        self.transport = transport
        self.clock = clock
        self.logger = logger
        self.gate = gate
        self.observer = observer
        self.redactor = TextRedactor(secret: configuration.secret)
        self.destinationRefusal = configuration.destinationRefusal()
        let baseURL = configuration.environment.baseURL
        self.host = URLComponents(string: baseURL).flatMap { components in
            components.host.map { host in host + (components.port.map { ":\($0)" } ?? "") }
        } ?? baseURL
    }

    /// Closes the pooled connections. Calls made afterwards fail.
    public func shutdown() async throws {
        try await transport.shutdown()
    }

    /// Sends any modelled request and decodes its typed response.
    public func send<Request: PlaidRequest>(_ request: Request) async throws -> Request.Response {
        let path = Request.endpoint.path
        let body: Data
        do {
            body = try JSONEncoder().encode(request)
        } catch {
            throw makeError(.invalidRequest, "could not encode the \(path) request: \(error)", path: path)
        }
        return try await observed(path: path, body: body, effect: Request.endpoint.effect,
                                  token: { PlaidCallRecord.maskedToken(in: try? JSONValue(data: body)) }) { response in
            try decode(Request.Response.self, from: response, path: path)
        }
    }

    private func decode<Response: PlaidResponse>(_ type: Response.Type, from response: TransportResponse, path: String) throws -> Response {
        do {
            return try JSONDecoder().decode(Response.self, from: response.body)
        } catch {
            throw makeError(
                .unexpectedResponse,
                "\(host) answered \(path) with JSON that does not match \(Response.self): \(Self.summary(of: error))",
                path: path, httpStatus: response.status, requestID: Self.requestID(in: response.body)
            )
        }
    }

    /// Sends a body already in JSON form to a modelled endpoint and hands the answer's bytes to
    /// `check` instead of decoding the model: for bindings that build and check requests as JSON
    /// and build their own values from the bytes (the Lua module, which builds tables), so
    /// neither side goes through the models. `check` returns the answer's `request_id`, or
    /// throws ``PlaidResponseMismatch`` where decoding the model would have failed, which
    /// becomes the same error.
    public func send<Request: PlaidRequest>(
        _ type: Request.Type, json body: JSONValue,
        checkingAnswer check: (UnsafeRawBufferPointer) throws(PlaidResponseMismatch) -> String?
    ) async throws -> PlaidResponseBody {
        let path = Request.endpoint.path
        return try await observed(path: path, body: try body.data(), effect: Request.endpoint.effect,
                                  token: { PlaidCallRecord.maskedToken(in: body) }) { response in
            let bytes = [UInt8](response.body)
            do {
                let requestID = try bytes.withUnsafeBytes { try check($0) }
                return PlaidResponseBody(bytes: bytes, requestID: requestID, httpStatus: response.status)
            } catch let error as PlaidResponseMismatch {
                throw makeError(
                    .unexpectedResponse,
                    "\(host) answered \(path) with JSON that does not match \(Request.Response.self): \(error.summary)",
                    path: path, httpStatus: response.status, requestID: Self.requestID(in: response.body)
                )
            }
        }
    }

    /// Calls any endpoint with a JSON body and returns the JSON answer, for endpoints the models
    /// do not cover. It shares transport, credentials, retries and errors with the typed calls.
    ///
    /// - Parameter effect: whether the call only reads; `nil` takes it from the known endpoint
    ///   at `path`, and treats unknown paths as writes, which are retried only when the request
    ///   never reached the server.
    public func call(path: String, body: JSONValue, effect: PlaidEndpoint.Effect? = nil) async throws -> PlaidRawResponse {
        guard path.hasPrefix("/") else {
            throw makeError(.invalidRequest, "path \"\(path)\" must start with /", path: redactor.clean(path))
        }
        let effect = effect ?? PlaidEndpoint.named(path: path)?.effect ?? .write
        return try await observed(path: path, body: try body.data(), effect: effect,
                                  token: { PlaidCallRecord.maskedToken(in: body) }) { response in
            guard let json = try? JSONValue(data: response.body) else {
                throw notJSON(response, path: redactor.clean(path))
            }
            return PlaidRawResponse(json: json, requestID: json["request_id"]?.stringValue, httpStatus: response.status)
        }
    }

    // MARK: - Observing calls

    /// Runs a call through ``execute(path:body:effect:)`` and `finish`, then tells the observer
    /// what happened before the caller learns it.
    ///
    /// - Parameter token: the request's token, masked; only asked for when there is an observer.
    private func observed<Answer>(
        path: String, body: Data, effect: PlaidEndpoint.Effect, token: () -> String?,
        finish: (TransportResponse) throws -> Answer
    ) async throws -> Answer {
        guard let observer else { return try finish(try await execute(path: path, body: body, effect: effect).response) }
        var record = PlaidCallRecord(started: Date(), endpoint: PlaidEndpoint.named(path: path)?.methodName ?? redactor.clean(path),
                                     token: token(), attempts: 1, latency: .zero)
        let clock = ContinuousClock()
        let start = clock.now
        let result: Answer
        do {
            let (response, attempts) = try await execute(path: path, body: body, effect: effect)
            record.attempts = attempts
            record.httpStatus = response.status
            result = try finish(response)
        } catch {
            record.latency = clock.now - start
            record.note(error)
            await observer.record(record)
            throw error
        }
        record.latency = clock.now - start
        record.requestID = (result as? any PlaidResponse)?.requestID ?? (result as? PlaidRawResponse)?.requestID
            ?? (result as? PlaidResponseBody)?.requestID
        await observer.record(record)
        return result
    }

    // MARK: - Attempts and retries

    private func execute(path: String, body: Data, effect: PlaidEndpoint.Effect) async throws -> (response: TransportResponse, attempts: Int) {
        let url = configuration.environment.baseURL + path
        // From here on the path is only named in logs and errors: a token a script put in it is masked.
        let path = redactor.clean(path)
        if let destinationRefusal { throw destinationRefusal }
        let request = TransportRequest(
            url: url,
            headers: [
                ("PLAID-CLIENT-ID", configuration.clientID),
                ("PLAID-SECRET", configuration.secret.value),
                ("Plaid-Version", configuration.plaidVersion),
                ("Content-Type", "application/json"),
                ("Accept", "application/json"),
                ("User-Agent", "PlaidLua"),
            ],
            body: body
        )
        let policy = configuration.retry
        let started = clock.now()
        var attempt = 1
        while true {
            try await gate?.admit()
            logger.debug("plaid request", metadata: ["path": "\(path)", "host": "\(host)", "attempt": "\(attempt)"])
            var failure: PlaidClientError
            do {
                let response = try await transport.send(request, timeout: configuration.timeout, maxResponseBytes: configuration.maxResponseBytes)
                if (200..<300).contains(response.status) {
                    logger.debug("plaid response", metadata: [
                        "path": "\(path)", "status": "\(response.status)",
                        "request_id": "\(Self.requestID(in: response.body) ?? "-")",
                    ])
                    return (response, attempt)
                }
                failure = errorResponse(response, path: path)
            } catch let transportFailure as TransportFailure {
                try Task.checkCancellation()
                failure = error(for: transportFailure, path: path)
            }
            failure.attempts = attempt
            failure.isRetryable = failure.wasRefusedByRateLimit || failure.isTransient && (effect == .read || !failure.mayHaveReachedServer)

            let delay = failure.wasRefusedByRateLimit
                ? policy.rateLimitDelay(beforeRetry: attempt, jitter: clock.jitter(), retryAfter: failure.retryAfter)
                : policy.backoffBound(beforeRetry: attempt) * clock.jitter()
            if let refusal = reasonNotToRetry(failure, effect: effect, attempt: attempt, elapsedAfterWait: clock.now() - started + delay) {
                logger.debug("plaid call failed", metadata: [
                    "path": "\(path)", "error": "\(failure.kind)", "attempts": "\(attempt)",
                    "message": "\(failure.message)", "no_retry": "\(refusal)",
                ])
                throw failure
            }
            logger.debug("plaid retry", metadata: [
                "path": "\(path)", "error": "\(failure.kind)", "attempt": "\(attempt)",
                "message": "\(failure.message)", "delay": "\(delay)",
            ])
            gate?.willRetry()
            try await clock.sleep(delay)
            attempt += 1
        }
    }

    /// Why `failure` ends the call, or `nil` when another attempt may follow.
    private func reasonNotToRetry(
        _ failure: PlaidClientError, effect: PlaidEndpoint.Effect, attempt: Int, elapsedAfterWait: Duration
    ) -> String? {
        let policy = configuration.retry
        if failure.wasRefusedByRateLimit {
            if let limit = policy.rateLimitAttempts, attempt >= limit { return "\(limit) attempts made" }
            if elapsedAfterWait >= policy.rateLimitBudget { return "the next attempt would start after \(policy.rateLimitBudget)" }
            return nil
        }
        if !failure.isTransient { return "the failure is not transient" }
        if effect == .write, failure.mayHaveReachedServer {
            return "a write that may have reached the server"
        }
        if attempt >= policy.maxAttempts { return "\(policy.maxAttempts) attempts made" }
        if elapsedAfterWait >= policy.maxTotalTime { return "the next attempt would start after \(policy.maxTotalTime)" }
        return nil
    }

    // MARK: - Errors

    private func makeError(
        _ kind: PlaidClientError.Kind, _ message: String, path: String,
        httpStatus: Int? = nil, requestID: String? = nil
    ) -> PlaidClientError {
        PlaidClientError(kind: kind, message: redactor.clean(message), host: host, path: path,
                         httpStatus: httpStatus, requestID: requestID,
                         mayHaveReachedServer: true, isTransient: false)
    }

    /// A non-2xx answer: Plaid's error object when the body is one, otherwise a description of
    /// what arrived instead.
    private func errorResponse(_ response: TransportResponse, path: String) -> PlaidClientError {
        if (300..<400).contains(response.status) {
            // Plaid's API never redirects; following one would hand the credentials to its target.
            let target = response.location.map { "to \(redactor.clean($0))" } ?? "with no Location"
            return PlaidClientError(
                kind: .unexpectedResponse,
                message: "\(host) answered \(path) with a redirect (HTTP \(response.status)) \(target); redirects are not followed",
                host: host, path: path, httpStatus: response.status,
                mayHaveReachedServer: true, isTransient: false)
        }
        let serverTrouble = response.status == 429 || response.status >= 500
        guard let json = try? JSONValue(data: response.body) else {
            return notJSON(response, path: path, isTransient: serverTrouble)
        }
        guard json["error_type"] != nil, var plaidError = try? json.decode(as: PlaidError.self) else {
            return PlaidClientError(
                kind: .unexpectedResponse,
                message: "\(host) answered \(path) with HTTP \(response.status) and JSON that is not a Plaid error object",
                host: host, path: path, httpStatus: response.status, requestID: json["request_id"]?.stringValue,
                mayHaveReachedServer: true, isTransient: serverTrouble
            )
        }
        plaidError.httpStatus = response.status
        plaidError = redactor.clean(plaidError)
        let transient = serverTrouble || plaidError.errorType == .rateLimitExceeded || plaidError.errorType == .apiError
        let explanation = plaidError.errorMessage.value ?? "no message"
        var failure = PlaidClientError(
            kind: .plaidError,
            message: "\(plaidError.errorType)/\(plaidError.errorCode) (HTTP \(response.status)) from \(host)\(path): \(explanation)",
            host: host, path: path, httpStatus: response.status, requestID: plaidError.requestID,
            plaidError: plaidError, mayHaveReachedServer: true, isTransient: transient
        )
        failure.retryAfter = response.retryAfter
        return failure
    }

    /// A body that is not JSON, typically a proxy's or load balancer's error page.
    private func notJSON(_ response: TransportResponse, path: String, isTransient: Bool = false) -> PlaidClientError {
        PlaidClientError(
            kind: .responseNotJSON,
            message: "\(host) answered \(path) with HTTP \(response.status) and a body that is not JSON "
                + "(\(response.contentType ?? "no content type"), \(response.body.count) bytes)",
            host: host, path: path, httpStatus: response.status,
            mayHaveReachedServer: true, isTransient: isTransient
        )
    }

    private func error(for failure: TransportFailure, path: String) -> PlaidClientError {
        let timeout = configuration.timeout
        let (kind, message): (PlaidClientError.Kind, String) =
            switch failure.reason {
            case .connectionRefused: (.connectionRefused, "connection to \(host) refused; is the server running?")
            case .connectTimeout: (.connectTimeout, "could not connect to \(host) within \(timeout.connect)")
            case .hostNotFound: (.hostNotFound, "could not resolve the host \(host)")
            case .tlsFailure: (.tlsFailure, "TLS handshake with \(host) failed")
            case .connectionReset: (.connectionReset, "\(host) closed the connection before answering \(path) completely")
            case .timeout: (.timeout, "\(host) did not answer \(path) within \(timeout.total)")
            case .responseTooLarge:
                (.responseTooLarge, "the answer from \(host) to \(path) exceeded \(configuration.maxResponseBytes) bytes")
            case .other(let detail): (.transportFailure, "request to \(host)\(path) failed: \(detail)")
            }
        return PlaidClientError(
            kind: kind, message: redactor.clean(message), host: host, path: path,
            mayHaveReachedServer: failure.mayHaveReachedServer,
            isTransient: failure.isTransient
        )
    }

    private static func requestID(in body: Data) -> String? {
        (try? JSONValue(data: body))?["request_id"]?.stringValue
    }

    /// Where decoding failed, without the offending values, which may be sensitive.
    private static func summary(of error: any Error) -> String {
        guard let error = error as? DecodingError else { return "decoding failed" }
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c): context = c
        @unknown default: return "decoding failed"
        }
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        if case .keyNotFound(let key, _) = error { return "missing key \(path.isEmpty ? "" : path + ".")\(key.stringValue)" }
        return "wrong or missing value at \(path.isEmpty ? "top level" : path)"
    }
}
