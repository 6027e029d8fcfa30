import Foundation
import LuaBridge
import PlaidLua

extension LuaSourceFiles {
    /// This target's Lua (its `Lua` folder): the webhook listener's driver.
    static let plaidLuaWebhooks = LuaSourceFiles(folder: beside(bundleFolderName(package: "PlaidLua", target: "PlaidLuaWebhooks"))) {
        Bundle.module
    }
}
