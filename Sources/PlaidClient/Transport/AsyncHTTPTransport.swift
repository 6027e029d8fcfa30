import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The real transport: one pooled AsyncHTTPClient shared by every call of a ``PlaidClient``.
///
/// Connections are kept alive and reused; the pool holds as many per host as calls may run at
/// once. The pool does not retry failed connects itself, so that the client's retry policy sees
/// each failure and can tell "never reached the server" apart from everything else.
struct AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient

    init(timeout: PlaidClient.Timeout, maxConcurrentRequests: Int) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: TimeAmount(timeout.connect), read: TimeAmount(timeout.total))
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60),
            concurrentHTTP1ConnectionsPerHostSoftLimit: maxConcurrentRequests
        )
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func send(_ request: TransportRequest, timeout: PlaidClient.Timeout, maxResponseBytes: Int) async throws -> TransportResponse {
        var httpRequest = HTTPClientRequest(url: request.url)
        httpRequest.method = .POST
        for header in request.headers {
            httpRequest.headers.add(name: header.name, value: header.value)
        }
        httpRequest.body = .bytes(ByteBuffer(bytes: request.body))
        let deadline = NIODeadline.now() + TimeAmount(timeout.total)
        do {
            let response = try await client.execute(httpRequest, deadline: deadline)
            let body = try await Self.collect(response.body, upTo: maxResponseBytes, before: deadline, on: client.eventLoopGroup.next())
            return TransportResponse(
                status: Int(response.status.code),
                contentType: response.headers.first(name: "content-type"),
                location: response.headers.first(name: "location"),
                retryAfter: response.headers.first(name: "retry-after").flatMap(Self.retryAfter),
                body: Data(body.readableBytesView)
            )
        } catch {
            throw TransportFailure(reason: Self.reason(for: error))
        }
    }

    /// AsyncHTTPClient's deadline stops applying once the response head has arrived, and its
    /// read timeout restarts with every chunk, so a body that trickles in could hold an attempt
    /// far beyond `timeout.total`; the rest of the attempt's time is enforced here.
    /// The deadline is a timer on an event loop rather than `Task.sleep`: a cancelled sleep
    /// keeps its memory until the time it was set for, which over a batch of a million calls,
    /// each with a deadline minutes away, grew the process by hundreds of megabytes.
    private static func collect(
        _ body: HTTPClientResponse.Body, upTo maxBytes: Int, before deadline: NIODeadline, on loop: any EventLoop
    ) async throws -> ByteBuffer {
        try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await body.collect(upTo: maxBytes) }
            group.addTask {
                let timer = loop.scheduleTask(deadline: deadline) {}
                try await withTaskCancellationHandler {
                    try await timer.futureResult.get()
                } onCancel: {
                    timer.cancel()
                }
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let collected = first else {
                throw HTTPClientError.deadlineExceeded
            }
            return collected
        }
    }

    /// `Retry-After` as delay-seconds; an HTTP date is read as the time left until it.
    private static func retryAfter(_ value: String) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text), seconds >= 0 { return .seconds(seconds) }
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "GMT")
        format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = format.date(from: text) else { return nil }
        return .milliseconds(max(0, Int(date.timeIntervalSinceNow * 1000)))
    }

    func shutdown() async throws {
        try await client.shutdown()
    }

    /// Sorts the errors of AsyncHTTPClient and SwiftNIO into the reasons the client reports.
    private static func reason(for error: any Error) -> TransportFailure.Reason {
        switch error {
        case is NIOTooManyBytesError:
            return .responseTooLarge
        case HTTPParserError.invalidEOFState:
            // The server closed the connection part-way through the response.
            return .connectionReset
        case let error as HTTPParserError:
            return .other("the answer was not valid HTTP (\(error))")
        case let error as HTTPClientError:
            switch error {
            // Waiting for a free connection of the pool is bounded by the connect timeout too.
            case .connectTimeout, .getConnectionFromPoolTimeout: return .connectTimeout
            case .readTimeout, .deadlineExceeded, .writeTimeout: return .timeout
            case .remoteConnectionClosed: return .connectionReset
            case .tlsHandshakeTimeout: return .tlsFailure
            default: return .other(String(describing: error))
            }
        case let error as NIOConnectionError:
            if error.connectionErrors.contains(where: { isRefused($0.error) }) { return .connectionRefused }
            if error.connectionErrors.isEmpty, error.dnsAError != nil || error.dnsAAAAError != nil { return .hostNotFound }
            return .other("could not connect")
        case ChannelError.connectTimeout:
            return .connectTimeout
        case ChannelError.eof, ChannelError.ioOnClosedChannel, ChannelError.outputClosed:
            return .connectionReset
        case let error as IOError:
            if isRefused(error) { return .connectionRefused }
            if error.errnoCode == ECONNRESET || error.errnoCode == EPIPE { return .connectionReset }
            return .other(error.description)
        default:
            // NIOSSL's error types are not visible here without another dependency; their names
            // identify them.
            let typeName = String(reflecting: type(of: error))
            if typeName.contains("NIOSSL") || typeName.contains("BoringSSL") { return .tlsFailure }
            if isRefused(error) { return .connectionRefused }
            return .other(String(describing: error))
        }
    }

    private static func isRefused(_ error: any Error) -> Bool {
        (error as? IOError)?.errnoCode == ECONNREFUSED
    }
}
