internal import CLuaShim

/// Copies values between Swift and one Lua thread's stack.
///
/// Every operation here uses raw table access, so none can raise a Lua error (which would
/// long-jump over Swift frames); only the system running out of memory can, and that aborts
/// through the panic handler. A state's memory budget never refuses these pushes.
struct LuaStack {
    let L: OpaquePointer

    init(_ thread: OpaquePointer) { L = thread }

    /// Nesting deeper than this is refused both ways, to keep recursion off the stack's edge.
    static let maximumDepth = 1000

    static let arrayMarkerKey = "LuaBridge.array"
    static let userdataTypeKey = "__luabridge_type"

    // MARK: Swift to Lua

    func push(_ value: LuaValue) throws {
        try push(value, depth: 0)
    }

    private func push(_ value: LuaValue, depth: Int) throws {
        guard depth <= Self.maximumDepth else {
            throw LuaConversionError(message: "value nested deeper than \(Self.maximumDepth) levels")
        }
        guard lua_checkstack(L, 4) != 0 else { throw LuaConversionError(message: "Lua stack overflow") }
        switch value {
        case .nil: lua_pushnil(L)
        case .boolean(let flag): lua_pushboolean(L, flag ? 1 : 0)
        case .integer(let number): lua_pushinteger(L, number)
        case .number(let number): lua_pushnumber(L, number)
        case .string(let bytes): pushBytes(bytes.bytes)
        case .null: lua_pushlightuserdata(L, nil)
        case .array(let elements):
            lua_createtable(L, Int32(clamping: elements.count), 0)
            for (offset, element) in elements.enumerated() where element != .nil {
                try push(element, depth: depth + 1)
                lua_rawseti(L, -2, lua_Integer(offset + 1))
            }
            pushArrayMarker()
            lua_setmetatable(L, -2)
        case .table(let entries):
            lua_createtable(L, 0, Int32(clamping: entries.count))
            for (key, element) in entries where element != .nil {
                try push(key.value, depth: depth + 1)
                try push(element, depth: depth + 1)
                lua_rawset(L, -3)
            }
        case .userdata(let object):
            pushUserdata(object)
        }
    }

    func pushBytes(_ bytes: [UInt8]) {
        withCharacters(bytes) { _ = lua_pushlstring(L, $0, $1) }
    }

    func pushString(_ text: String) { pushBytes(Array(text.utf8)) }

    /// The metatable that marks a table as an array, so an empty one still encodes as `[]`.
    func pushArrayMarker() {
        if luaL_getsubtable(L, clua_registryindex(), Self.arrayMarkerKey) == 0 {
            pushString("array")
            lua_setfield(L, -2, "__name")
        }
    }

    func pushUserdata(_ object: any LuaUserdata) {
        let block = lua_newuserdatauv(L, MemoryLayout<UnsafeRawPointer>.size, 0)!
        block.storeBytes(of: Unmanaged.passRetained(object as AnyObject).toOpaque(), as: UnsafeRawPointer.self)
        pushUserdataMetatable(for: type(of: object))
        lua_setmetatable(L, -2)
    }

    // MARK: Lua to Swift

    func value(at index: Int32) throws -> LuaValue {
        var visiting = Set<UnsafeRawPointer>()
        return try value(at: lua_absindex(L, index), path: "", depth: 0, visiting: &visiting)
    }

    func bytes(at index: Int32) -> [UInt8] {
        var length = 0
        guard let pointer = lua_tolstring(L, index, &length) else { return [] }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }

    func isNull(at index: Int32) -> Bool {
        lua_type(L, index) == LUA_TLIGHTUSERDATA && lua_touserdata(L, index) == nil
    }

    /// The Swift object behind a bridge userdata, or `nil` for any other value.
    func userdata(at index: Int32) -> (any LuaUserdata)? {
        guard lua_type(L, index) == LUA_TUSERDATA, lua_getmetatable(L, index) != 0 else { return nil }
        let tagged = lua_getfield(L, -1, Self.userdataTypeKey) == LUA_TSTRING
        lua_settop(L, -3)
        guard tagged, let block = lua_touserdata(L, index) else { return nil }
        let pointer = block.load(as: UnsafeRawPointer?.self)
        guard let pointer else { return nil }
        return Unmanaged<AnyObject>.fromOpaque(pointer).takeUnretainedValue() as? any LuaUserdata
    }

