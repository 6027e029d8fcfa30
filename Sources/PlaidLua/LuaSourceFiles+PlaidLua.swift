import Foundation
import LuaBridge

extension LuaSourceFiles {
    /// This target's Lua (its `Lua` folder): the `plaid` module's Lua half.
    static let plaidLua = LuaSourceFiles(folder: beside(bundleFolderName(package: "PlaidLua", target: "PlaidLua"))) { Bundle.module }
}
