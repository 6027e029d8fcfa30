import ArgumentParser
import Foundation
import PlaidLua
import PlaidLuaWebhooks

/// `plaidlua webhooks …`: receive and verify webhooks, and fire test ones on the sandbox.
struct WebhooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plaidlua webhooks",
        abstract: "Receive, verify and handle Plaid webhooks; fire test ones on the sandbox.",
        discussion: """
            See docs/webhooks.md.
            Example:
              plaidlua webhooks listen on_webhook.lua --port 8485 &
              plaidlua webhooks trigger ERROR --access-token access-sandbox-…
            """,
        subcommands: [Listen.self, Trigger.self]
    )

    static func run(arguments: [String], executable: String) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if let listen = command as? Listen { return await listen.start(executable: executable) }
            if let trigger = command as? Trigger { return await trigger.start(executable: executable) }
            try command.run()
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            return report(error, command: "plaidlua webhooks")
        }
    }
}

extension WebhooksCommand {
    struct Listen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify every webhook POSTed to this address and call a Lua handler for each.",
            discussion: """
                HANDLER.lua returns function(webhook, meta). Requests that fail Plaid's verification are answered 401 \
                (503 when the key cannot be fetched) and never reach the handler; a handler that raises answers 500, \
                so the sender retries. Keys come from the environment chosen as for scripts (--profile, PLAID_ENV; \
                by default the embedded sandbox).
                Example:
                  plaidlua webhooks listen --forward http://127.0.0.1:3000/plaid --port 0
                """)

        @Argument(help: "The Lua file that returns the handler, or a shipped or user script's name (optional with --forward).")
        var handler: String?

        @Option(help: "The address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "The port to listen on; 0 picks a free one.")
        var port = 8485

        @Option(name: .customLong("max-age"), help: ArgumentHelp("Refuse a signature issued longer ago than this.", valueName: "seconds"))
        var maxAge: Double = 300

        @Option(help: ArgumentHelp("Relay each verified webhook, unchanged, to this URL.", valueName: "url"))
        var forward: String?

        @Flag(help: "Run the handler as untrusted code, as 'plaidlua --safe' runs a script.")
        var safe = false

        @Option(help: ArgumentHelp("Use this profile of config.toml (default: $PLAIDLUA_PROFILE).", valueName: "name"))
        var profile: String?

        @Option(help: ArgumentHelp("Stop listening after this many seconds.", valueName: "seconds"))
        var timeout: String?

        @Option(name: .customLong("memory-limit"), help: ArgumentHelp("Let Lua hold at most this much (64M, 512K, 2G).", valueName: "size"))
        var memoryLimit: String?

        func validate() throws {
            guard handler != nil || forward != nil else { throw ValidationError("give a HANDLER.lua, --forward URL, or both") }
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, not \(port)") }
            guard maxAge > 0, maxAge.isFinite else { throw ValidationError("--max-age must be a number of seconds above 0") }
            if let forward {
                guard let url = URL(string: forward), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                    throw ValidationError("--forward must be an http(s) URL such as http://127.0.0.1:3000/plaid, not '\(forward)'")
                }
            }
            if let timeout, LimitOptions.seconds(timeout) == nil {
                throw ValidationError("--timeout needs \(LimitOptions.secondsExpected), not '\(timeout)'")
            }
            if let memoryLimit, LimitOptions.byteCount(memoryLimit) == nil {
                throw ValidationError("--memory-limit needs \(LimitOptions.sizeExpected), not '\(memoryLimit)'")
            }
        }

        func start(executable: String) async -> Int32 {
            let environment = ProcessInfo.processInfo.environment
            let paths = ScriptPaths.discover(environment: environment, executable: executable)
            var settings = WebhookListenSettings()
            settings.handlerPath = handler.map(paths.handler)
            settings.host = host
            settings.port = port
            settings.maxAge = maxAge
            settings.forwardURL = forward
            settings.safe = safe
            settings.profile = profile
            settings.timeout = timeout.flatMap(LimitOptions.seconds)
            settings.memoryLimit = memoryLimit.flatMap(LimitOptions.byteCount)
            let sandbox = EmbeddedSandboxLauncher(environment: environment)
            let listener = WebhookListener(settings: settings, environment: environment, paths: paths,
                                           startEmbedded: { try await sandbox.start() })
            let status = await listener.run()
            await sandbox.stop()
            return status
        }
    }

    struct Trigger: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fire a test webhook about a sandbox Item (/sandbox/item/fire_webhook).",
            discussion: """
                CODE is one of /sandbox/item/fire_webhook's codes, such as SYNC_UPDATES_AVAILABLE, DEFAULT_UPDATE, \
                ERROR or LOGIN_REPAIRED. The environment is chosen as for scripts; by default the embedded sandbox. \
                With --processor-token and --processor, the partner fires a TRANSACTIONS code at its own URL.
                Example:
                  plaidlua webhooks trigger LOGIN_REPAIRED --access-token access-sandbox-…
                """)

        @Argument(help: "The webhook code.")
        var code: String

        @Option(name: .customLong("access-token"), help: "The Item's access token (the developer's).")
        var accessToken: String?

        @Option(name: .customLong("type"), help: "The webhook type, for codes more than one product has (DEFAULT_UPDATE).")
        var type: String?

        @Option(name: .customLong("processor-token"),
                help: "Instead of an access token: a processor token, whose partner gets the transactions webhook (PlaidLua's sandbox only).")
        var processorToken: String?

        @Option(help: "With --processor-token, the partner the token was made for (dwolla, …).")
        var processor: String?

        @Option(help: ArgumentHelp("Use this profile of config.toml (default: $PLAIDLUA_PROFILE).", valueName: "name"))
        var profile: String?

        func validate() throws {
            switch (accessToken, processorToken) {
            case (nil, nil): throw ValidationError("give --access-token, or --processor-token with --processor")
            case (.some, .some): throw ValidationError("give --access-token or --processor-token, not both")
            case (nil, .some):
                if processor == nil { throw ValidationError("--processor-token needs --processor, the partner the token was made for") }
                if type != nil { throw ValidationError("--type goes with --access-token; a processor token's webhooks are TRANSACTIONS") }
            case (.some, nil):
                if processor != nil { throw ValidationError("--processor goes with --processor-token") }
            }
        }

        func start(executable: String) async -> Int32 {
            let environment = ProcessInfo.processInfo.environment
            let sandbox = EmbeddedSandboxLauncher(environment: environment)
            let target: WebhookTrigger.Target = if let processorToken, let processor {
                .processorToken(processorToken, processor: processor)
            } else {
                .item(accessToken: accessToken ?? "", type: type)
            }
            let status = await WebhookTrigger(code: code, target: target, profile: profile, environment: environment,
                                              paths: .discover(environment: environment, executable: executable),
                                              startEmbedded: { try await sandbox.start() }).run()
            await sandbox.stop()
            return status
        }
    }
}
