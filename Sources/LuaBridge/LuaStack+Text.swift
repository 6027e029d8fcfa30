internal import CLuaShim

extension LuaStack {
    /// Bounds of ``message(at:)``, so a huge or deeply nested error value still makes a
    /// message of a few lines.
    enum TextLimits {
        /// Tables nested deeper than this show as `{…}`.
        static let depth = 6
        /// Fields shown per table; the rest are counted as `…`.
        static let fields = 40
        /// Keys looked at per table to choose the first ones in order, so a huge table costs little.
        static let keysRead = 4096
        /// Bytes of one string; a longer one is cut before the word the limit falls in.
        static let stringBytes = 400
        /// Bytes of the whole text, checked between fields.
        static let totalBytes = 4000
    }

    /// Readable text of any value, for messages (an error value, a traceback); never raises.
    ///
    /// A string is itself and a number as `tostring` writes it. A value with `__tostring` (an
    /// error object) uses it, as `lua.c` does. Other tables read as Lua constructors with their
    /// keys sorted, `{code = "X", nested = {t = "…"}}`, bounded in depth and size, a table met
    /// again inside itself as `<cycle>`; other userdata as `<name>` after their `__name`.
    func message(at index: Int32) -> String {
        let index = lua_absindex(L, index)
        if lua_type(L, index) == LUA_TSTRING { return LuaBytes(bytes(at: index)).description }
        var writer = ReadableTextWriter(stack: self)
        writer.write(index, depth: 0)
        return writer.text
    }
}

/// Builds ``LuaStack/message(at:)`` with raw table access only, so no metamethod but
/// `__tostring` (run protected) sees the value.
private struct ReadableTextWriter {
    typealias Limits = LuaStack.TextLimits

    let stack: LuaStack
    var text = ""
    private var visiting = Set<UnsafeRawPointer>()

    init(stack: LuaStack) { self.stack = stack }

    private var L: OpaquePointer { stack.L }
    private var isFull: Bool { text.utf8.count >= Limits.totalBytes }

