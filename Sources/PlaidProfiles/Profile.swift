import ChildProcess
import Foundation

/// A named set of settings from `config.toml`: which environment, which keys, which partners.
///
/// Secrets are never stored in the profile itself: it names where to read them
/// (``SecretSource``), and they are read only when a client is made.
public struct Profile: Sendable, Equatable {
    /// Keys of one client: the developer's, or a processor partner's.
    public struct Keys: Sendable, Equatable {
        public var clientID: String?
        public var secret: SecretSource?

        public init(clientID: String?, secret: SecretSource?) {
            self.clientID = clientID
            self.secret = secret
        }
    }

    public var name: String
    /// `embedded`, `sandbox`, `production` or a base URL.
    public var env: String
    public var keys: Keys
    /// `Plaid-Version`, when the profile sets one.
    public var version: String?
    /// `host`, `host:port` or `*.domain` entries credentials may also go to (over HTTPS).
    public var allowedHosts: [String]
    /// Partner keys by processor name (`dwolla`).
    public var processors: [String: Keys]

    public init(name: String, env: String, keys: Keys, version: String? = nil, allowedHosts: [String] = [],
                processors: [String: Keys] = [:]) {
        self.name = name
        self.env = env
        self.keys = keys
        self.version = version
        self.allowedHosts = allowedHosts
        self.processors = processors
    }

    /// The names of the environment variables the profile reads secrets from, which a
    /// `--safe` script must not read.
    public var secretVariables: [String] {
        ([keys] + Array(processors.values)).compactMap { keys in
            if case .environment(let name)? = keys.secret { return name }
            return nil
        }
    }
}

/// Where a profile's secret comes from.
public enum SecretSource: Sendable, Equatable, CustomStringConvertible {
    /// A file holding only the secret; it must be the user's own and readable by nobody else.
    case file(String)
    /// An environment variable.
    case environment(String)
    /// A command whose standard output is the secret (`pass show plaid/prod`), run with `/bin/sh -c`.
    case command(String)

    /// Where the secret is read from, without the secret.
    public var description: String {
        switch self {
        case .file(let path): "file \(path)"
        case .environment(let name): "environment variable \(name)"
        case .command(let command): "command `\(command)`"
        }
    }

    /// Reads the secret.
    /// - Throws: ``ProfileError`` saying what is wrong with the source, never quoting the secret.
    public func read(environment: [String: String], profile: String) throws(ProfileError) -> String {
        let secret: String
        switch self {
        case .file(let path):
            try SecretFile.checkPrivate(path, profile: profile)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ProfileError("profile '\(profile)': cannot read the secret file \(path)")
            }
            secret = String(decoding: data, as: UTF8.self)
        case .environment(let name):
            guard let value = environment[name] else {
                throw ProfileError("profile '\(profile)': the secret variable \(name) is not set")
            }
            secret = value
        case .command(let command):
            secret = try Self.output(of: command, profile: profile)
        }
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ProfileError("profile '\(profile)': the secret from \(self) is empty") }
        return trimmed
    }

    private static func output(of command: String, profile: String) throws(ProfileError) -> String {
        let output: (read: Int32, write: Int32)
        let child: ChildProcess
        do {
            output = try ChildProcess.pipe()
        } catch {
            throw ProfileError("profile '\(profile)': cannot run the secret command: \(error)")
        }
        let nowhere = ChildProcess.nullDevice(), discarded = ChildProcess.nullDevice(writing: true)
        defer { close(nowhere); close(discarded) }
        do {
            child = try ChildProcess("/bin/sh", arguments: ["-c", command], environment: ProcessInfo.processInfo.environment,
                                     standardInput: nowhere, standardOutput: output.write, standardError: discarded)
        } catch {
            close(output.read)
            close(output.write)
            throw ProfileError("profile '\(profile)': cannot run the secret command: \(error)")
        }
        close(output.write)
        let data = ChildProcess.readToEnd(output.read)
        let ending = child.wait()
        guard ending == .exited(0) else {
            throw ProfileError("profile '\(profile)': the secret command exited with status \(ending.status)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A profile or the config file is wrong; the message names the file, profile and key.
public struct ProfileError: Error, CustomStringConvertible, Equatable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Secret files are refused when others could read them, as ssh refuses such a private key.
public enum SecretFile {
    /// - Throws: when the file is missing, not the user's, or open to group or others.
    public static func checkPrivate(_ path: String, profile: String) throws(ProfileError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw ProfileError("profile '\(profile)': the secret file \(path) does not exist or cannot be read")
        }
        guard status.st_uid == getuid() else {
            throw ProfileError("profile '\(profile)': the secret file \(path) belongs to another user; "
                + "a secret file must be your own (chown it, or copy the secret into a file you own)")
        }
        let mode = status.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw ProfileError(String(format: "profile '%@': the secret file %@ has mode %03o, so others may read it; "
                + "run: chmod 600 %@", profile, path, mode, path))
        }
    }
}
