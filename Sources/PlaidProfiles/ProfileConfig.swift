import Foundation
import TOMLKit

/// `config.toml`: the user's named profiles.
///
/// ```toml
/// [profiles.ops-prod]
/// env = "production"
/// client_id = "5f…"
/// secret_file = "~/.config/plaidlua/secrets/ops-prod"   # or secret_env / secret_command
/// version = "2020-09-14"
/// allowed_hosts = ["plaid-proxy.example.com:8443"]
///
/// [profiles.ops-prod.processors.dwolla]
/// client_id = "…"
/// secret_env = "DWOLLA_PLAID_SECRET"
/// ```
public struct ProfileConfig: Sendable {
    /// Where the file is (it need not exist).
    public let path: String
    public let profiles: [String: Profile]

    /// `$PLAIDLUA_CONFIG`, else `$XDG_CONFIG_HOME/plaidlua/config.toml`, else
    /// `~/.config/plaidlua/config.toml`.
    public static func location(environment: [String: String]) -> String {
        if let path = environment["PLAIDLUA_CONFIG"], !path.isEmpty { return path }
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/plaidlua/config.toml" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/plaidlua/config.toml"
    }

    /// Reads the file at ``location(environment:)``; a missing file has no profiles.
    public static func load(environment: [String: String]) throws(ProfileError) -> ProfileConfig {
        try load(path: location(environment: environment), environment: environment)
    }

    public static func load(path: String, environment: [String: String]) throws(ProfileError) -> ProfileConfig {
        guard FileManager.default.fileExists(atPath: path) else { return ProfileConfig(path: path, profiles: [:]) }
        guard let data = FileManager.default.contents(atPath: path) else { throw ProfileError("cannot read \(path)") }
        return try parse(String(decoding: data, as: UTF8.self), path: path, home: environment["HOME"] ?? NSHomeDirectory())
    }

    static func parse(_ text: String, path: String, home: String) throws(ProfileError) -> ProfileConfig {
        let document: TOMLTable
        do {
            document = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ProfileError("\(path):\(error.source.begin.line): \(error.description)")
        } catch {
            throw ProfileError("\(path): \(error)")
        }
        for key in document.keys where key != "profiles" {
            throw ProfileError("\(path): unknown top-level key '\(key)'; profiles go under [profiles.NAME]")
        }
        guard let value = document["profiles"] else { return ProfileConfig(path: path, profiles: [:]) }
        guard let table = value.table else { throw ProfileError("\(path): 'profiles' must be a table of [profiles.NAME]") }
        var profiles: [String: Profile] = [:]
        for name in table.keys {
            guard let entry = table[name]?.table else {
                throw ProfileError("\(path): profile '\(name)' must be a table ([profiles.\(name)])")
            }
            profiles[name] = try ProfileReader(path: path, profile: name, home: home).profile(from: entry)
        }
        return ProfileConfig(path: path, profiles: profiles)
    }

    public init(path: String, profiles: [String: Profile]) {
        self.path = path
        self.profiles = profiles
    }

    /// The profile named `name`, or an error listing the ones there are.
    public func profile(named name: String) throws(ProfileError) -> Profile {
        if let profile = profiles[name] { return profile }
        let known = profiles.keys.sorted()
        throw ProfileError("no profile '\(name)' in \(path)"
            + (known.isEmpty ? " (it has none; see docs/security.md)" : "; profiles: " + known.joined(separator: ", ")))
    }
}

/// Reads one `[profiles.NAME]` table, naming the key whenever something is wrong.
private struct ProfileReader {
    let path: String
    let profile: String
    let home: String

    static let profileKeys = ["env", "client_id", "secret_file", "secret_env", "secret_command", "version", "allowed_hosts", "processors"]
    static let keysKeys = ["client_id", "secret_file", "secret_env", "secret_command"]

    func profile(from table: TOMLTable) throws(ProfileError) -> Profile {
        try checkKeys(of: table, allowed: Self.profileKeys, in: "[profiles.\(profile)]")
        let env = try string(table, "env") ?? "embedded"
        let lowered = env.lowercased()
        guard ["embedded", "sandbox", "production"].contains(lowered) || lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
            throw failure("env is '\(env)'; use embedded, sandbox, production or a base URL")
        }
        var processors: [String: Profile.Keys] = [:]
        if let value = table["processors"] {
            guard let partners = value.table else { throw failure("processors must be a table of [profiles.\(profile).processors.NAME]") }
            for name in partners.keys {
                guard let partner = partners[name]?.table else {
                    throw failure("processors.\(name) must be a table ([profiles.\(profile).processors.\(name)])")
                }
                let section = "[profiles.\(profile).processors.\(name)]"
                try checkKeys(of: partner, allowed: Self.keysKeys, in: section)
                processors[name] = try keys(partner, in: section)
            }
        }
        var allowedHosts: [String] = []
        if let value = table["allowed_hosts"] {
            if let single = value.string {
                allowedHosts = [single]
            } else if let list = value.array {
                for entry in list {
                    guard let host = entry.string else { throw failure("allowed_hosts must be a list of strings") }
                    allowedHosts.append(host)
                }
            } else {
                throw failure("allowed_hosts must be a list of strings")
            }
        }
        return Profile(name: profile, env: lowered.hasPrefix("http") ? env : lowered,
                       keys: try keys(table, in: "[profiles.\(profile)]"), version: try string(table, "version"),
                       allowedHosts: allowedHosts, processors: processors)
    }

    private func keys(_ table: TOMLTable, in section: String) throws(ProfileError) -> Profile.Keys {
        let sources: [SecretSource] = [
            try string(table, "secret_file").map { .file(expandingHome($0)) },
            try string(table, "secret_env").map { .environment($0) },
            try string(table, "secret_command").map { .command($0) },
        ].compactMap { $0 }
        guard sources.count <= 1 else {
            throw failure("\(section) names more than one of secret_file, secret_env and secret_command; keep one")
        }
        return Profile.Keys(clientID: try string(table, "client_id"), secret: sources.first)
    }

    private func checkKeys(of table: TOMLTable, allowed: [String], in section: String) throws(ProfileError) {
        for key in table.keys where !allowed.contains(key) {
            if key == "secret" {
                throw failure("\(section) has an inline secret; secrets do not belong in config.toml: put it in a file "
                    + "readable only by you and name it with secret_file, or use secret_env or secret_command")
            }
            throw failure("\(section) has an unknown key '\(key)'; keys: " + allowed.joined(separator: ", "))
        }
    }

    private func string(_ table: TOMLTable, _ key: String) throws(ProfileError) -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string, !text.isEmpty else { throw failure("\(key) must be a non-empty string") }
        return text
    }

    private func expandingHome(_ path: String) -> String {
        path == "~" ? home : path.hasPrefix("~/") ? home + path.dropFirst() : path
    }

    private func failure(_ problem: String) -> ProfileError {
        ProfileError("\(path): profile '\(profile)': \(problem)")
    }
}
