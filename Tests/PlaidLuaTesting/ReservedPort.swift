#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A loopback port held bound, without listening, until ``release()``: connecting there is
/// refused, and no one else can bind it.
///
/// It is taken below the kernel's ephemeral range, which binding to port 0 and outgoing
/// connections draw from. Under load other tests churn through that range, so a port freed there
/// can be someone's server or someone's source port a moment later; a test that frees its port
/// to start a server there itself (or restarts one on it) would then find it taken.
public final class ReservedPort: Sendable {
    public let port: Int
    /// -1 once released.
    private let descriptor: Mutex<Int32>

    public init() throws {
        let range = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8))?
            .split(whereSeparator: \.isWhitespace).compactMap { Int($0) } ?? []
        let firstEphemeral = max(10001, range.first ?? 32768)
        for _ in 0..<200 {
            let candidate = Int.random(in: 10000..<firstEphemeral)
            if let socketDescriptor = Self.bind(candidate) {
                descriptor = Mutex(socketDescriptor)
                port = candidate
                return
            }
        }
        throw PortUnavailable()
    }

    /// Frees the port, for a server the test starts there.
    public func release() {
        descriptor.withLock { held in
            guard held >= 0 else { return }
            close(held)
            held = -1
        }
    }

    deinit { release() }

    private static func bind(_ port: Int) -> Int32? {
        // Close-on-exec: a binary another test starts meanwhile must not inherit the socket and
        // keep the port bound after it is released.
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socketDescriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        if bound { return socketDescriptor }
        close(socketDescriptor)
        return nil
    }
}

public struct PortUnavailable: Error {}
