import Foundation

/// `plaidlua help [COMMAND [SUBCOMMAND]]`: the usage, or a command's own `--help`.
enum HelpCommand {
    static func run(topic: [String], executable: String) async -> Int32 {
        let subcommand = Array(topic.dropFirst())
        switch topic.first {
        case nil:
            print(LuaCommandLine.usage)
            return 0
        case "batch":
            return await BatchCommand.run(arguments: Array(subcommand.prefix(1)) + ["--help"], executable: executable)
        case "sandbox":
            return await SandboxCommand.run(arguments: subcommand + ["--help"])
        case "webhooks":
            return await WebhooksCommand.run(arguments: subcommand + ["--help"], executable: executable)
        case "profiles":
            return ProfilesCommand.run(arguments: subcommand + ["--help"])
        case "log":
            return LogCommand.run(arguments: ["--help"])
        case "scripts":
            return ScriptsCommand.run(arguments: ["--help"], executable: executable)
        case "completion":
            return CompletionCommand.run(arguments: ["--help"])
        case "types":
            return TypesCommand.run(arguments: ["--help"])
        case "run":
            print("""
                usage: plaidlua run NAME [args]
                Runs the shipped or user script NAME (plaidlua scripts lists them) with its arguments, as
                'plaidlua PATH/NAME.lua args' would; --safe and --profile go before 'run'.
                Example:
                  plaidlua run fetch_balance --processor-token processor-sandbox-… --processor dwolla
                """)
            return 0
        case let other?:
            let commands = GlobalOptions.subcommands.filter { $0 != "help" }.joined(separator: ", ")
            printError("plaidlua help: no command '\(other)'; commands: \(commands)")
            return 2
        }
    }
}
