/// A Lua error that reached Swift: a script failed to compile or raised while running.
public struct LuaError: Error, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The chunk did not compile.
        case syntax
        /// The code raised an error (including a Swift error raised into Lua).
        case runtime
        /// Lua ran out of memory.
        case memory
        /// The coroutine was cancelled while it waited (Ctrl-C, a timeout).
        case cancelled
    }

    public var kind: Kind
    /// The error text, as `tostring` of the error value gives it.
    public var message: String
    /// Lua's stack traceback at the point of the error, with files and lines.
    public var traceback: String?
    /// The error value itself when it was a table (fields a script put in `error{...}`), or the
    /// string raised when the runtime redacts ``message``, so a Lua waiter gets back what was raised.
    public var value: LuaValue?
    /// The Swift error that was raised into Lua and came back out unchanged.
    public var underlying: (any Error)?

    public init(kind: Kind, message: String, traceback: String? = nil, value: LuaValue? = nil, underlying: (any Error)? = nil) {
        self.kind = kind
        self.message = message
        self.traceback = traceback
        self.value = value
        self.underlying = underlying
    }

    /// The chunk is only unfinished (an open `function`, string or table), as `lua`'s REPL
    /// decides: a syntax error whose message ends at `<eof>`.
    public var isIncompleteInput: Bool { kind == .syntax && message.hasSuffix("<eof>") }

    public var description: String {
        guard let traceback else { return message }
        return message + "\n" + traceback
    }
}

/// A Swift error that knows how to look in Lua: the fields a script reads from the error value
/// (`e.code`), and the text `tostring(e)` shows.
public protocol LuaErrorConvertible: Error {
    var luaErrorFields: [String: LuaValue] { get }
    var luaErrorMessage: String { get }
}

extension LuaArgumentError: LuaErrorConvertible {
    public var luaErrorFields: [String: LuaValue] { ["kind": .string("argument"), "message": .string(description)] }
    public var luaErrorMessage: String { description }
}

extension LuaConversionError: LuaErrorConvertible {
    public var luaErrorFields: [String: LuaValue] { ["kind": .string("conversion"), "message": .string(message)] }
    public var luaErrorMessage: String { message }
}

extension LuaError: LuaErrorConvertible {
    public var luaErrorFields: [String: LuaValue] {
        var fields: [String: LuaValue] = ["message": .string(message)]
        fields["kind"] = .string(kind == .cancelled ? "cancelled" : "lua")
        if case .table(let entries)? = value {
            for (key, field) in entries { if case .string(let name) = key, let name = name.string { fields[name] = field } }
        }
        return fields
    }
    public var luaErrorMessage: String { message }
}
