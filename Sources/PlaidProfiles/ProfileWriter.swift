import Foundation
import PrivateFiles

/// Adds a profile to `config.toml`, with its secrets in files of their own (0600, in a 0700
/// folder beside the config), leaving every other profile's text as it was.
public struct ProfileWriter {
    public let configPath: String

    public init(configPath: String) {
        self.configPath = configPath
    }

    /// - Parameters:
    ///   - secrets: the developer's secret under `nil`'s place (`developer`) and each
    ///     partner's under its processor name.
    ///   - replacing: allow replacing a profile of the same name (`--force`).
    /// - Returns: the folder the secret files went to.
    @discardableResult
    public func add(name: String, env: String, developer: (clientID: String, secret: String),
                    processors: [String: (clientID: String, secret: String)], replacing: Bool,
                    environment: [String: String]) throws -> String {
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !name.isEmpty else {
            throw ProfileError("profile name '\(name)' may hold only letters, digits, '-' and '_'")
        }
        let existing = try ProfileConfig.load(path: configPath, environment: environment)
        if existing.profiles[name] != nil, !replacing {
            throw ProfileError("\(configPath) already has a profile '\(name)'; pass --force to replace it")
        }
        let folder = (configPath as NSString).deletingLastPathComponent
        let secrets = folder + "/secrets/" + name
        try PrivateDirectory.create(folder, tightenExisting: false)
        try PrivateDirectory.create(folder + "/secrets")
        try PrivateDirectory.create(secrets)

        var text = "\n[profiles.\(name)]\nenv = \(quoted(env))\nclient_id = \(quoted(developer.clientID))\n"
        try PrivateFile.write(developer.secret + "\n", to: secrets + "/developer.secret")
        text += "secret_file = \(quoted(secrets + "/developer.secret"))\n"
        for (processor, keys) in processors.sorted(by: { $0.key < $1.key }) {
            let file = secrets + "/\(processor).secret"
            try PrivateFile.write(keys.secret + "\n", to: file)
            text += "\n[profiles.\(name).processors.\(processor)]\nclient_id = \(quoted(keys.clientID))\nsecret_file = \(quoted(file))\n"
        }

        var document = FileManager.default.contents(atPath: configPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
        if existing.profiles[name] != nil { document = Self.removing(profile: name, from: document) }
        if !document.isEmpty, !document.hasSuffix("\n") { document += "\n" }
        document += text
        // Checked before it replaces the old file, so a mistake leaves the user's config as it was.
        _ = try ProfileConfig.parse(document, path: configPath, home: environment["HOME"] ?? NSHomeDirectory())
        try PrivateFile.write(document, to: configPath)
        return secrets
    }

    /// The document without the `[profiles.NAME]` and `[profiles.NAME.…]` sections.
    static func removing(profile name: String, from document: String) -> String {
        var kept: [Substring] = []
        var skipping = false
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("[") {
                let header = trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                skipping = header == "profiles.\(name)" || header.hasPrefix("profiles.\(name).")
            }
            if !skipping { kept.append(line) }
        }
        return kept.joined(separator: "\n")
    }

    private func quoted(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f: escaped += String(format: "\\u%04X", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "\"" + escaped + "\""
    }
}
