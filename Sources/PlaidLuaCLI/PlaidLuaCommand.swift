import Foundation
import PlaidLua
import PlaidLuaScripts

/// `plaidlua`: parses the command line and hands the work to the PlaidLua module.
@main
enum PlaidLuaCommand {
    static func main() async {
        var arguments = CommandLine.arguments
        let global = GlobalOptions(arguments)
        if let subcommand = global.subcommand {
            let rest = Array(arguments[(global.consumed + 1)...])
            if !global.forwarded.isEmpty, !["run", "batch"].contains(subcommand) {
                printError("plaidlua: --safe, --profile and the limits apply to scripts, the REPL and batch, not to '\(subcommand)' "
                    + "(see 'plaidlua --help')")
                exit(2)
            }
            switch subcommand {
            case "run":
                // `plaidlua run NAME ARGS...` is `plaidlua PATH-OF-NAME ARGS...`, options before it kept.
                if rest.first == "--help" { exit(await HelpCommand.run(topic: ["run"], executable: arguments[0])) }
                guard let name = rest.first, !name.hasPrefix("-") else {
                    printError("plaidlua: 'run' needs a script's name (see 'plaidlua scripts')")
                    exit(2)
                }
                let paths = ScriptPaths.discover(environment: ProcessInfo.processInfo.environment,
                                                 executable: ScriptPaths.runningExecutable(argumentZero: arguments[0]))
                guard let path = paths.script(named: name) else {
                    let folders = [paths.shipped, paths.user].compactMap { $0 }.joined(separator: " or ")
                    printError("plaidlua: no script named '\(name)' in \(folders) (see 'plaidlua scripts')")
                    exit(2)
                }
                arguments = Array(arguments[..<global.consumed]) + [path] + rest.dropFirst()
            case "completion":
                exit(CompletionCommand.run(arguments: rest))
            case "types":
                exit(TypesCommand.run(arguments: rest))
            case "scripts":
                exit(ScriptsCommand.run(arguments: rest, executable: ScriptPaths.runningExecutable(argumentZero: arguments[0])))
            case "help":
                exit(await HelpCommand.run(topic: rest, executable: ScriptPaths.runningExecutable(argumentZero: arguments[0])))
            case "batch":
                exit(await BatchCommand.run(arguments: global.forwarded + rest,
                                            executable: ScriptPaths.runningExecutable(argumentZero: arguments[0])))
            case "sandbox":
                exit(await SandboxCommand.run(arguments: rest))
            case "webhooks":
                exit(await WebhooksCommand.run(arguments: rest, executable: ScriptPaths.runningExecutable(argumentZero: arguments[0])))
            case "profiles":
                exit(ProfilesCommand.run(arguments: rest))
            case "log":
                exit(LogCommand.run(arguments: rest))
            default:
                break
            }
        }
        let standardError = FileHandle.standardError
        let report: @Sendable (String) -> Void = { standardError.write(Data(($0 + "\n").utf8)) }
        let parsed: LuaCommandLine.Parsed
        do {
            parsed = try LuaCommandLine.parse(arguments, standardInputIsTerminal: isatty(0) != 0)
        } catch {
            let program = arguments.first.flatMap { $0.isEmpty ? nil : $0 } ?? ScriptRunner.programName
            report("\(program): \(error.message) (see 'plaidlua --help')")
            exit(2)
        }
        switch parsed {
        case .help:
            print(LuaCommandLine.usage)
            exit(0)
        case .run(let request):
            let environment = ProcessInfo.processInfo.environment
            let access: RunAccess
            do {
                access = try RunAccess.resolve(safe: request.safe, profileName: request.profile, environment: environment)
            } catch {
                report("\(ScriptRunner.programName): \(error)")
                exit(2)
            }
            let sandbox = EmbeddedSandboxLauncher(environment: environment)
            let context = PlaidContext(environment: environment) { try await sandbox.start() }
            await context.restrict(access)
            let runner = ScriptRunner(environment: environment,
                                      paths: .discover(environment: environment, executable: ScriptPaths.runningExecutable(argumentZero: arguments[0])),
                                      context: context, reportError: report)
            let status = await runner.run(request)
            await sandbox.stop()
            exit(status)
        }
    }
}

/// `--safe`, `--profile NAME`, `--timeout S` and `--memory-limit N` given before a subcommand
/// (`plaidlua --safe batch …`), which the subcommand receives as if they followed it.
struct GlobalOptions {
    /// Every subcommand, in the order help and completion list them.
    static let subcommands = ["run", "scripts", "batch", "webhooks", "sandbox", "profiles", "log", "help", "completion", "types"]

    static let valued = ["--profile", "--timeout", "--memory-limit"]

    /// The options, spelled for the subcommand's own parser.
    private(set) var forwarded: [String] = []
    /// How many arguments (the program's name included) come before the subcommand.
    private(set) var consumed = 1
    private(set) var subcommand: String?

    init(_ arguments: [String]) {
        var index = 1
        var options: [String] = []
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--safe" {
                options.append(argument)
                index += 1
            } else if Self.valued.contains(argument), index + 1 < arguments.count {
                options += [argument, arguments[index + 1]]
                index += 2
            } else if Self.valued.contains(where: { argument.hasPrefix($0 + "=") }) {
                options.append(argument)
                index += 1
            } else {
                break
            }
        }
        // Without a subcommand after them, they are `lua`-style options of a script run.
        guard index < arguments.count, Self.subcommands.contains(arguments[index]) else { return }
        forwarded = options
        consumed = index
        subcommand = arguments[index]
    }
}
