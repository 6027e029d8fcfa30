import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP/1.1 server on a loopback port chosen by the kernel, answering each request as the
/// test says. It records every request it received so tests can check what the client sent.
final class TestHTTPServer: Sendable {
    /// How the server answers one request.
    enum Reply: Sendable {
        case json(status: Int, body: String)
        case body(status: Int, contentType: String, body: String)
        /// JSON with extra response headers (`Location`, `Retry-After`).
        case withHeaders(status: Int, headers: [String: String], body: String)
        /// Closes the connection without answering.
        case closeConnection
        /// Never answers, to make the client time out.
        case hang
    }

    struct ReceivedRequest: Sendable {
        var method: String
        var uri: String
        var headers: [(name: String, value: String)]
        var body: Data

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    private let channel: any Channel
    private let state: NIOLockedValueBox<[ReceivedRequest]>
    private let acceptedConnections: NIOLockedValueBox<Int>
    let port: Int

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var requests: [ReceivedRequest] { state.withLockedValue { $0 } }
    /// How many TCP connections clients opened, to observe keep-alive and pool size.
    var connectionCount: Int { acceptedConnections.withLockedValue { $0 } }

    /// Starts a server; `reply` gets each request and how many came before it.
    static func start(reply: @escaping @Sendable (ReceivedRequest, Int) -> Reply) async throws -> TestHTTPServer {
        let state = NIOLockedValueBox<[ReceivedRequest]>([])
        let acceptedConnections = NIOLockedValueBox(0)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                acceptedConnections.withLockedValue { $0 += 1 }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(RequestHandler(state: state, reply: reply))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return TestHTTPServer(channel: channel, state: state, acceptedConnections: acceptedConnections)
    }

    private init(channel: any Channel, state: NIOLockedValueBox<[ReceivedRequest]>, acceptedConnections: NIOLockedValueBox<Int>) {
        self.channel = channel
        self.state = state
        self.acceptedConnections = acceptedConnections
        self.port = channel.localAddress?.port ?? 0
    }

    func shutdown() async throws {
        try await channel.close()
    }
}

private final class RequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let state: NIOLockedValueBox<[TestHTTPServer.ReceivedRequest]>
    private let reply: @Sendable (TestHTTPServer.ReceivedRequest, Int) -> TestHTTPServer.Reply
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(
        state: NIOLockedValueBox<[TestHTTPServer.ReceivedRequest]>,
        reply: @escaping @Sendable (TestHTTPServer.ReceivedRequest, Int) -> TestHTTPServer.Reply
    ) {
        self.state = state
        self.reply = reply
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var chunk):
            body.writeBuffer(&chunk)
        case .end:
            guard let head else { return }
            let request = TestHTTPServer.ReceivedRequest(
                method: head.method.rawValue,
                uri: head.uri,
                headers: head.headers.map { ($0.name, $0.value) },
                body: Data(body.readableBytesView)
            )
            let index = state.withLockedValue { requests in
                requests.append(request)
                return requests.count - 1
            }
            respond(reply(request, index), context: context, keepAlive: head.isKeepAlive)
        }
    }

    private func respond(_ reply: TestHTTPServer.Reply, context: ChannelHandlerContext, keepAlive: Bool) {
        let (status, contentType, text): (Int, String, String)
        var headers = HTTPHeaders()
        switch reply {
        case .json(let code, let body): (status, contentType, text) = (code, "application/json", body)
        case .withHeaders(let code, let extra, let body):
            (status, contentType, text) = (code, "application/json", body)
            for (name, value) in extra { headers.add(name: name, value: value) }
        case .body(let code, let type, let body): (status, contentType, text) = (code, type, body)
        case .closeConnection:
            context.close(promise: nil)
            return
        case .hang:
            return
        }
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: "\(text.utf8.count)")
        let head = HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: text)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        if !keepAlive { context.close(promise: nil) }
    }
}
