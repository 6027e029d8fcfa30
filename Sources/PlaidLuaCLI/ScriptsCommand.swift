import Foundation
import PlaidLua

/// `plaidlua scripts [--names]`: the scripts `plaidlua run NAME` finds, each with what it does.
enum ScriptsCommand {
    static func run(arguments: [String], executable: String) -> Int32 {
        let namesOnly: Bool
        switch arguments {
        case []: namesOnly = false
        case ["--names"]: namesOnly = true
        case ["--help"]:
            print("""
                usage: plaidlua scripts [--names]
                Lists the scripts 'plaidlua run NAME' runs: the shipped ones, then yours in $PLAIDLUA_HOME/scripts.
                --names prints only their names (for shell completion).
                Example:
                  plaidlua scripts
                """)
            return 0
        default:
            printError("plaidlua scripts: unexpected '\(arguments.joined(separator: " "))' (see 'plaidlua scripts --help')")
            return 2
        }
        let paths = ScriptPaths.discover(environment: ProcessInfo.processInfo.environment, executable: executable)
        let listed = paths.listed()
        if namesOnly {
            for script in listed { print(script.name) }
            return 0
        }
        let width = listed.map(\.name.count).max() ?? 0
        for script in listed {
            print(script.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + script.summary)
        }
        print("\n(shipped: \(paths.shipped ?? "not found"); yours: \(paths.user))")
        return 0
    }
}
