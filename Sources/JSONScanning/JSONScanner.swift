import Glibc

/// Receives a JSON document from ``JSONScanner`` in document order. Each consumer builds its own
/// values from it (Lua values, Lua tables on a stack, `JSONValue`s), so none goes through an
/// intermediate tree or Foundation's decoders.
public protocol JSONSink {
    mutating func null() throws
    mutating func boolean(_ value: Bool) throws
    mutating func integer(_ value: Int64) throws
    mutating func number(_ value: Double) throws
    /// A string value; the bytes are valid only during the call.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) throws
    mutating func beginObject() throws
    /// The next member's key, before its value; the bytes are valid only during the call.
    mutating func key(_ bytes: UnsafeBufferPointer<UInt8>) throws
    /// After each member's value.
    mutating func endMember() throws
    mutating func endObject() throws
    mutating func beginArray() throws
    /// After each element's value.
    mutating func endElement() throws
    mutating func endArray() throws
}

/// JSON's grammar (RFC 8259) over bytes in memory: `1` is an integer, `1.0` and `1e3` floats
/// (so is an integer too large for 64 bits); strings must be valid UTF-8; nesting stops at
/// ``maximumDepth``. Errors name the byte where reading stopped.
public struct JSONScanner {
    /// Documents nested deeper are refused, to keep recursion off the stack's edge.
    public static let maximumDepth = 1000

    /// Text that is not JSON; the message says where and why.
    public struct Failure: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
    @usableFromInline var index = 0
    /// Reused for strings with escapes, the only ones that are not slices of the input.
    @usableFromInline var unescaped: [UInt8] = []

    @usableFromInline init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Reads the whole document into `sink`; the sink's own errors pass through.
    @inlinable public static func scan<Sink: JSONSink>(_ bytes: UnsafeBufferPointer<UInt8>, into sink: inout Sink) throws {
        var scanner = JSONScanner(bytes)
        scanner.skipWhitespace()
        try scanner.value(into: &sink, depth: 0)
        scanner.skipWhitespace()
        guard scanner.index == bytes.count else { throw scanner.failure("unexpected text after the JSON value") }
    }

    @usableFromInline func failure(_ message: String) -> Failure {
        Failure(message: "invalid JSON at byte \(index + 1): \(message)")
    }

    @inlinable mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    @inlinable mutating func value<Sink: JSONSink>(into sink: inout Sink, depth: Int) throws {
        guard depth < Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
        guard index < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try object(into: &sink, depth: depth)
        case UInt8(ascii: "["): try array(into: &sink, depth: depth)
        case UInt8(ascii: "\""): try string { try sink.string($0) }
        case UInt8(ascii: "t"): try literal("true"); try sink.boolean(true)
        case UInt8(ascii: "f"): try literal("false"); try sink.boolean(false)
        case UInt8(ascii: "n"): try literal("null"); try sink.null()
        default: try number(into: &sink)
        }
    }

    @inlinable mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw failure("unexpected character") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw failure("unexpected character")
        }
        index += count
    }

    @inlinable mutating func object<Sink: JSONSink>(into sink: inout Sink, depth: Int) throws {
        index += 1
        try sink.beginObject()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return try sink.endObject()
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a string key") }
            try string { try sink.key($0) }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
            index += 1
            skipWhitespace()
            try value(into: &sink, depth: depth + 1)
            try sink.endMember()
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of input in an object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { throw failure("expected ',' or '}'") }
            index += 1
            return try sink.endObject()
        }
    }

    @inlinable mutating func array<Sink: JSONSink>(into sink: inout Sink, depth: Int) throws {
        index += 1
        try sink.beginArray()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return try sink.endArray()
        }
        while true {
            skipWhitespace()
            try value(into: &sink, depth: depth + 1)
            try sink.endElement()
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of input in an array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "]") else { throw failure("expected ',' or ']'") }
            index += 1
            return try sink.endArray()
        }
    }

    @inlinable mutating func number<Sink: JSONSink>(into sink: inout Sink) throws {
        let start = index
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let integerStart = index
        var magnitude: UInt64 = 0
        var overflowed = false
        while index < bytes.count, case let digit = bytes[index] &- UInt8(ascii: "0"), digit < 10 {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            overflowed = overflowed || overflow1 || overflow2
            magnitude = sum
            index += 1
        }
        let integerDigits = index - integerStart
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
        if !isFloat, !overflowed {
            if !negative, magnitude <= UInt64(Int64.max) { return try sink.integer(Int64(magnitude)) }
            if negative, magnitude <= UInt64(Int64.max) + 1 { return try sink.integer(Int64(truncatingIfNeeded: 0 &- magnitude)) }
        }
        let number = parseDouble(from: start, to: index)
        guard number.isFinite else {
            throw failure("number '\(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))' is out of range")
        }
        try sink.number(number)
    }

    @inlinable mutating func skipDigits() -> Int {
        let first = index
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        return index - first
    }

    /// The double the checked number text spells, through `strtod` on a terminated copy (the
    /// input need not be terminated, and `strtod` accepts more than JSON does).
    @usableFromInline func parseDouble(from start: Int, to end: Int) -> Double {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: end - start + 1) { buffer in
            for offset in 0..<(end - start) { buffer[offset] = CChar(bitPattern: bytes[start + offset]) }
            buffer[end - start] = 0
            return strtod(buffer.baseAddress!, nil)
        }
    }

    /// Reads a string and hands its bytes to `use`: a slice of the input when it has no escapes,
    /// else the unescaped copy.
    @inlinable mutating func string(_ use: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        index += 1
        let start = index
        var asciiOnly = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                guard asciiOnly || String(validating: slice, as: UTF8.self) != nil else { throw failure("string is not valid UTF-8") }
                index += 1
                return try use(slice)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw failure("control character in a string") }
            if byte >= 0x80 { asciiOnly = false }
            index += 1
        }
        unescaped.removeAll(keepingCapacity: true)
        unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        try unescapeRest()
        guard asciiOnly || String(validating: unescaped, as: UTF8.self) != nil else { throw failure("string is not valid UTF-8") }
        try unescaped.withUnsafeBufferPointer { try use($0) }
    }

    /// The rest of a string that has an escape, into `unescaped`, up to its closing quote.
    @inlinable mutating func unescapeRest() throws {
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw failure("unfinished escape") }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(escaped)
                case UInt8(ascii: "b"): unescaped.append(0x08)
                case UInt8(ascii: "f"): unescaped.append(0x0C)
                case UInt8(ascii: "n"): unescaped.append(0x0A)
                case UInt8(ascii: "r"): unescaped.append(0x0D)
                case UInt8(ascii: "t"): unescaped.append(0x09)
                case UInt8(ascii: "u"): try appendEscapedScalar()
                default: throw failure("invalid escape")
                }
            case 0..<0x20:
                throw failure("control character in a string")
            default:
                unescaped.append(byte)
                index += 1
            }
        }
        throw failure("unfinished string")
    }

    /// `\uXXXX`, or a surrogate pair of them, as UTF-8.
    @inlinable mutating func appendEscapedScalar() throws {
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
        unescaped.append(contentsOf: String(Character(unicode)).utf8)
    }

    @inlinable mutating func hexQuad() throws -> UInt32 {
        guard bytes.count - index >= 4 else { throw failure("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}
