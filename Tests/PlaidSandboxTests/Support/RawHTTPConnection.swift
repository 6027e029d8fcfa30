#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A TCP connection to the sandbox that sends bytes exactly as given and reads what comes back
/// until the server closes it, for what an HTTP client library would not send: pipelined
/// requests, malformed ones. Reads block, so they run on a thread of their own: on one of Swift's
/// few pool threads they would hold up the sandbox in the same process.
struct RawHTTPConnection: Sendable {
    private let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else {
            Glibc.close(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return }
            offset += sent
        }
    }

    /// What one read returns: the start of the server's answer at least.
    func readSome() async -> String {
        await onThread { String(decoding: receive().bytes, as: UTF8.self) }
    }

    /// Everything the server sends until it closes the connection, and whether it did close it
    /// (false when a minute passed in silence).
    func readToEnd() async -> (text: String, closedByServer: Bool) {
        await onThread {
            var received: [UInt8] = []
            while true {
                let (bytes, count) = receive()
                if count <= 0 { return (String(decoding: received, as: UTF8.self), count == 0) }
                received += bytes
            }
        }
    }

    /// The bytes of one `recv`, and what it returned: 0 when the server closed, -1 on a timeout.
    private func receive() -> (bytes: [UInt8], count: Int) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress!, $0.count, 0) }
        return (Array(buffer.prefix(max(count, 0))), count)
    }

    private func onThread<Result: Sendable>(_ read: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { done in
            Thread { done.resume(returning: read()) }.start()
        }
    }

    func close() {
        Glibc.close(descriptor)
    }

    /// A POST of `body` to `path` with the developer's keys in the headers.
    static func post(_ path: String, _ body: String, clientID: String, secret: String, closing: Bool = false) -> String {
        "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nPLAID-CLIENT-ID: \(clientID)\r\n"
            + "PLAID-SECRET: \(secret)\r\nContent-Length: \(body.utf8.count)\r\n" + (closing ? "Connection: close\r\n" : "")
            + "\r\n" + body
    }
}
