import JSONScanning
import LuaBridge
import NIOConcurrencyHelpers
import PlaidClient
import PlaidModels

/// The shapes of the response models, learnt once per response type from the models themselves
/// (``ValueShape``): what a Plaid call's answer is checked against and typed by as Lua reads it
/// straight from the bytes.
enum ResponseShapes {
    private static let learnt = NIOLockedValueBox<[ObjectIdentifier: JSONShape]>([:])

    /// The shape of `type`'s response.
    static func shape(of type: any PlaidRequest.Type) -> JSONShape {
        let key = ObjectIdentifier(type)
        if let known = learnt.withLockedValue({ $0[key] }) { return known }
        let shape = responseShape(type)
        learnt.withLockedValue { $0[key] = shape }
        return shape
    }

    private static func responseShape<Request: PlaidRequest>(_ type: Request.Type) -> JSONShape {
        jsonShape(ValueShape.of(Request.Response.self))
    }

    static func jsonShape(_ shape: ValueShape) -> JSONShape {
        switch shape {
        case .string, .enumeration: JSONShape(kind: .string)
        case .credential: JSONShape(kind: .credential)
        case .integer: JSONShape(kind: .integer)
        case .number: JSONShape(kind: .float)
        case .boolean: JSONShape(kind: .boolean)
        case .any: .any
        case .array(let element): JSONShape(arrayOf: jsonShape(element))
        case .object(_, let fields):
            JSONShape(members: fields.map { ($0.name, jsonShape($0.shape), $0.isOptional) })
        }
    }
}

/// Reads an answer's bytes once, on Swift's pool, before Lua builds its tables from them: refuses
/// what decoding the response model would refuse (a missing member, a value of the wrong kind),
/// naming the place but not the value; remembers the credentials it holds, so they are masked
/// wherever they appear later; and finds its `request_id`.
struct ResponseCheck: JSONSink {
    private struct Frame {
        let shape: JSONShape?
        /// The element being read, for an array; `nil` for an object.
        var index: Int?
        /// The member being read, when the shape names it.
        var member: String?
        /// The required members seen so far.
        var seen: UInt64 = 0
    }

    private var frames: [Frame] = []
    private var upcoming: JSONShape?
    private var upcomingIsOptional = false
    private var readsRequestID = false
    private(set) var requestID: String?

    /// Checks `bytes` against `shape`; returns the answer's `request_id`.
    static func check(_ bytes: UnsafeRawBufferPointer, against shape: JSONShape) throws(PlaidResponseMismatch) -> String? {
        var sink = ResponseCheck(shape: shape)
        do {
            try JSONScanner.scan(bytes.bindMemory(to: UInt8.self), into: &sink)
        } catch let mismatch as PlaidResponseMismatch {
            throw mismatch
        } catch {
            throw PlaidResponseMismatch("\(error)")
        }
        return sink.requestID
    }

    private init(shape: JSONShape) {
        upcoming = shape
        frames.reserveCapacity(8)
    }

    /// The shape of the value being read now, and whether it may be `null`.
    private var current: (shape: JSONShape?, isOptional: Bool) {
        guard let frame = frames.last else { return (upcoming, false) }
        if frame.index != nil { return (frame.shape?.element, frame.shape == nil) }
        return (upcoming, upcomingIsOptional)
    }

    /// Where the value being read is, as `accounts[0].balances`.
    private var place: String {
        var text = ""
        for frame in frames {
            if let index = frame.index {
                text += "[\(index)]"
            } else if let member = frame.member {
                text += text.isEmpty ? member : ".\(member)"
            }
        }
        return text.isEmpty ? "the top level" : text
    }

    /// Refuses a value of kind `found` where the shape wants another.
    private func expect(_ found: JSONShape.Kind, _ accepted: (JSONShape.Kind) -> Bool) throws(PlaidResponseMismatch) {
        guard let shape = current.shape, shape.kind != .any, !accepted(shape.kind) else { return }
        throw PlaidResponseMismatch("\(Self.name(of: found)) where \(Self.name(of: shape.kind)) is expected at \(place)")
    }

    private static func name(of kind: JSONShape.Kind) -> String {
        switch kind {
        case .any: "a value"
        case .string, .credential: "a string"
        case .integer: "an integer"
        case .float: "a number"
        case .boolean: "a boolean"
        case .object: "an object"
        case .array: "an array"
        }
    }

    mutating func null() throws {
        let (shape, isOptional) = current
        guard let shape, shape.kind != .any, !isOptional else { return }
        throw PlaidResponseMismatch("null where \(Self.name(of: shape.kind)) is expected at \(place)")
    }

    mutating func boolean(_ value: Bool) throws {
        try expect(.boolean) { $0 == .boolean }
    }

    mutating func integer(_ value: Int64) throws {
        try expect(.integer) { $0 == .integer || $0 == .float }
    }

    mutating func number(_ value: Double) throws {
        try expect(.float) { $0 == .float || $0 == .integer && value.rounded() == value && abs(value) < 9.2e18 }
    }

    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        try expect(.string) { $0 == .string || $0 == .credential }
        if readsRequestID {
            readsRequestID = false
            requestID = String(decoding: bytes, as: UTF8.self)
        }
        switch current.shape?.kind {
        case .credential:
            Redaction.remember(token: String(decoding: bytes, as: UTF8.self))
        case .string, .integer, .float, .boolean, .object, .array:
            break
        case .any, nil:
            // What the models do not type (a field added since) may still hold a token.
            if bytes.count > Redaction.shortestFragment { Redaction.rememberIfToken(String(decoding: bytes, as: UTF8.self)) }
        }
    }

    mutating func beginObject() throws {
        try expect(.object) { $0 == .object }
        let shape = current.shape
        frames.append(Frame(shape: shape?.kind == .object ? shape : nil))
    }

    mutating func key(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        let top = frames.count - 1
        let member = frames[top].shape?.member(bytes)
        frames[top].member = member?.name
        frames[top].seen |= member?.requiredBit ?? 0
        upcoming = member?.shape
        upcomingIsOptional = member?.isOptional ?? true
        readsRequestID = top == 0 && bytes.elementsEqual("request_id".utf8)
    }

    mutating func endMember() {
        readsRequestID = false
    }

    mutating func endObject() throws {
        let frame = frames.removeLast()
        guard let shape = frame.shape, frame.seen != shape.requiredBits,
              let missing = shape.members.first(where: { $0.requiredBit != 0 && frame.seen & $0.requiredBit == 0 })
        else { return }
        throw PlaidResponseMismatch("missing key \(frames.isEmpty ? "" : place + ".")\(missing.name)")
    }

    mutating func beginArray() throws {
        try expect(.array) { $0 == .array }
        let shape = current.shape
        frames.append(Frame(shape: shape?.kind == .array ? shape : nil, index: 0))
    }

    mutating func endElement() {
        frames[frames.count - 1].index! += 1
    }

    mutating func endArray() {
        frames.removeLast()
    }
}
