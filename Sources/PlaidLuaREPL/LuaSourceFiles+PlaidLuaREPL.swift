import Foundation
import LuaBridge
import PlaidLua

extension LuaSourceFiles {
    /// This target's Lua (its `Lua` folder): the REPL's printing, completion and help, and its evaluator.
    static let plaidLuaREPL = LuaSourceFiles(folder: beside(bundleFolderName(package: "PlaidLua", target: "PlaidLuaREPL"))) { Bundle.module }
}
