import ArgumentParser
import Foundation
import PlaidProfiles

/// `plaidlua profiles list|show NAME`: what `config.toml` holds, never a secret.
struct ProfilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plaidlua profiles",
        abstract: "List the profiles of config.toml, or show one; secrets are never printed.",
        discussion: """
            The config file is $PLAIDLUA_CONFIG, else $XDG_CONFIG_HOME/plaidlua/config.toml, else \
            ~/.config/plaidlua/config.toml. Use a profile with 'plaidlua --profile NAME …', PLAIDLUA_PROFILE, \
            or plaid.client{ profile = "NAME" }. See docs/security.md.
            Example:
              plaidlua profiles show production
            """,
        subcommands: [List.self, Show.self]
    )

    static func run(arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            return report(error, command: "plaidlua profiles")
        }
    }

    static func loadConfig() throws -> ProfileConfig {
        do {
            return try ProfileConfig.load(environment: ProcessInfo.processInfo.environment)
        } catch {
            printError("plaidlua profiles: \(error)")
            throw ExitCode(2)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One line per profile: name, environment, client_id and where its secret comes from.",
            discussion: """
                Example:
                  plaidlua profiles list --names
                """)

        /// A few partner names, and how many more (a sandbox profile has one per processor).
        static func partners(_ names: [String]) -> String {
            guard names.count > 3 else { return names.isEmpty ? "-" : names.joined(separator: ",") }
            return names.prefix(3).joined(separator: ",") + " +\(names.count - 3)"
        }

        @Flag(help: "Only the profiles' names, one a line (for shell completion).")
        var names = false

        func run() throws {
            let config = try ProfilesCommand.loadConfig()
            if names {
                for name in config.profiles.keys.sorted() { printLine(name) }
                return
            }
            guard !config.profiles.isEmpty else {
                printLine("no profiles in \(config.path)")
                return
            }
            let rows = config.profiles.values.sorted { $0.name < $1.name }.map { profile in
                [profile.name, profile.env, profile.keys.clientID ?? "-", profile.keys.secret?.description ?? "-",
                 Self.partners(profile.processors.keys.sorted())]
            }
            let header = ["profile", "env", "client_id", "secret", "partners"]
            let widths = (0..<header.count).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
            for row in [header] + rows {
                printLine(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                    .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Everything a profile sets, and whether each secret can be read (checked, not printed).",
            discussion: """
                Example:
                  plaidlua profiles show production
                """)

        @Argument(help: "The profile's name.")
        var name: String

        func run() throws {
            let config = try ProfilesCommand.loadConfig()
            let profile: Profile
            do {
                profile = try config.profile(named: name)
            } catch {
                printError("plaidlua profiles: \(error)")
                throw ExitCode(2)
            }
            printLine("profile \(profile.name)  (\(config.path))")
            printLine("  env            \(profile.env)")
            printLine("  version        \(profile.version ?? "(default)")")
            printLine("  allowed_hosts  \(profile.allowedHosts.isEmpty ? "(none)" : profile.allowedHosts.joined(separator: ", "))")
            describe(profile.keys, profile: profile.name, indent: "  ")
            for (processor, keys) in profile.processors.sorted(by: { $0.key < $1.key }) {
                printLine("  processor \(processor)")
                describe(keys, profile: profile.name, indent: "    ")
            }
        }

        private func describe(_ keys: Profile.Keys, profile: String, indent: String) {
            printLine("\(indent)client_id      \(keys.clientID ?? "(none)")")
            guard let source = keys.secret else {
                printLine("\(indent)secret         (none)")
                return
            }
            // Reading it checks the file's owner and mode; only the outcome is shown. A command is
            // not run just to be shown.
            let state: String
            if case .command = source {
                state = "run when the profile is used"
            } else {
                do {
                    _ = try source.read(environment: ProcessInfo.processInfo.environment, profile: profile)
                    state = "readable"
                } catch {
                    state = "NOT USABLE: \(error)"
                }
            }
            printLine("\(indent)secret         from \(source) (\(state))")
        }
    }
}
