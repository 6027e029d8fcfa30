import Foundation
import PlaidLua

/// `plaidlua types [--output DIR]`: writes the lua-language-server definitions of the `plaid`
/// module (docs/lua-api.md says how to point an editor at them).
enum TypesCommand {
    static func run(arguments: [String]) -> Int32 {
        var output = "plaidlua-types"
        if arguments.count == 2, ["--output", "-o"].contains(arguments[0]) {
            output = arguments[1]
        } else if arguments.count == 1, arguments[0].hasPrefix("--output=") {
            output = String(arguments[0].dropFirst("--output=".count))
        } else if arguments == ["--help"] {
            print("""
                usage: plaidlua types [--output DIR]
                Writes lua-language-server definitions of the plaid module (plaid.lua, ---@meta) to DIR
                (default ./plaidlua-types): a class per request, response and error, every method typed.
                Example:
                  plaidlua types --output ~/.local/share/plaidlua/types
                """)
            return 0
        } else if !arguments.isEmpty {
            printError("plaidlua types: unexpected '\(arguments.joined(separator: " "))' (see 'plaidlua types --help')")
            return 2
        }
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            for file in LuaTypeDefinitions.files {
                try Data(file.text.utf8).write(to: URL(fileURLWithPath: output).appendingPathComponent(file.name))
            }
        } catch {
            printError("plaidlua types: cannot write to \(output): \(error.localizedDescription)")
            return 1
        }
        print("wrote \(LuaTypeDefinitions.files.map { output + "/" + $0.name }.joined(separator: ", "))")
        return 0
    }
}