    mutating func write(_ index: Int32, depth: Int) {
        let index = lua_absindex(L, index)
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE: text += "nil"
        case LUA_TBOOLEAN: text += lua_toboolean(L, index) != 0 ? "true" : "false"
        case LUA_TNUMBER:
            lua_pushvalue(L, index)
            text += LuaBytes(stack.bytes(at: -1)).description
            lua_settop(L, -2)
        case LUA_TSTRING: text += Self.quoted(stack.bytes(at: index))
        case LUA_TFUNCTION: text += "<function>"
        case LUA_TTHREAD: text += "<thread>"
        default:
            if writeThroughToString(index) { return }
            if lua_type(L, index) == LUA_TTABLE {
                writeTable(index, depth: depth)
            } else {
                text += "<" + (metaName(index) ?? String(cString: lua_typename(L, lua_type(L, index)))) + ">"
            }
        }
    }

    /// Uses the value's `__tostring`, if it has one; a failing one is reported in its place.
    private mutating func writeThroughToString(_ index: Int32) -> Bool {
        guard luaL_getmetafield(L, index, "__tostring") != LUA_TNIL else { return false }
        lua_settop(L, -2)
        let status = clua_safetolstring(L, index)
        let produced = LuaBytes(stack.bytes(at: -1)).description
        lua_settop(L, -2)
        text += status == LUA_OK ? produced : "(error in __tostring: \(produced))"
        return true
    }

    private func metaName(_ index: Int32) -> String? {
        guard luaL_getmetafield(L, index, "__name") != LUA_TNIL else { return nil }
        defer { lua_settop(L, -2) }
        return lua_type(L, -1) == LUA_TSTRING ? LuaBytes(stack.bytes(at: -1)).description : nil
    }

    private mutating func writeTable(_ index: Int32, depth: Int) {
        let identity = lua_topointer(L, index)!
        guard !visiting.contains(identity) else { return text += "<cycle>" }
        guard depth < Limits.depth, lua_checkstack(L, 8) != 0 else { return text += "{…}" }
        visiting.insert(identity)
        defer { visiting.remove(identity) }

        // The sequence part, as far as it can be shown; later items sort among the other keys.
        var length: lua_Integer = 0
        while length < Limits.fields {
            let found = lua_rawgeti(L, index, length + 1) != LUA_TNIL
            lua_settop(L, -2)
            guard found else { break }
            length += 1
        }
        // The other keys are copied into a scratch list to be sorted, then looked up one by one.
        lua_createtable(L, 0, 0)
        let keys = lua_gettop(L)
        defer { lua_settop(L, keys - 1) }
        var sorted: [(order: KeyOrder, slot: lua_Integer)] = []
        var unread = false
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            if sorted.count == Limits.keysRead {
                unread = true
                lua_settop(L, -3)
                break
            }
            lua_settop(L, -2)
            if lua_isinteger(L, -1) != 0, case let key = lua_tointegerx(L, -1, nil), key >= 1, key <= length { continue }
            let slot = lua_Integer(sorted.count + 1)
            lua_pushvalue(L, -1)
            lua_rawseti(L, keys, slot)
            sorted.append((keyOrder(at: -1), slot))
        }
        sorted.sort { $0.order < $1.order }

        text += "{"
        var shown = 0
        let total = Int(length) + sorted.count
        func separate(_ text: inout String) { if shown > 0 { text += ", " } }
        for position in 0..<Int(length) {
            guard shown < Limits.fields, !isFull else { break }
            separate(&text)
            lua_rawgeti(L, index, lua_Integer(position + 1))
            write(-1, depth: depth + 1)
            lua_settop(L, -2)
            shown += 1
        }
        for entry in sorted {
            guard shown < Limits.fields, !isFull else { break }
            separate(&text)
            lua_rawgeti(L, keys, entry.slot)
            if let name = entry.order.identifier {
                text += name
            } else {
                text += "["
                write(-1, depth: depth + 1)
                text += "]"
            }
            text += " = "
            lua_rawget(L, index)
            write(-1, depth: depth + 1)
            lua_settop(L, -2)
            shown += 1
        }
        if shown < total || unread { text += shown > 0 ? ", …" : "…" }
        text += "}"
    }

    /// How a key sorts: numbers, then strings, then the rest by kind.
    private func keyOrder(at index: Int32) -> KeyOrder {
        switch lua_type(L, index) {
        case LUA_TNUMBER: return KeyOrder(rank: 0, number: lua_tonumberx(L, index, nil), text: "")
        case LUA_TSTRING:
            let name = LuaBytes(stack.bytes(at: index)).description
            return KeyOrder(rank: 1, number: 0, text: name, identifier: Self.isIdentifier(name) ? name : nil)
        case LUA_TBOOLEAN: return KeyOrder(rank: 2, number: lua_toboolean(L, index) != 0 ? 1 : 0, text: "")
        default: return KeyOrder(rank: 3, number: 0, text: String(cString: lua_typename(L, lua_type(L, index))))
        }
    }

    struct KeyOrder: Comparable {
        var rank: Int
        var number: Double
        var text: String
        /// Set for a string key written bare (`code = …`) rather than as `["a key"] = …`.
        var identifier: String? = nil

        static func < (lhs: KeyOrder, rhs: KeyOrder) -> Bool {
            (lhs.rank, lhs.number, lhs.text) < (rhs.rank, rhs.number, rhs.text)
        }
    }

    private static let keywords: Set<String> = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in", "local", "nil", "not",
        "or", "repeat", "return", "then", "true", "until", "while",
    ]

    private static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil)) }
            && !keywords.contains(name)
    }

    /// A string as a Lua literal, with control characters escaped. A long one is cut before the
    /// word its limit falls in, so a token is never cut into a piece that no longer looks like one.
    static func quoted(_ bytes: [UInt8]) -> String {
        var shown = bytes[...]
        var note = ""
        if bytes.count > Limits.stringBytes {
            var end = Limits.stringBytes
            while end > 0, isWordByte(bytes[end - 1]) { end -= 1 }
            shown = bytes[..<end]
            note = "…"
        }
        var literal = "\""
        for character in LuaBytes(Array(shown)).description.unicodeScalars {
            switch character {
            case "\"": literal += "\\\""
            case "\\": literal += "\\\\"
            case "\n": literal += "\\n"
            case "\t": literal += "\\t"
            case "\r": literal += "\\r"
            case _ where character.value < 0x20 || character.value == 0x7f: literal += "\\\(character.value)"
            default: literal.unicodeScalars.append(character)
            }
        }
        return literal + note + "\""
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte >= 0x80
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
