internal import CLuaShim

/// A Swift function callable from Lua. It runs on the runtime's executor while the calling
/// coroutine waits, reads its arguments through the ``LuaCall`` and either returns values at once
/// or suspends the coroutine until async work finishes.
public typealias LuaHostFunction = (LuaCall) throws -> LuaReturn

/// What a host function gives back to Lua.
public enum LuaReturn {
    /// Return these values now.
    case values([LuaValue])
    /// Suspend only the calling coroutine until the work finishes, then return its values, or
    /// raise its error at the call site (where `pcall` can catch it). The work runs on Swift's
    /// pool, beside the Lua code that goes on meanwhile.
    case suspend(@Sendable () async throws -> [LuaValue])
    /// As ``suspend(_:)``, for work that is short or only waits (a sleep, another task's end, the
    /// next item of a queue): it runs on the runtime's own thread, so the coroutine comes back
    /// without a thread switch.
    case suspendLight(@Sendable () async throws -> [LuaValue])
    /// As ``suspend(_:)``, for work that ends in a JSON document: its tables are built on the
    /// Lua stack when the coroutine resumes, typed by the document's shape, with no Swift value
    /// in between.
    case suspendReturningJSON(@Sendable () async throws -> LuaJSONDocument)
    /// Return the JSON text that is argument `argument` (a Lua string, which the function has
    /// checked) decoded into Lua values, built on the Lua stack with no Swift value in between.
    case decodedJSON(argument: Int)

    public static var none: LuaReturn { .values([]) }
    public static func value(_ value: LuaValue) -> LuaReturn { .values([value]) }
}

/// The arguments of one call of a host function, valid only while the function runs.
public struct LuaCall {
    let thread: OpaquePointer
    /// The function's name, for messages (`bad argument #1 to 'name'`).
    public let name: String
    /// The runtime the call runs in.
    public let runtime: LuaRuntime

    /// How many arguments Lua passed.
    public var count: Int { Int(lua_gettop(thread)) }

    /// Argument `position` (1-based) copied into Swift; absent arguments are `.nil`.
    public func value(_ position: Int) throws -> LuaValue {
        guard position <= count else { return .nil }
        do {
            return try LuaStack(thread).value(at: Int32(position))
        } catch let error as LuaConversionError {
            throw argumentError(position, error.message)
        }
    }

    /// Every argument, in order.
    public func values() throws -> [LuaValue] {
        try (0..<count).map { try value($0 + 1) }
    }

    public func string(_ position: Int) throws -> String {
        let value = try value(position)
        guard case .string(let bytes) = value else { throw argumentError(position, "string expected, got \(typeName(position))") }
        guard let text = bytes.string else { throw argumentError(position, "string is not valid UTF-8") }
        return text
    }

    public func optionalString(_ position: Int) throws -> String? {
        if case .nil = try value(position) { return nil }
        return try string(position)
    }

    public func number(_ position: Int) throws -> Double {
        switch try value(position) {
        case .integer(let value): return Double(value)
        case .number(let value): return value
        default: throw argumentError(position, "number expected, got \(typeName(position))")
        }
    }

    public func integer(_ position: Int) throws -> Int64 {
        switch try value(position) {
        case .integer(let value): return value
        case .number(let value) where value.rounded() == value && abs(value) < 9.2e18: return Int64(value)
        case .number: throw argumentError(position, "number has no integer representation")
        default: throw argumentError(position, "integer expected, got \(typeName(position))")
        }
    }

    /// Argument `position` as the Swift object of type `T` it was made from.
    public func object<T: LuaUserdata>(_ position: Int, as type: T.Type) throws -> T {
        guard position <= count, let object = LuaStack(thread).userdata(at: Int32(position)) as? T else {
            throw argumentError(position, "\(T.luaTypeName) expected, got \(typeName(position))")
        }
        return object
    }

    /// The Swift error behind argument `position` when it is an error value this runtime
    /// raised from a Swift error (what `pcall` hands a script).
    public func swiftError(_ position: Int) -> (any Error)? {
        guard position <= count else { return nil }
        let thread = SameThread(thread)
        return runtime.assumeIsolated { $0.swiftError(at: Int32(position), on: thread.value) }
    }

    /// Argument `position` as readable text, whatever it is: a string as itself, a value with
    /// `__tostring` through it, a table as a Lua constructor (see `LuaStack.message(at:)`).
    public func readableText(_ position: Int) -> String {
        guard position <= count else { return "nil" }
        return LuaStack(thread).message(at: Int32(position))
    }

    /// The Lua type name of argument `position` (`"no value"` past the last argument).
    /// Whether argument `position` is a string (numbers do not count), without building a name.
    public func isString(_ position: Int) -> Bool {
        position <= count && lua_type(thread, Int32(position)) == LUA_TSTRING
    }

    public func typeName(_ position: Int) -> String {
        guard position <= count else { return "no value" }
        if let object = LuaStack(thread).userdata(at: Int32(position)) { return type(of: object).luaTypeName }
        if LuaStack(thread).isNull(at: Int32(position)) { return "null" }
        return String(cString: lua_typename(thread, lua_type(thread, Int32(position))))
    }

    /// An error in Lua's own wording for a bad argument.
    public func argumentError(_ position: Int, _ message: String) -> LuaArgumentError {
        LuaArgumentError(position: position, function: name, message: message)
    }
}

/// A host function received an argument it cannot use.
public struct LuaArgumentError: Error, CustomStringConvertible {
    public let position: Int
    public let function: String
    public let message: String
    public var description: String { "bad argument #\(position) to '\(function)' (\(message))" }
}

/// The Swift object behind each host closure, kept alive by the closure's upvalue.
final class HostFunctionBox {
    let name: String
    let body: LuaHostFunction
    init(name: String, body: @escaping LuaHostFunction) {
        self.name = name
        self.body = body
    }
}

/// What a suspended call's work ends with, pushed when its coroutine resumes.
enum LuaResults: Sendable {
    case values([LuaValue])
    case document(LuaJSONDocument)
}
