import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import PlaidModels

/// The sandbox's HTTP/1.1 server, on NIO's channel handlers: the event loops read requests and
/// write answers, and each answer is made by a task of its own on Swift's pool, so a core's loop
/// goes on reading and writing while the other core makes answers. (Making light answers on the
/// loop itself, in a task started there, was measured slower: see docs/performance.md.)
final class SandboxHTTPServer: Sendable {
    let port: Int
    private let listener: any Channel
    /// The open connections, so that stopping can let each finish the request it is answering.
    private let connections: NIOLockedValueBox<[ObjectIdentifier: any Channel]>

    private init(port: Int, listener: any Channel, connections: NIOLockedValueBox<[ObjectIdentifier: any Channel]>) {
        self.port = port
        self.listener = listener
        self.connections = connections
    }

    /// Binds `host:port` (port 0 for any free one) and answers every request with `responder`.
    static func start(host: String, port: Int, responder: SandboxResponder) async throws -> SandboxHTTPServer {
        let connections = NIOLockedValueBox<[ObjectIdentifier: any Channel]>([:])
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                let key = ObjectIdentifier(channel)
                connections.withLockedValue { $0[key] = channel }
                channel.closeFuture.whenComplete { _ in _ = connections.withLockedValue { $0.removeValue(forKey: key) } }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withPipeliningAssistance: true,
                                                                                     withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(SandboxHTTPHandler(responder: responder))
                }
            }
            .bind(host: host, port: port).get()
        return SandboxHTTPServer(port: listener.localAddress?.port ?? port, listener: listener, connections: connections)
    }

    /// Stops accepting connections, lets each open one finish the request it is answering (an idle
    /// one closes at once), and returns when all are closed.
    func stop() async {
        try? await listener.close()
        let open = connections.withLockedValue { Array($0.values) }
        for connection in open {
            connection.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
        for connection in open {
            try? await connection.closeFuture.get()
        }
    }
}

/// One request as the sandbox reads it.
struct SandboxHTTPRequest: Sendable {
    let method: HTTPMethod
    /// The path without the query.
    let path: String
    let headers: HTTPHeaders
    /// The body; nil when it was larger than the sandbox accepts.
    let body: ByteBuffer?
}

/// One JSON answer.
struct SandboxHTTPResponse: Sendable {
    let status: Int
    let body: [UInt8]
    let version: PlaidVersion
}

/// Gathers each request's head and body (up to the responder's limit), has the responder answer
/// it and writes the answer. NIO's pipelining handler before it hands on one request at a time,
/// so answers leave in the order the requests came.
private final class SandboxHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let responder: SandboxResponder
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    private var bodyTooLarge = false

    init(responder: SandboxResponder) {
        self.responder = responder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = nil
            bodyTooLarge = false
        case .body(var chunk):
            guard !bodyTooLarge else { return }
            if (body?.readableBytes ?? 0) + chunk.readableBytes > responder.maxBodyBytes {
                bodyTooLarge = true
                body = nil
            } else if body == nil {
                body = chunk
            } else {
                body!.writeBuffer(&chunk)
            }
        case .end:
            guard let head else { return }
            self.head = nil
            let path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let request = SandboxHTTPRequest(method: head.method, path: path, headers: head.headers,
                                             body: bodyTooLarge ? nil : body ?? ByteBuffer())
            body = nil
            answer(request, version: head.version, keepAlive: head.isKeepAlive, context: context)
        }
    }

    /// Bytes that are not HTTP (NIO's handler before this one has answered them with 400), or a
    /// connection that broke: either way the connection is done.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func answer(_ request: SandboxHTTPRequest, version: HTTPVersion, keepAlive: Bool, context: ChannelHandlerContext) {
        let loop = context.eventLoop
        let handler = NIOLoopBound((self, context), eventLoop: loop)
        let responder = responder
        Task {
            let response = await responder.respond(to: request)
            loop.execute { handler.value.0.write(response, version: version, keepAlive: keepAlive, context: handler.value.1) }
        }
    }

    private func write(_ response: SandboxHTTPResponse, version: HTTPVersion, keepAlive: Bool, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.reserveCapacity(4)
        headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        headers.add(name: "Plaid-Version", value: response.version.rawValue)
        headers.add(name: "Content-Length", value: String(response.body.count))
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))), promise: nil)
        let sent = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            sent.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
