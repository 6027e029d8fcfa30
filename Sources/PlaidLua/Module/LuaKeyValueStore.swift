import Foundation
import GRDB
import LuaBridge
import PrivateFiles

/// `plaid.store(name)`: a table of string keys and values in `$PLAIDLUA_HOME/stores/NAME.sqlite`,
/// for what a script keeps between runs, such as each processor token's sync cursor. Keys may be
/// tokens, so the folder is 0700 and the file 0600; every `set` commits before it returns, so a
/// run stopped mid-way keeps everything it stored, and batch tasks may share one store.
final class LuaKeyValueStore: LuaUserdata {
    let name: String
    private let queue: DatabaseQueue

    init(name: String, environment: [String: String]) throws {
        guard name.wholeMatch(of: /[A-Za-z0-9_-]{1,64}/) != nil else {
            throw LuaKeyValueStoreError("a store's name is 1 to 64 letters, digits, '-' or '_', not '\(name)'")
        }
        let folder = (DataDirectory.resolve(environment: environment) as NSString).appendingPathComponent("stores")
        try PrivateDirectory.create(folder) { notice in FileHandle.standardError.write(Data((notice + "\n").utf8)) }
        let path = (folder as NSString).appendingPathComponent(name + ".sqlite")
        try PrivateFile.prepareDatabase(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(15)
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS entry (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL, updated_at REAL NOT NULL)")
        }
        self.name = name
    }

    static let luaTypeName = "plaid.store"
    var luaDescription: String { "plaid.store(\(name))" }
    static let luaFieldNames = ["name"]

    func luaField(_ field: String) -> LuaValue? {
        field == "name" ? .string(LuaBytes(name)) : nil
    }

    static var luaMethods: [String: LuaHostFunction] {
        [
            "get": { call in
                let store = try call.object(1, as: LuaKeyValueStore.self)
                let key = try call.string(2)
                return .suspend {
                    let value = try await store.queue.read { db in
                        try String.fetchOne(db, sql: "SELECT value FROM entry WHERE key = ?", arguments: [key])
                    }
                    return [value.map { .string(LuaBytes($0)) } ?? .nil]
                }
            },
            "set": { call in
                let store = try call.object(1, as: LuaKeyValueStore.self)
                let key = try call.string(2)
                let value: String? = try call.value(3) == .nil ? nil : try call.string(3)
                return .suspend {
                    try await store.queue.write { db in
                        if let value {
                            try db.execute(sql: "INSERT OR REPLACE INTO entry (key, value, updated_at) VALUES (?, ?, ?)",
                                           arguments: [key, value, Date().timeIntervalSince1970])
                        } else {
                            try db.execute(sql: "DELETE FROM entry WHERE key = ?", arguments: [key])
                        }
                    }
                    return []
                }
            },
            "keys": { call in
                let store = try call.object(1, as: LuaKeyValueStore.self)
                return .suspend {
                    let keys = try await store.queue.read { db in try String.fetchAll(db, sql: "SELECT key FROM entry ORDER BY key") }
                    return [.array(keys.map { .string(LuaBytes($0)) })]
                }
            },
        ]
    }
}

struct LuaKeyValueStoreError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
