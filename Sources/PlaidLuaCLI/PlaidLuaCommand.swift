import Foundation
import PlaidLua

/// `plaidlua`: parses the command line and hands the work to the PlaidLua module.
@main
enum PlaidLuaCommand {
    static func main() async {
        if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "sandbox" {
            exit(await SandboxCommand.run(arguments: Array(CommandLine.arguments.dropFirst(2))))
        }
        if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "batch" {
            exit(await BatchCommand.run(arguments: Array(CommandLine.arguments.dropFirst(2)), executable: CommandLine.arguments[0]))
        }
        let standardError = FileHandle.standardError
        let report: @Sendable (String) -> Void = { standardError.write(Data(($0 + "\n").utf8)) }
        let parsed: LuaCommandLine.Parsed
        do {
            parsed = try LuaCommandLine.parse(CommandLine.arguments, standardInputIsTerminal: isatty(0) != 0)
        } catch {
            report("\(ScriptRunner.programName): \(error.message) (see 'plaidlua --help')")
            exit(2)
        }
        switch parsed {
        case .help:
            print(LuaCommandLine.usage)
            exit(0)
        case .run(let request):
            let environment = ProcessInfo.processInfo.environment
            let sandbox = EmbeddedSandboxLauncher(environment: environment)
            let context = PlaidContext(environment: environment) { try await sandbox.start() }
            let runner = ScriptRunner(environment: environment,
                                      paths: .discover(environment: environment, executable: CommandLine.arguments[0]),
                                      context: context, reportError: report)
            let status = await runner.run(request)
            await sandbox.stop()
            exit(status)
        }
    }
}
