import ArgumentParser
import Foundation
import PlaidLua
import PlaidProfiles
import PlaidSandbox

/// `plaidlua sandbox …`: runs and manages the offline Plaid sandbox.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plaidlua sandbox",
        abstract: "Run and manage the offline Plaid sandbox.",
        discussion: """
            Example:
              plaidlua sandbox serve --port 8484 &
              plaidlua sandbox credentials --write-profile team
            """,
        subcommands: [Serve.self, Credentials.self, Reset.self, Webhooks.self, RotateWebhookKey.self]
    )

    /// Parses and runs `arguments` (what follows `sandbox`); returns the exit status. Usage
    /// errors give status 2 and a one-line message, like the rest of `plaidlua`.
    static func run(arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            return report(error, command: "plaidlua sandbox")
        }
    }
}

/// Options every `sandbox` subcommand takes: where the sandbox keeps its state.
struct SandboxStoreOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "The sandbox's data directory (default: $PLAIDLUA_HOME, else $XDG_DATA_HOME/plaidlua, else ~/.local/share/plaidlua).")
    var directory: String?

    @Option(name: .customLong("database"), help: ArgumentHelp(
        "Keep the state in this PostgreSQL database instead of the data directory's sandbox.sqlite, shared with every sandbox "
            + "pointed at it (default: $PLAIDLUA_SANDBOX_DATABASE). The password comes from $PGPASSWORD, never the command line.",
        valueName: "postgres://user@host:port/db"))
    var databaseURL: String?

    var dataDirectory: String {
        directory ?? DataDirectory.resolve(environment: ProcessInfo.processInfo.environment)
    }

    /// The PostgreSQL database, when one is named.
    var database: PostgresLocation? {
        get throws {
            let environment = ProcessInfo.processInfo.environment
            guard let url = databaseURL ?? environment["PLAIDLUA_SANDBOX_DATABASE"].flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
            do {
                return try PostgresLocation(url: url, environment: environment)
            } catch {
                throw ValidationError("\(error)")
            }
        }
    }

    func validate() throws {
        // Every user of the machine can read another's command line (ps): a password there is
        // shown to all of them.
        if let databaseURL, PostgresLocation.hasPassword(url: databaseURL) {
            throw ValidationError("--database must not hold the password, which 'ps' would show to every user; "
                + "put it in $PGPASSWORD, or the whole URL in $PLAIDLUA_SANDBOX_DATABASE")
        }
        _ = try database
    }

    /// Where the state is, for messages.
    var shownLocation: String {
        (try? database).flatMap { $0.map(\.description) } ?? dataDirectory
    }
}

