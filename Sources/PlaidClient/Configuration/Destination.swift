import Foundation

/// Scheme, host and port of a URL: what decides whether credentials may travel to it.
///
/// `localhost`, `127.0.0.0/8` and `::1` are one host, so a sandbox started on `127.0.0.1` and
/// named as `localhost` is the same destination.
public struct Origin: Hashable, Sendable, CustomStringConvertible {
    public let scheme: String
    /// Lower-cased; every loopback spelling is `localhost`.
    public let host: String
    public let port: Int

    /// `nil` for anything but an absolute `http` or `https` URL with a host.
    public init?(url: String) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", var host = components.host?.lowercased(), !host.isEmpty,
              components.user == nil, components.password == nil
        else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.scheme = scheme
        self.host = Self.isLoopback(host) ? "localhost" : host
        self.port = components.port ?? (scheme == "https" ? 443 : 80)
    }

    public var isLoopback: Bool { host == "localhost" }

    /// Plaid's own API hosts, reached over HTTPS on the standard port.
    public var isPlaidHost: Bool {
        scheme == "https" && port == 443 && Self.plaidHosts.contains(host)
    }

    static let plaidHosts: Set<String> = ["sandbox.plaid.com", "production.plaid.com"]

    public var description: String { "\(scheme)://\(host):\(port)" }

    private static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }) else { return false }
        return octets[0] == "127"
    }
}

/// Hosts besides Plaid's and loopback that credentials may be sent to: `PLAIDLUA_ALLOWED_HOSTS`,
/// a profile's or a client's `allowed_hosts`. Entries are `host` or `host:port`, matched
/// exactly, or `*.example.com` for any subdomain of `example.com` (not `example.com` itself).
public struct AllowedHosts: Hashable, Sendable, CustomStringConvertible {
    struct Entry: Hashable, Sendable {
        let host: String
        let port: Int?
        let subdomains: Bool
    }

    private(set) var entries: [Entry] = []

    public init() {}

    /// Parses entries; each may itself be a comma-separated list.
    /// - Throws: ``PlaidClientError`` of kind `invalidConfiguration` naming the bad entry.
    public init(_ lists: [String], source: String) throws {
        for list in lists {
            for raw in list.split(separator: ",") {
                let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
                guard !text.isEmpty else { continue }
                guard let entry = Self.entry(text) else {
                    throw PlaidClientError.invalidConfiguration(
                        "\(source) entry '\(text)' is not host, host:port or *.domain")
                }
                entries.append(entry)
            }
        }
    }

    public var isEmpty: Bool { entries.isEmpty }

    public func allows(_ origin: Origin) -> Bool {
        entries.contains { entry in
            if let port = entry.port, port != origin.port { return false }
            return entry.subdomains ? origin.host.hasSuffix("." + entry.host) : origin.host == entry.host
        }
    }

    public func merging(_ other: AllowedHosts) -> AllowedHosts {
        var merged = self
        merged.entries += other.entries.filter { !entries.contains($0) }
        return merged
    }

    public var description: String {
        entries.map { ($0.subdomains ? "*." : "") + $0.host + ($0.port.map { ":\($0)" } ?? "") }.joined(separator: ",")
    }

    private static func entry(_ text: String) -> Entry? {
        var host = Substring(text)
        var subdomains = false
        if host.hasPrefix("*.") {
            subdomains = true
            host = host.dropFirst(2)
        }
        var port: Int?
        if let colon = host.lastIndex(of: ":") {
            guard let number = Int(host[host.index(after: colon)...]), (1...65535).contains(number) else { return nil }
            port = number
            host = host[..<colon]
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-")
        guard !host.isEmpty, host.allSatisfy(allowed.contains), !host.hasPrefix("."), !host.hasSuffix("."),
              !host.contains("..")
        else { return nil }
        return Entry(host: String(host), port: port, subdomains: subdomains)
    }
}

extension PlaidClient.Configuration {
    /// Why the credentials must not go to ``environment``'s URL, or `nil` when they may.
    ///
    /// They may go to Plaid's hosts over HTTPS, to loopback, and to a host of
    /// ``allowedHosts`` over HTTPS — and in every case only to the URL they were given for
    /// (``credentialsOrigin``). Plain HTTP leaves the machine never.
    public func destinationRefusal() -> PlaidClientError? {
        let url = environment.baseURL
        guard let target = Origin(url: url) else {
            return .refused("'\(url)' is not an http:// or https:// URL with a host", host: url)
        }
        if target.scheme == "http", !target.isLoopback {
            return .refused("plain HTTP to \(target.host) is refused: credentials leave this machine only over HTTPS",
                            host: target.host)
        }
        if let credentialsOrigin {
            guard let owner = Origin(url: credentialsOrigin), owner == target else {
                return .refused(
                    "the credentials belong to \(credentialsOrigin), not \(url): credentials from the environment or a "
                        + "profile go only to their own environment's URL (pass client_id and secret with base_url to use others)",
                    host: target.host)
            }
        }
        if target.isPlaidHost || target.isLoopback || (target.scheme == "https" && allowedHosts.allows(target)) {
            return nil
        }
        return .refused(
            "\(target.host):\(target.port) is not Plaid's, not loopback and not allow-listed: add it to allowed_hosts "
                + "(client option or profile) or PLAIDLUA_ALLOWED_HOSTS to send credentials there",
            host: target.host)
    }
}

extension PlaidClientError {
    static func refused(_ message: String, host: String) -> PlaidClientError {
        PlaidClientError(kind: .destinationRefused, message: "credentials not sent: " + message, host: host, path: "",
                         mayHaveReachedServer: false, isTransient: false)
    }
}
