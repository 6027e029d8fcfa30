#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// A listener on loopback that speaks just enough of PostgreSQL's protocol to steal a password:
/// it answers a TLS request with "no", then asks for the password in clear, and keeps every byte
/// it receives. It serves one connection.
final class DecliningPostgresServer: Sendable {
    let port: Int
    private let listener: Int32
    private let bytes = Mutex<[UInt8]>([])

    /// Every byte the client sent.
    var received: [UInt8] { bytes.withLock { $0 } }

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && listen(descriptor, 4) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard ready else {
            close(descriptor)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        listener = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in serveOneConnection() }
        thread.start()
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serveOneConnection() {
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else { return }
        defer { close(connection) }
        // An SSLRequest is 8 bytes: length 8, then the code 80877103.
        let sslRequest: [UInt8] = [0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F]
        var answeredTLS = false
        var askedForPassword = false
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { return }
            let all = bytes.withLock { received in
                received += buffer[0..<count]
                return received
            }
            if !answeredTLS, all.count >= 8, Array(all.prefix(8)) == sslRequest {
                answeredTLS = true
                _ = write(connection, "N", 1)
                if all.count == 8 { continue }
            }
            if !askedForPassword {
                // AuthenticationCleartextPassword: 'R', length 8, code 3.
                askedForPassword = true
                let request: [UInt8] = [UInt8(ascii: "R"), 0, 0, 0, 8, 0, 0, 0, 3]
                _ = write(connection, request, request.count)
            } else {
                return
            }
        }
    }
}