extension SandboxCommand {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the sandbox in the foreground until SIGINT or SIGTERM.",
            discussion: """
                Prints the address it listens on to standard output, then one line per request to standard error.
                Example:
                  plaidlua sandbox serve --port 0 --rate-limit processor_auth_get=10/s
                """
        )

        @Option(help: "The address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "The port to listen on; 0 picks a free one.")
        var port = 8484

        @OptionGroup var store: SandboxStoreOptions

        @Option(name: .customLong("rate-limit"), help: ArgumentHelp(
            "Limit an endpoint, as ENDPOINT=N/s (or N/min); repeatable. ENDPOINT is a method name such as processor_auth_get.",
            valueName: "endpoint=N/s"))
        var rateLimits: [String] = []

        @Option(name: .customLong("webhook-retry-scale"), help: ArgumentHelp(
            "Multiply the delays between webhook delivery attempts (30 s, then 4 times longer each time, for 24 h) by F; "
                + "0.01 makes the first 0.3 s.", valueName: "F"))
        var webhookRetryScale = 1.0

        @Option(name: .customLong("webhook-allow"), help: ArgumentHelp(
            "Also let webhook URLs name HOST (https only); by default webhooks go only to loopback. Repeatable.",
            valueName: "host"))
        var webhookAllowedHosts: [String] = []

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, not \(port)") }
            guard webhookRetryScale > 0, webhookRetryScale <= 1000 else {
                throw ValidationError("--webhook-retry-scale must be more than 0 and at most 1000, not \(webhookRetryScale)")
            }
            _ = try parsedRateLimits()
        }

        func parsedRateLimits() throws -> [String: RateLimit] {
            do {
                return try RateLimit.parseList(rateLimits)
            } catch {
                throw ValidationError("--rate-limit \(error.message)")
            }
        }

        func run() async throws {
            var configuration = SandboxConfiguration(dataDirectory: store.dataDirectory)
            configuration.database = try store.database
            configuration.host = host
            configuration.port = port
            configuration.rateLimits = try parsedRateLimits()
            configuration.logRequests = true
            configuration.webhookRetryScale = webhookRetryScale
            configuration.webhookAllowedHosts = webhookAllowedHosts
            let stopSignals = SignalWaiter(signals: [SIGINT, SIGTERM], label: "plaidlua.sandbox.signals")
            let server: SandboxServer
            do {
                server = try await SandboxServer.start(configuration)
            } catch {
                printError("plaidlua sandbox: cannot start on \(host):\(port) with data in \(store.shownLocation): \(error)")
                throw ExitCode.failure
            }
            let address = ServeAddress(baseURL: server.baseURL, pid: getpid())
            do {
                try address.record(in: configuration.dataDirectory)
            } catch {
                printError("plaidlua sandbox: cannot record the address for 'sandbox credentials --write-profile': \(error)")
            }
            printLine("plaidlua sandbox listening on \(server.baseURL) (data in \(store.shownLocation))")
            let signal = await stopSignals.next()
            printError("plaidlua sandbox: stopping (signal \(signal))")
            ServeAddress.remove(from: configuration.dataDirectory, ifRecordedBy: getpid())
            await server.stop()
        }
    }

    struct Credentials: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the sandbox's API keys: the developer client and one partner client per processor.",
            discussion: """
                Example:
                  plaidlua sandbox credentials --json
                """)

        @OptionGroup var store: SandboxStoreOptions

        @Flag(help: "Print JSON: {\"developer\": {...}, \"processors\": {\"dwolla\": {...}, ...}}.")
        var json = false

        @Option(name: .customLong("write-profile"), help: ArgumentHelp(
            "Instead of printing them, add profile NAME to config.toml for the 'sandbox serve' running on this data "
                + "directory: its address, and every client's keys in 0600 files beside the config.",
            valueName: "name"))
        var profileName: String?

        @Flag(help: "With --write-profile, replace a profile of the same name.")
        var force = false

        func validate() throws {
            if force, profileName == nil { throw ValidationError("--force goes with --write-profile") }
            if json, profileName != nil { throw ValidationError("--json and --write-profile do not go together") }
        }

        func run() async throws {
            let credentials = try await SandboxMaintenance.credentials(dataDirectory: store.dataDirectory, database: try store.database)
            if let profileName {
                try writeProfile(profileName, credentials: credentials)
                return
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                printLine(String(decoding: try encoder.encode(credentials), as: UTF8.self))
                return
            }
            let rows = [("developer", credentials.developer)] + credentials.processors.sorted { $0.key < $1.key }
            let width = rows.map(\.0.count).max() ?? 0
            printLine("\("client".padding(toLength: width, withPad: " ", startingAt: 0))  client_id                 secret")
            for (name, client) in rows {
                printLine("\(name.padding(toLength: width, withPad: " ", startingAt: 0))  \(client.clientID)  \(client.secret)")
            }
        }

        private func writeProfile(_ name: String, credentials: SandboxCredentials) throws {
            let environment = ProcessInfo.processInfo.environment
            guard let address = ServeAddress.running(in: store.dataDirectory) else {
                printError("plaidlua sandbox: no 'plaidlua sandbox serve' is running on \(store.dataDirectory); start one first "
                    + "(the embedded sandbox needs no profile: it is the default environment)")
                throw ExitCode.failure
            }
            let configPath = ProfileConfig.location(environment: environment)
            do {
                let folder = try ProfileWriter(configPath: configPath).add(
                    name: name, env: address.baseURL, developer: (credentials.developer.clientID, credentials.developer.secret),
                    processors: credentials.processors.mapValues { ($0.clientID, $0.secret) }, replacing: force,
                    environment: environment)
                printLine("plaidlua sandbox: wrote profile '\(name)' for \(address.baseURL) to \(configPath) "
                    + "(secrets in \(folder)); use it with 'plaidlua --profile \(name) …'")
            } catch {
                printError("plaidlua sandbox: \(error)")
                throw ExitCode.failure
            }
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete every Item and token; the API keys stay.",
            discussion: """
                Example:
                  plaidlua sandbox reset --yes
                """)

        @OptionGroup var store: SandboxStoreOptions

        @Flag(help: "Do not ask for confirmation.")
        var yes = false

        func run() async throws {
            let directory = store.shownLocation
            if !yes {
                guard isatty(0) != 0 else {
                    printError("plaidlua sandbox: reset deletes every Item and token in \(directory); pass --yes to confirm without a terminal")
                    throw ExitCode(2)
                }
                FileHandle.standardError.write(Data("Delete every Item and token in \(directory)? [y/N] ".utf8))
                guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
                    printError("plaidlua sandbox: reset cancelled")
                    throw ExitCode(1)
                }
            }
            try await SandboxMaintenance.reset(dataDirectory: store.dataDirectory, database: try store.database)
            printLine("plaidlua sandbox: reset \(directory)")
        }
    }

    struct Webhooks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every webhook delivery attempt the sandbox made, and the deliveries not yet tried.",
            discussion: """
                One line per attempt: time, delivery and attempt number, status (or why it failed), latency, type, code, URL.
                Example:
                  plaidlua sandbox webhooks --json
                """)

        @OptionGroup var store: SandboxStoreOptions

        @Flag(help: "Print one JSON object per attempt, one per line.")
        var json = false

        func run() async throws {
            let attempts = try await SandboxMaintenance.webhookAttempts(dataDirectory: store.dataDirectory, database: try store.database)
            for attempt in attempts {
                let time = ISO8601DateFormatter().string(from: attempt.attemptedAt)
                if json {
                    var fields: [String: Any] = [
                        "delivery": attempt.deliveryID, "attempt": attempt.attempt, "time": time, "url": attempt.url,
                        "webhook_type": attempt.type, "webhook_code": attempt.code, "state": attempt.state,
                        "latency_ms": (attempt.latencyMilliseconds * 10).rounded() / 10,
                    ]
                    fields["status"] = attempt.status ?? NSNull()
                    fields["problem"] = attempt.problem ?? NSNull()
                    let line = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])
                    printLine(String(decoding: line, as: UTF8.self))
                } else {
                    let outcome = attempt.problem ?? attempt.status.map { "HTTP \($0)" } ?? ""
                    printLine("\(time)  #\(attempt.deliveryID).\(attempt.attempt)  \(outcome)  \(Int(attempt.latencyMilliseconds.rounded())) ms  "
                        + "\(attempt.type) \(attempt.code)  \(attempt.url)  (\(attempt.state))")
                }
            }
        }
    }

    struct RotateWebhookKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-webhook-key",
            abstract: "Retire the key webhooks are signed with and make a new one.",
            discussion: """
                The old key keeps answering /webhook_verification_key/get with expired_at set, and verifies nothing new. \
                A 'sandbox serve' on the same data directory signs with the new key from its next delivery.
                Example:
                  plaidlua sandbox rotate-webhook-key
                """)

        @OptionGroup var store: SandboxStoreOptions

        func run() async throws {
            let rotated = try await SandboxMaintenance.rotateWebhookKey(dataDirectory: store.dataDirectory, database: try store.database)
            if let retired = rotated.retired { printLine("retired webhook key \(retired)") }
            printLine("webhooks are now signed with key \(rotated.current)")
        }
    }
}
