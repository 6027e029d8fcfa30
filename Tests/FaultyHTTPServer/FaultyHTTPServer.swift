#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A loopback HTTP/1.1 server that misbehaves on purpose, as a test scripts it request by
/// request, so that a real client meets resets, stalls, garbage and bursts of errors over real
/// TCP rather than through a substituted transport.
///
/// It reads just enough HTTP to take a request in (request line, headers, a `Content-Length`
/// body) and writes its answers as raw bytes, so an answer can break the protocol wherever a
/// test wants. It keeps a record of every request that reached it, in order.
public final class FaultyHTTPServer: Sendable {
    /// What the server does with one request.
    public enum Behaviour: Sendable, Equatable, CustomStringConvertible {
        /// A well-formed response, on a connection kept alive.
        case answer(status: Int, contentType: String = "application/json", body: String)
        /// Resets the connection (TCP RST) as soon as the request line arrives, before the
        /// request is read: a server would not have acted on it.
        case resetBeforeReading
        /// Reads the whole request, then resets the connection (TCP RST).
        case resetAfterReading
        /// Reads the whole request and never answers, holding the connection open.
        case stall
        /// Reads the whole request and answers bytes that are not HTTP.
        case garbage
        /// Reads the whole request, sends the head and half of `body`, then closes normally.
        case closeMidBody(status: Int, body: String)
        /// Reads the whole request, sends a head promising a large body, then one byte of it
        /// every `interval`: each read arrives well within any idle timeout, the whole never does.
        case dripBody(every: Duration)

        public var description: String {
            switch self {
            case .answer(let status, let contentType, _): "answer \(status) \(contentType)"
            case .resetBeforeReading: "reset before reading"
            case .resetAfterReading: "reset after reading"
            case .stall: "stall"
            case .garbage: "garbage"
            case .closeMidBody: "close mid-body"
            case .dripBody: "drip body"
            }
        }

        /// Whether the server read the request in full before misbehaving, so that a real
        /// server might have acted on it.
        public var readsRequest: Bool { self != .resetBeforeReading }
    }

    /// One request that reached the server.
    public struct Arrival: Sendable {
        public let path: String
        /// Which request to this path it was, from 0.
        public let index: Int
        public let behaviour: Behaviour
        /// The request body; `nil` when the server reset the connection before reading it.
        public let body: [UInt8]?

        public var bodyText: String? { body.map { String(decoding: $0, as: UTF8.self) } }
    }

    private let serverChannel: any Channel
    private let record: Record
    public let port: Int

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request that reached the server, in the order they did.
    public var arrivals: [Arrival] { record.arrivals.withLockedValue { $0 } }

    /// Requests to `path` that started to arrive, those reset before reading included: the
    /// attempts the client made that got as far as this server.
    public func requestsStarted(_ path: String) -> Int {
        arrivals.filter { $0.path == path }.count
    }

    /// Requests to `path` the server read in full: those a real server might have acted on.
    public func requestsRead(_ path: String) -> Int {
        arrivals.filter { $0.path == path && $0.behaviour.readsRequest }.count
    }

    /// TCP connections accepted so far.
    public var connectionCount: Int { record.connections.withLockedValue { $0 } }

    /// Starts a server on a port the kernel picks.
    ///
    /// - Parameters:
    ///   - port: 0 for any free port; a test that needs a known port (one where a client was
    ///     refused before) passes it.
    ///   - script: what to do with a request, given its path and how many requests to that
    ///     path came before it. It runs on an event loop and must not block.
    public static func start(
        port: Int = 0,
        script: @escaping @Sendable (_ path: String, _ index: Int) -> Behaviour
    ) async throws -> FaultyHTTPServer {
        let record = Record(script: script)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                record.opened(channel)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(FaultyConnectionHandler(record: record))
                }
            }
            .bind(host: "127.0.0.1", port: port)
            .get()
        return FaultyHTTPServer(serverChannel: channel, record: record)
    }

    private init(serverChannel: any Channel, record: Record) {
        self.serverChannel = serverChannel
        self.record = record
        self.port = serverChannel.localAddress?.port ?? 0
    }

    /// Stops listening and closes every connection still open, stalled ones included.
    public func shutdown() async {
        try? await serverChannel.close()
        for channel in record.openChannels.withLockedValue({ Array($0.values) }) {
            try? await channel.close()
        }
    }

    /// State shared by the connections of one server.
    fileprivate final class Record: Sendable {
        let script: @Sendable (String, Int) -> Behaviour
        let arrivals = NIOLockedValueBox<[Arrival]>([])
        let connections = NIOLockedValueBox(0)
        let openChannels = NIOLockedValueBox<[ObjectIdentifier: any Channel]>([:])
        private let countsByPath = NIOLockedValueBox<[String: Int]>([:])

        init(script: @escaping @Sendable (String, Int) -> Behaviour) {
            self.script = script
        }

        func opened(_ channel: any Channel) {
            connections.withLockedValue { $0 += 1 }
            let key = ObjectIdentifier(channel)
            openChannels.withLockedValue { $0[key] = channel }
            channel.closeFuture.whenComplete { _ in
                _ = self.openChannels.withLockedValue { $0.removeValue(forKey: key) }
            }
        }

        /// Picks the behaviour for the next request to `path`.
        func decide(path: String) -> (Behaviour, index: Int) {
            let index = countsByPath.withLockedValue { counts in
                defer { counts[path, default: 0] += 1 }
                return counts[path, default: 0]
            }
            return (script(path, index), index)
        }

        func arrived(_ arrival: Arrival) {
            arrivals.withLockedValue { $0.append(arrival) }
        }
    }
}

