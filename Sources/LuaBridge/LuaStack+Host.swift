internal import CLuaShim

/// Calls the Swift closure behind a host function. It runs on the runtime's executor, because
/// Lua only calls host functions while the runtime is resuming one of its coroutines.
private let hostDispatch: clua_HostFn = { thread in
    guard let thread else { return 0 }
    let runtime = LuaRuntime.owner(of: thread)
    let box = SameThread(LuaStack.unretainedObject(lua_touserdata(thread, clua_upvalueindex(2))) as! HostFunctionBox)
    let caller = SameThread(thread)
    return runtime.assumeIsolated { $0.invoke(box.value, on: caller.value) }
}

/// `__gc` of the blocks that hold a retained Swift object: release it once.
private let releaseObject: lua_CFunction = { thread in
    guard let thread, let block = lua_touserdata(thread, 1) else { return 0 }
    if let pointer = block.load(as: UnsafeRawPointer?.self) {
        Unmanaged<AnyObject>.fromOpaque(pointer).release()
        block.storeBytes(of: nil, as: UnsafeRawPointer?.self)
    }
    return 0
}

extension LuaStack {
    static func unretainedObject(_ block: UnsafeMutableRawPointer?) -> AnyObject? {
        guard let pointer = block?.load(as: UnsafeRawPointer?.self) else { return nil }
        return Unmanaged<AnyObject>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Pushes a Lua function that runs `body`.
    func pushHostFunction(_ name: String, _ body: @escaping LuaHostFunction) {
        let block = lua_newuserdatauv(L, MemoryLayout<UnsafeRawPointer>.size, 0)!
        block.storeBytes(of: Unmanaged.passRetained(HostFunctionBox(name: name, body: body)).toOpaque(), as: UnsafeRawPointer.self)
        if luaL_newmetatable(L, "LuaBridge.function") != 0 {
            clua_pushcfunction(L, releaseObject)
            lua_setfield(L, -2, "__gc")
            lua_pushboolean(L, 0)
            lua_setfield(L, -2, "__metatable")
        }
        lua_setmetatable(L, -2)
        clua_pushhostfn(L, hostDispatch, 1)
    }

    /// Pushes a table of host functions and plain values.
    func pushModule(_ name: String, functions: [String: LuaHostFunction], values: [String: LuaValue]) throws {
        lua_createtable(L, 0, Int32(functions.count + values.count))
        for (field, body) in functions {
            pushHostFunction("\(name).\(field)", body)
            lua_setfield(L, -2, field)
        }
        for (field, value) in values {
            try push(value)
            lua_setfield(L, -2, field)
        }
    }

    /// Puts a module in `package.preload`, so `require(name)` returns it.
    func preload(_ name: String, functions: [String: LuaHostFunction], values: [String: LuaValue]) throws {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        luaL_getsubtable(L, clua_registryindex(), LUA_PRELOAD_TABLE)
        try pushModule(name, functions: functions, values: values)
        let loader = "local module = ...; return function() return module end"
        _ = loader.withCString { luaL_loadstring(L, $0) }
        lua_rotate(L, -2, 1)
        lua_callk(L, 1, 1, 0, nil)
        lua_setfield(L, -2, name)
    }

    /// Puts a Lua-written module in `package.preload`; its chunk receives the Swift parts.
    func preload(_ name: String, source: String, functions: [String: LuaHostFunction], values: [String: LuaValue]) throws {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        luaL_getsubtable(L, clua_registryindex(), LUA_PRELOAD_TABLE)
        let loader = "local chunk, parts = ...; return function(...) return chunk(parts, ...) end"
        _ = loader.withCString { luaL_loadstring(L, $0) }
        let status = withCharacters(Array(source.utf8)) { clua_loadbuffer(L, $0, $1, "=" + name, "t") }
        guard status == LUA_OK else { throw LuaError(kind: .syntax, message: message(at: -1)) }
        try pushModule(name, functions: functions, values: values)
        lua_callk(L, 2, 1, 0, nil)
        lua_setfield(L, -2, name)
    }

    /// The metatable shared by every userdata of one Swift type, made on first use.
    func pushUserdataMetatable(for type: any LuaUserdata.Type) {
        let name = type.luaTypeName
        guard luaL_newmetatable(L, "LuaBridge.userdata.\(name)") != 0 else { return }
        pushString(name)
        lua_setfield(L, -2, "__name")
        pushString(name)
        lua_setfield(L, -2, Self.userdataTypeKey)
        lua_pushboolean(L, 0)
        lua_setfield(L, -2, "__metatable")
        clua_pushcfunction(L, releaseObject)
        lua_setfield(L, -2, "__gc")
        pushHostFunction("__tostring") { call in
            guard let object = LuaStack(call.thread).userdata(at: 1) else { return .value(.string(name)) }
            return .value(.string(object.luaDescription))
        }
        lua_setfield(L, -2, "__tostring")
        pushIndex(for: type)
        lua_setfield(L, -2, "__index")
    }

    /// `__index`: methods first, then the object's fields.
    private func pushIndex(for type: any LuaUserdata.Type) {
        lua_createtable(L, 0, 0)
        for (method, body) in type.luaMethods {
            pushHostFunction(method, body)
            lua_setfield(L, -2, method)
        }
        pushHostFunction("__index") { call in
            guard let object = LuaStack(call.thread).userdata(at: 1),
                  case .string(let key) = try call.value(2), let name = key.string else { return .value(.nil) }
            return .value(object.luaField(name) ?? .nil)
        }
        let source = "local methods, field = ...; return function(object, key) local method = methods[key]; if method ~= nil then return method end; return field(object, key) end"
        _ = source.withCString { luaL_loadstring(L, $0) }
        lua_rotate(L, -3, 1)
        lua_callk(L, 2, 1, 0, nil)
    }
}
