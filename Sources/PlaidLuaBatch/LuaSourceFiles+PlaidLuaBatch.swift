import Foundation
import LuaBridge
import PlaidLua

extension LuaSourceFiles {
    /// This target's Lua (its `Lua` folder): the batch driver.
    static let plaidLuaBatch = LuaSourceFiles(folder: beside(bundleFolderName(package: "PlaidLua", target: "PlaidLuaBatch"))) { Bundle.module }
}