/// Reads requests off one connection and carries out the scripted behaviour for each.
private final class FaultyConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// The request being read: its path and behaviour, known from the request line.
    private struct Pending {
        var path: String
        var index: Int
        var behaviour: FaultyHTTPServer.Behaviour
    }

    private let record: FaultyHTTPServer.Record
    private var input = ByteBuffer()
    private var pending: Pending?
    /// Set once the connection is stalled, broken or closing: later bytes are ignored.
    private var isDone = false
    private var drip: RepeatedTask?

    init(record: FaultyHTTPServer.Record) {
        self.record = record
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !isDone else { return }
        var chunk = unwrapInboundIn(data)
        input.writeBuffer(&chunk)
        while !isDone, takeRequest(context: context) {}
        input.discardReadBytes()
    }

    func channelInactive(context: ChannelHandlerContext) {
        drip?.cancel()
        drip = nil
        context.fireChannelInactive()
    }

    /// Consumes one request from the input when enough of it has arrived, and acts on it.
    /// Returns whether it did, so the caller can look for another.
    private func takeRequest(context: ChannelHandlerContext) -> Bool {
        if pending == nil {
            guard let lineEnd = offset(of: Self.lineBreak) else { return false }
            let line = input.getString(at: input.readerIndex, length: lineEnd) ?? ""
            let target = line.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
            let path = String(target.prefix { $0 != "?" })
            let (behaviour, index) = record.decide(path: path)
            if behaviour == .resetBeforeReading {
                record.arrived(.init(path: path, index: index, behaviour: behaviour, body: nil))
                reset(context)
                return false
            }
            pending = Pending(path: path, index: index, behaviour: behaviour)
        }
        guard let request = pending, let headEnd = offset(of: Self.headEnd) else { return false }
        let head = input.getString(at: input.readerIndex, length: headEnd) ?? ""
        let bodyStart = headEnd + Self.headEnd.count
        let bodyLength = Self.contentLength(in: head)
        guard input.readableBytes >= bodyStart + bodyLength else { return false }
        input.moveReaderIndex(forwardBy: bodyStart)
        let body = input.readBytes(length: bodyLength) ?? []
        pending = nil
        record.arrived(.init(path: request.path, index: request.index, behaviour: request.behaviour, body: body))
        act(request.behaviour, context: context)
        return true
    }

    private func act(_ behaviour: FaultyHTTPServer.Behaviour, context: ChannelHandlerContext) {
        switch behaviour {
        case .answer(let status, let contentType, let body):
            write(Self.head(status: status, contentType: contentType, length: body.utf8.count) + body, context: context)
        case .resetBeforeReading, .resetAfterReading:
            reset(context)
        case .stall:
            isDone = true
        case .garbage:
            isDone = true
            write("\u{16}\u{03}\u{01}\u{00}SSH-2.0-not-http \u{00}\u{FF}garbage\r\n\r\n", context: context)
        case .closeMidBody(let status, let body):
            isDone = true
            let half = String(decoding: body.utf8.prefix(body.utf8.count / 2), as: UTF8.self)
            write(Self.head(status: status, contentType: "application/json", length: body.utf8.count) + half, context: context)
            context.close(promise: nil)
        case .dripBody(let interval):
            isDone = true
            write(Self.head(status: 200, contentType: "application/json", length: 1_000_000), context: context)
            let channel = context.channel
            let nanoseconds = Int64(interval.components.seconds * 1_000_000_000 + interval.components.attoseconds / 1_000_000_000)
            drip = context.eventLoop.scheduleRepeatedTask(initialDelay: .nanoseconds(nanoseconds), delay: .nanoseconds(nanoseconds)) { _ in
                channel.writeAndFlush(ByteBuffer(string: " "), promise: nil)
            }
        }
    }

    private func write(_ text: String, context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text)), promise: nil)
    }

    /// Closes with SO_LINGER 0, so the kernel sends RST instead of FIN and the client reads
    /// ECONNRESET rather than an orderly end of stream.
    private func reset(_ context: ChannelHandlerContext) {
        isDone = true
        guard let provider = context.channel as? any SocketOptionProvider else {
            preconditionFailure("the server's connections are sockets, so they take socket options")
        }
        let channel = context.channel
        provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }

    private static let lineBreak: [UInt8] = Array("\r\n".utf8)
    private static let headEnd: [UInt8] = Array("\r\n\r\n".utf8)

    /// Where `needle` starts in the unread input, counted from the reader index.
    private func offset(of needle: [UInt8]) -> Int? {
        let bytes = input.readableBytesView
        guard bytes.count >= needle.count else { return nil }
        for start in 0...(bytes.count - needle.count)
        where bytes[bytes.startIndex + start] == needle[0]
            && bytes[(bytes.startIndex + start)..<(bytes.startIndex + start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }

    private static func contentLength(in head: String) -> Int {
        for line in head.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                return Int(parts[1].filter { !$0.isWhitespace }) ?? 0
            }
        }
        return 0
    }

    private static func head(status: Int, contentType: String, length: Int) -> String {
        "HTTP/1.1 \(status) Status\r\nContent-Type: \(contentType)\r\nContent-Length: \(length)\r\n\r\n"
    }
}