    private func value(at index: Int32, path: String, depth: Int, visiting: inout Set<UnsafeRawPointer>) throws -> LuaValue {
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE: return .nil
        case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(L, index) != 0 { return .integer(lua_tointegerx(L, index, nil)) }
            return .number(lua_tonumberx(L, index, nil))
        case LUA_TSTRING: return .string(LuaBytes(bytes(at: index)))
        case LUA_TTABLE: return try table(at: index, path: path, depth: depth, visiting: &visiting)
        case LUA_TLIGHTUSERDATA where lua_touserdata(L, index) == nil: return .null
        case LUA_TUSERDATA:
            if let object = userdata(at: index) { return .userdata(object) }
            throw LuaConversionError(message: "a userdata\(Self.describe(path)) cannot be converted to a Swift value")
        default:
            let name = String(cString: lua_typename(L, lua_type(L, index)))
            throw LuaConversionError(message: "a \(name)\(Self.describe(path)) cannot be converted to a Swift value")
        }
    }

    private static func describe(_ path: String) -> String { path.isEmpty ? "" : " at '\(path)'" }

    private func table(at index: Int32, path: String, depth: Int, visiting: inout Set<UnsafeRawPointer>) throws -> LuaValue {
        guard depth < Self.maximumDepth else {
            throw LuaConversionError(message: "table\(Self.describe(path)) nested deeper than \(Self.maximumDepth) levels")
        }
        let identity = lua_topointer(L, index)!
        guard visiting.insert(identity).inserted else {
            throw LuaConversionError(message: "table\(Self.describe(path)) contains itself (a cycle)")
        }
        defer { visiting.remove(identity) }
        guard lua_checkstack(L, 4) != 0 else { throw LuaConversionError(message: "Lua stack overflow") }

        var entries: [LuaKey: LuaValue] = [:]
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            let key: LuaKey
            switch lua_type(L, -2) {
            case LUA_TBOOLEAN: key = .boolean(lua_toboolean(L, -2) != 0)
            case LUA_TNUMBER:
                key = lua_isinteger(L, -2) != 0 ? .integer(lua_tointegerx(L, -2, nil)) : .number(lua_tonumberx(L, -2, nil))
            case LUA_TSTRING: key = .string(LuaBytes(bytes(at: -2)))
            default:
                let name = String(cString: lua_typename(L, lua_type(L, -2)))
                lua_settop(L, -3)
                throw LuaConversionError(message: "table\(Self.describe(path)) has a \(name) key, which cannot be converted")
            }
            let childPath = Self.childPath(path, key)
            do {
                entries[key] = try value(at: lua_gettop(L), path: childPath, depth: depth + 1, visiting: &visiting)
            } catch {
                lua_settop(L, -3)
                throw error
            }
            lua_settop(L, -2)
        }
        return Self.shape(entries, markedAsArray: hasArrayMarker(at: index))
    }

    private static func childPath(_ path: String, _ key: LuaKey) -> String {
        switch key {
        case .string(let bytes): path.isEmpty ? bytes.description : "\(path).\(bytes)"
        default: "\(path)[\(key)]"
        }
    }

    private func hasArrayMarker(at index: Int32) -> Bool {
        guard lua_getmetatable(L, index) != 0 else { return false }
        pushArrayMarker()
        let marked = lua_rawequal(L, -1, -2) != 0
        lua_settop(L, -3)
        return marked
    }

    /// A table whose keys are the integers 1...n is an array; so is one marked as an array, or
    /// one whose positive integer keys fill at least half of 1...max (its gaps become `.nil`).
    /// Anything else, including an unmarked empty table, is a map.
    static func shape(_ entries: [LuaKey: LuaValue], markedAsArray: Bool) -> LuaValue {
        var highest: Int64 = 0
        for key in entries.keys {
            guard case .integer(let index) = key, index >= 1 else { return .table(entries) }
            highest = max(highest, index)
        }
        let dense = highest <= Int64(entries.count) * 2
        guard (markedAsArray || !entries.isEmpty) && dense else { return .table(entries) }
        var elements = [LuaValue](repeating: .nil, count: Int(highest))
        for (key, element) in entries {
            if case .integer(let index) = key { elements[Int(index) - 1] = element }
        }
        return .array(elements)
    }
}

/// Hands C the bytes as a `const char *` and a length (a valid pointer even when empty).
func withCharacters<Result>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>, Int) -> Result) -> Result {
    bytes.withUnsafeBytes { buffer in
        guard let base = buffer.baseAddress else { return body("", 0) }
        return body(base.assumingMemoryBound(to: CChar.self), buffer.count)
    }
}

/// A value could not be copied between Lua and Swift; the message names what and where.
public struct LuaConversionError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
