/// JSON text to and from ``LuaValue``, keeping what Lua keeps apart: `1` reads as an integer and
/// `1.0` or `1e3` as a float; `null` reads as ``LuaValue/null``, not as an absent value; arrays
/// read as ``LuaValue/array(_:)`` so they stay arrays when written back, even empty.
public enum LuaJSON {
    public struct Options: Sendable {
        /// Write object keys in byte order, so equal values give equal text.
        public var sortsKeys: Bool
        /// Indent nested values by two spaces per level.
        public var pretty: Bool

        public init(sortsKeys: Bool = false, pretty: Bool = false) {
            self.sortsKeys = sortsKeys
            self.pretty = pretty
        }
    }

    /// A document that is not JSON, or a value JSON cannot express; the message says where.
    public struct Failure: Error, CustomStringConvertible, LuaErrorConvertible {
        public let message: String
        public var description: String { message }
        public var luaErrorFields: [String: LuaValue] { ["kind": .string("json"), "message": .string(message)] }
        public var luaErrorMessage: String { message }
    }

    // MARK: Reading

    public static func decode(_ text: [UInt8]) throws -> LuaValue {
        var reader = Reader(bytes: text)
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.index == text.count else { throw reader.failure("unexpected text after the JSON value") }
        return value
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        func failure(_ message: String) -> Failure {
            Failure(message: "invalid JSON at byte \(index + 1): \(message)")
        }

        mutating func skipWhitespace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func value(depth: Int) throws -> LuaValue {
            guard depth < LuaStack.maximumDepth else { throw failure("nested deeper than \(LuaStack.maximumDepth) levels") }
            guard index < bytes.count else { throw failure("unexpected end of input") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(LuaBytes(try string()))
            case UInt8(ascii: "t"): try literal("true"); return .boolean(true)
            case UInt8(ascii: "f"): try literal("false"); return .boolean(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return try number()
            }
        }

        mutating func literal(_ word: String) throws {
            let expected = Array(word.utf8)
            guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected else {
                throw failure("unexpected character")
            }
            index += expected.count
        }

        mutating func object(depth: Int) throws -> LuaValue {
            index += 1
            var entries: [LuaKey: LuaValue] = [:]
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .table(entries)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a string key") }
                let key = try string()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
                index += 1
                skipWhitespace()
                entries[.string(LuaBytes(key))] = try value(depth: depth + 1)
                skipWhitespace()
                guard index < bytes.count else { throw failure("unexpected end of input in an object") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "}") else { throw failure("expected ',' or '}'") }
                index += 1
                return .table(entries)
            }
        }

        mutating func array(depth: Int) throws -> LuaValue {
            index += 1
            var elements: [LuaValue] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                skipWhitespace()
                elements.append(try value(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw failure("unexpected end of input in an array") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "]") else { throw failure("expected ',' or ']'") }
                index += 1
                return .array(elements)
            }
        }

        /// JSON's number grammar; text with a fraction or an exponent is a float, the rest an
        /// integer (a float too when it overflows 64 bits).
        mutating func number() throws -> LuaValue {
            let start = index
            let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
            func skipDigits() -> Int {
                let first = index
                while index < bytes.count, digits.contains(bytes[index]) { index += 1 }
                return index - first
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            let integerStart = index
            let integerDigits = skipDigits()
            guard integerDigits > 0 else { throw failure("unexpected character") }
            guard integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { throw failure("number with a leading zero") }
            var isFloat = false
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                isFloat = true
                guard skipDigits() > 0 else { throw failure("digits expected after '.'") }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                isFloat = true
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard skipDigits() > 0 else { throw failure("digits expected in the exponent") }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if !isFloat, let integer = Int64(text) { return .integer(integer) }
            guard let number = Double(text), number.isFinite else { throw failure("number '\(text)' is out of range") }
            return .number(number)
        }

        mutating func string() throws -> [UInt8] {
            index += 1
            var result: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    guard String(validating: result, as: UTF8.self) != nil else { throw failure("string is not valid UTF-8") }
                    return result
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { throw failure("unfinished escape") }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): result.append(escaped)
                    case UInt8(ascii: "b"): result.append(0x08)
                    case UInt8(ascii: "f"): result.append(0x0C)
                    case UInt8(ascii: "n"): result.append(0x0A)
                    case UInt8(ascii: "r"): result.append(0x0D)
                    case UInt8(ascii: "t"): result.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hexQuad()
                        if (0xD800..<0xDC00).contains(scalar) {
                            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                                throw failure("unpaired surrogate")
                            }
                            index += 2
                            let low = try hexQuad()
                            guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired surrogate") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { throw failure("invalid \\u escape") }
                        result.append(contentsOf: Array(String(Character(unicode)).utf8))
                    default: throw failure("invalid escape")
                    }
                case 0..<0x20:
                    throw failure("control character in a string")
                default:
                    result.append(byte)
                    index += 1
                }
            }
            throw failure("unfinished string")
        }

        mutating func hexQuad() throws -> UInt32 {
            guard bytes.count - index >= 4, let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
                throw failure("invalid \\u escape")
            }
            index += 4
            return value
        }
    }

    // MARK: Writing

    public static func encode(_ value: LuaValue, options: Options = Options()) throws -> [UInt8] {
        var output: [UInt8] = []
        try write(value, to: &output, options: options, path: "", depth: 0)
        return output
    }

    private static func write(_ value: LuaValue, to output: inout [UInt8], options: Options, path: String, depth: Int) throws {
        let place = path.isEmpty ? "" : " at '\(path)'"
        switch value {
        case .nil, .null: output += Array("null".utf8)
        case .boolean(let flag): output += Array((flag ? "true" : "false").utf8)
        case .integer(let number): output += Array(String(number).utf8)
        case .number(let number):
            guard number.isFinite else { throw Failure(message: "JSON cannot hold the number \(number)\(place)") }
            output += Array(String(number).utf8)
        case .string(let bytes):
            guard bytes.string != nil else { throw Failure(message: "the string\(place) is not valid UTF-8, which JSON requires") }
            writeString(bytes.bytes, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                newline(&output, options: options, depth: depth + 1)
                try write(element, to: &output, options: options, path: "\(path)[\(offset + 1)]", depth: depth + 1)
            }
            if !elements.isEmpty { newline(&output, options: options, depth: depth) }
            output.append(UInt8(ascii: "]"))
        case .table(let entries):
            var members: [(key: [UInt8], value: LuaValue, label: String)] = []
            for (key, member) in entries {
                switch key {
                case .string(let name):
                    guard name.string != nil else { throw Failure(message: "a key\(place) is not valid UTF-8, which JSON requires") }
                    members.append((name.bytes, member, name.description))
                case .integer(let number):
                    members.append((Array(String(number).utf8), member, String(number)))
                default:
                    throw Failure(message: "the table\(place) has the key \(key), which cannot be a JSON object key")
                }
            }
            if options.sortsKeys { members.sort { $0.key.lexicographicallyPrecedes($1.key) } }
            output.append(UInt8(ascii: "{"))
            for (offset, member) in members.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                newline(&output, options: options, depth: depth + 1)
                writeString(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                if options.pretty { output.append(UInt8(ascii: " ")) }
                try write(member.value, to: &output, options: options, path: path.isEmpty ? member.label : "\(path).\(member.label)", depth: depth + 1)
            }
            if !members.isEmpty { newline(&output, options: options, depth: depth) }
            output.append(UInt8(ascii: "}"))
        case .userdata(let object):
            throw Failure(message: "a \(type(of: object).luaTypeName)\(place) cannot be written as JSON")
        }
    }

    private static func newline(_ output: inout [UInt8], options: Options, depth: Int) {
        guard options.pretty else { return }
        output.append(0x0A)
        output += [UInt8](repeating: 0x20, count: depth * 2)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ bytes: [UInt8], to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): output += [0x5C, 0x22]
            case UInt8(ascii: "\\"): output += [0x5C, 0x5C]
            case 0x0A: output += [0x5C, UInt8(ascii: "n")]
            case 0x0D: output += [0x5C, UInt8(ascii: "r")]
            case 0x09: output += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20: output += Array("\\u00".utf8) + [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
