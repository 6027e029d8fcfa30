import PlaidLua
import PlaidLuaScripts

/// Parses `plaidlua`'s command line with `lua`'s grammar: options up to the first non-option
/// (the script), `-e`/`-l` kept in order, `-estat` and `-lmod` joined forms, `-` for standard
/// input and `--` to end the options.
enum LuaCommandLine {
    struct UsageError: Error, Equatable {
        let message: String
    }

    enum Parsed: Equatable {
        case run(ScriptRun)
        case help
    }

    /// - Parameters:
    ///   - argv: the whole command line, the program's name first.
    ///   - standardInputIsTerminal: decides between the REPL and reading a script from stdin
    ///     when no script is named.
    static func parse(_ argv: [String], standardInputIsTerminal: Bool) throws(UsageError) -> Parsed {
        var run = ScriptRun()
        if let invoked = argv.first, !invoked.isEmpty { run.programName = invoked }
        var index = 1
        var endedByDoubleDash = false
        var executes = false
        scan: while index < argv.count {
            let argument = argv[index]
            guard argument.hasPrefix("-") else { break }
            switch argument {
            case "--":
                index += 1
                endedByDoubleDash = true
                break scan
            case "-":
                break scan
            case "--help":
                return .help
            case "--safe":
                run.safe = true
            case let option where option.hasPrefix("--timeout") || option.hasPrefix("--memory-limit") || option.hasPrefix("--profile"):
                let (name, value) = try longOptionValue(argv, at: &index)
                if name == "--profile" {
                    guard !value.isEmpty else { throw UsageError(message: "'--profile' needs a profile name") }
                    run.profile = value
                } else if name == "--timeout" {
                    guard let seconds = LimitOptions.seconds(value) else {
                        throw UsageError(message: "'--timeout' needs \(LimitOptions.secondsExpected), not '\(value)'")
                    }
                    run.timeout = seconds
                } else {
                    guard let bytes = LimitOptions.byteCount(value) else {
                        throw UsageError(message: "'--memory-limit' needs \(LimitOptions.sizeExpected), not '\(value)'")
                    }
                    run.memoryLimit = bytes
                }
            case "-E":
                run.ignoresEnvironment = true
            case "-W":
                run.warnings = true
            case "-i":
                run.interactive = true
                run.printsVersion = true
            case "-v", "--version":
                run.printsVersion = true
            default:
                let option = String(argument.prefix(2))
                guard option == "-e" || option == "-l" else {
                    throw UsageError(message: "unrecognized option '\(argument)'")
                }
                var value = String(argument.dropFirst(2))
                if value.isEmpty {
                    index += 1
                    guard index < argv.count, !argv[index].hasPrefix("-") else {
                        throw UsageError(message: "'\(option)' needs argument")
                    }
                    value = argv[index]
                }
                if option == "-e" {
                    executes = true
                    run.steps.append(.execute(value))
                } else {
                    run.steps.append(requireStep(value))
                }
            }
            index += 1
        }

        let scriptIndex = index < argv.count ? index : 0
        for (position, argument) in argv.enumerated() { run.argumentTable[position - scriptIndex] = argument }
        if scriptIndex > 0 {
            let name = argv[scriptIndex]
            run.script = name == "-" && !endedByDoubleDash ? .standardInput : .file(name)
            run.scriptArguments = Array(argv[(scriptIndex + 1)...])
        } else if !run.interactive && !executes && !run.printsVersion {
            if standardInputIsTerminal {
                run.interactive = true
                run.printsVersion = true
            } else {
                run.script = .standardInput
            }
        }
        return .run(run)
    }

    /// `--name value` or `--name=value`; moves `index` past the value.
    private static func longOptionValue(_ argv: [String], at index: inout Int) throws(UsageError) -> (String, String) {
        let argument = argv[index]
        if let equals = argument.firstIndex(of: "=") {
            return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
        }
        guard ["--timeout", "--memory-limit", "--profile"].contains(argument) else {
            throw UsageError(message: "unrecognized option '\(argument)'")
        }
        index += 1
        guard index < argv.count, !argv[index].hasPrefix("-") else { throw UsageError(message: "'\(argument)' needs an argument") }
        return (argument, argv[index])
    }

    /// `-l mod` sets the global `mod`; `-l name=mod` sets `name`.
    private static func requireStep(_ value: String) -> ScriptRun.Step {
        if let equals = value.firstIndex(of: "=") {
            return .require(global: String(value[..<equals]), module: String(value[value.index(after: equals)...]))
        }
        return .require(global: value, module: value)
    }

    static let usage = """
        usage: plaidlua [options] [script [args]]
               plaidlua run NAME [args]        run a shipped or user script by name (plaidlua scripts lists them)
               plaidlua batch HANDLER.lua --input FILE --output FILE [options]
               plaidlua batch merge OUTPUT... --input FILE --output FILE   join a sharded run's outputs
               plaidlua webhooks listen HANDLER.lua | trigger CODE --access-token TOKEN
               plaidlua sandbox serve|credentials|reset|webhooks|rotate-webhook-key [options]
               plaidlua profiles list|show NAME
               plaidlua log [--since 1h] [--endpoint NAME] [--errors] [--json]
               plaidlua scripts [--names]      the shipped and user scripts, with what each does
               plaidlua help [COMMAND [SUB]]   what a command does, with an example
               plaidlua completion bash|zsh|fish
               plaidlua types [--output DIR]   lua-language-server definitions of the plaid module
        Available options are:
          -e stat   execute string 'stat'
          -i        enter interactive mode after executing 'script'
          -l mod    require library 'mod' into global 'mod'
          -l g=mod  require library 'mod' into global 'g'
          -v        show version information (also --version)
          -E        ignore environment variables
          -W        turn warnings on
          --safe    run untrusted code: no io, os.execute, C modules, binary chunks or debug; require only
                    from the script's folder and PlaidLua's; clients only to the environment started with
          --profile name     use profile 'name' of config.toml (also PLAIDLUA_PROFILE)
          --timeout s        stop the scripts after s seconds (exit 1)
          --memory-limit n   let Lua hold at most n bytes (64M, 512K, 2G)
          --        stop handling options
          -         stop handling options and execute stdin
        Example:
          plaidlua run quickstart --format table
        """
}
