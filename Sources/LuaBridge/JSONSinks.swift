internal import CLuaShim
import JSONScanning

/// Builds the ``LuaValue`` of a document: objects as ``LuaValue/table(_:)``, arrays as
/// ``LuaValue/array(_:)``, `null` as ``LuaValue/null``.
struct LuaValueSink: JSONSink {
    private enum Container {
        case object([LuaKey: LuaValue], key: LuaKey?)
        case array([LuaValue])
    }

    private var open: [Container] = []
    private(set) var result: LuaValue = .nil

    private mutating func emit(_ value: LuaValue) {
        guard let container = open.popLast() else { return result = value }
        switch container {
        case .object(var entries, let key?):
            entries[key] = value
            open.append(.object(entries, key: nil))
        case .object(let entries, nil):
            open.append(.object(entries, key: nil))
        case .array(var elements):
            elements.append(value)
            open.append(.array(elements))
        }
    }

    mutating func null() { emit(.null) }
    mutating func boolean(_ value: Bool) { emit(.boolean(value)) }
    mutating func integer(_ value: Int64) { emit(.integer(value)) }
    mutating func number(_ value: Double) { emit(.number(value)) }
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) { emit(.string(LuaBytes(Array(bytes)))) }
    mutating func beginObject() { open.append(.object([:], key: nil)) }

    mutating func key(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard case .object(let entries, _)? = open.popLast() else { return }
        open.append(.object(entries, key: .string(LuaBytes(Array(bytes)))))
    }

    mutating func endMember() {}
    mutating func endElement() {}

    mutating func endObject() {
        guard case .object(let entries, _)? = open.popLast() else { return }
        emit(.table(entries))
    }

    mutating func beginArray() { open.append(.array([])) }

    mutating func endArray() {
        guard case .array(let elements)? = open.popLast() else { return }
        emit(.array(elements))
    }
}

/// Builds a document's tables on a Lua stack, leaving the value on top: arrays carry the
/// bridge's array marker, `null` is the null sentinel, or left out (a hole in an array) when
/// nulls are not kept. Numbers are typed by a ``JSONShape``: a whole number where the shape has
/// a float becomes a float, a whole float where it has an integer an integer, so a table reads
/// as a model types it; where the shape says nothing (``JSONShape/any``) they read as their
/// text does. Raw sets only, so nothing raises.
struct LuaStackSink: JSONSink {
    private struct Frame {
        let shape: JSONShape?
        /// The next index of an array; `nil` for an object.
        var length: lua_Integer?
    }

    private let stack: LuaStack
    private let keepsNull: Bool
    private var frames: [Frame] = []
    /// The shape of the value about to be read: the root's, then each member's as its key is read.
    private var upcoming: JSONShape?
    /// The last value read was a `null` that is left out.
    private var skipped = false

    init(_ stack: LuaStack, shape: JSONShape, keepsNull: Bool) {
        self.stack = stack
        self.keepsNull = keepsNull
        self.upcoming = shape
        frames.reserveCapacity(8)
    }

    private var L: OpaquePointer { stack.L }

    /// The shape of the value being read now.
    private var current: JSONShape? {
        guard let frame = frames.last else { return upcoming }
        return frame.length == nil ? upcoming : frame.shape?.element
    }

    private func room() throws {
        guard lua_checkstack(L, 3) != 0 else { throw LuaJSON.Failure(message: "the document is nested too deeply for the Lua stack") }
    }

    mutating func null() throws {
        guard keepsNull else { return skipped = true }
        try room()
        lua_pushlightuserdata(L, nil)
    }

    mutating func boolean(_ value: Bool) throws {
        try room()
        lua_pushboolean(L, value ? 1 : 0)
    }

    mutating func integer(_ value: Int64) throws {
        try room()
        if current?.kind == .float { lua_pushnumber(L, Double(value)) } else { lua_pushinteger(L, value) }
    }

    mutating func number(_ value: Double) throws {
        try room()
        if current?.kind == .integer, value.rounded() == value, abs(value) < 9.2e18 {
            lua_pushinteger(L, lua_Integer(value))
        } else {
            lua_pushnumber(L, value)
        }
    }

    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        try room()
        bytes.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(L, $0.baseAddress, $0.count) }
    }

    mutating func beginObject() throws {
        try room()
        let shape = current
        lua_createtable(L, 0, Int32(clamping: shape?.members.count ?? 0))
        frames.append(Frame(shape: shape?.kind == .object ? shape : nil, length: nil))
    }

    mutating func key(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        upcoming = frames[frames.count - 1].shape?.member(bytes)?.shape
        try string(bytes)
    }

    mutating func endMember() {
        if skipped {
            skipped = false
            lua_settop(L, -2)
        } else {
            lua_rawset(L, -3)
        }
    }

    mutating func endObject() {
        frames.removeLast()
    }

    mutating func beginArray() throws {
        try room()
        let shape = current
        lua_createtable(L, 0, 0)
        frames.append(Frame(shape: shape?.kind == .array ? shape : nil, length: 0))
    }

    mutating func endElement() {
        let index = frames[frames.count - 1].length! + 1
        frames[frames.count - 1].length = index
        if skipped {
            skipped = false
        } else {
            lua_rawseti(L, -2, index)
        }
    }

    mutating func endArray() {
        frames.removeLast()
        stack.pushArrayMarker()
        lua_setmetatable(L, -2)
    }
}
