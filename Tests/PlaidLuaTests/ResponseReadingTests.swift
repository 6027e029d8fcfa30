import Foundation
import JSONScanning
import LuaBridge
@testable import PlaidLua
import PlaidClient
import PlaidModels
import Testing

/// Lua builds a Plaid answer's tables straight from its bytes, typed by the shape learnt from
/// the response model. For every endpoint, the tables must equal what decoding the model and
/// converting it would give — floats where the model has `Double` even when the text is whole,
/// nulls dropped or kept alike — and an answer the model would refuse must be refused, naming
/// the place.
@Suite struct ResponseReadingTests {
    static let requestTypes: [any PlaidRequest.Type] = PlaidAPI.requests

    /// A document with every member the shape names. Numbers are whole (`7`), so a float member
    /// only reads as a float by its shape; optional members are `null` when `nullsOptional`.
    static func document(_ shape: ValueShape, nullsOptional: Bool) -> JSONValue {
        switch shape {
        case .string, .credential: .string("2026-12-07")
        case .enumeration(_, let values): .string(values.first ?? "other")
        case .integer, .number: .integer(7)
        case .boolean: .bool(true)
        case .any: .object(["kept": .integer(1), "nothing": .null])
        case .array(let element): .array([document(element, nullsOptional: nullsOptional), document(element, nullsOptional: nullsOptional)])
        case .object(_, let fields):
            .object(Dictionary(fields.map { field in
                (field.name, field.isOptional && nullsOptional ? .null : document(field.shape, nullsOptional: nullsOptional))
            }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// The response of `type` read both ways inside one Lua state: decoded into the model and
    /// converted (`typed`), and built from the bytes (`bytes`); both come back as Lua sees them.
    static func bothWays<Request: PlaidRequest>(_ type: Request.Type, text: [UInt8], keepsNull: Bool) async throws -> (typed: LuaValue, bytes: LuaValue) {
        let model = try JSONDecoder().decode(Request.Response.self, from: Data(text))
        let typed = try LuaValueEncoder(keepsNull: keepsNull).encode(model)
        let shape = ResponseShapes.shape(of: type)
        _ = try text.withUnsafeBytes { try ResponseCheck.check($0, against: shape) }
        let runtime = try LuaRuntime()
        await runtime.register("typed") { _ in .value(typed) }
        await runtime.register("bytes") { _ in .suspendReturningJSON { LuaJSONDocument(text: text, shape: shape, keepsNull: keepsNull) } }
        let values = try await runtime.run("return typed(), bytes()")
        return (values[0], values[1])
    }

    @Test("every answer reads from its bytes as its model types it", arguments: requestTypes.map { "\($0)" })
    func bytesReadAsTheModelTypesThem(_ name: String) async throws {
        let type = try #require(Self.requestTypes.first { "\($0)" == name })
        try await check(type)
    }

    private func check<Request: PlaidRequest>(_ type: Request.Type) async throws {
        let shape = ValueShape.of(Request.Response.self)
        guard case .object(_, let fields) = shape else {
            Issue.record("the shape of \(Request.Response.self) was not learnt: \(shape)")
            return
        }
        #expect(fields.contains { $0.name == "request_id" })
        for nullsOptional in [false, true] {
            let text = try Array(Self.document(shape, nullsOptional: nullsOptional).data())
            for keepsNull in [false, true] {
                let read = try await Self.bothWays(type, text: text, keepsNull: keepsNull)
                // With nulls kept, the bytes also show the nulls of members the model leaves
                // out when absent: the text has them.
                #expect(keepsNull ? Self.same(read.bytes, read.typed) : read.bytes == read.typed,
                        "\(Request.Response.self), optional members null: \(nullsOptional), nulls kept: \(keepsNull)")
            }
        }
    }

    @Test("every answer the sandbox writes reads as Foundation's encoder writes it", arguments: requestTypes.map { "\($0)" })
    func answersWrittenInOnePassMatchFoundations(_ name: String) throws {
        let type = try #require(Self.requestTypes.first { "\($0)" == name })
        try writeBothWays(type)
    }

    private func writeBothWays<Request: PlaidRequest>(_ type: Request.Type) throws {
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for nullsOptional in [false, true] {
            let text = try Self.document(ValueShape.of(Request.Response.self), nullsOptional: nullsOptional).data()
            let model = try JSONDecoder().decode(Request.Response.self, from: text)
            let written = try JSONBytesEncoder.encode(model)
            #expect(try JSONValue(data: Data(written)) == JSONValue(data: foundation.encode(model)), "\(Request.Response.self)")
            #expect(try JSONBytesEncoder.encode(model) == written, "the same answer gives the same bytes")
        }
    }

    /// `bytes` equals `typed` but for members that are `null` in `bytes` and absent in `typed`.
    static func same(_ bytes: LuaValue, _ typed: LuaValue) -> Bool {
        switch (bytes, typed) {
        case let (.table(read), .table(model)):
            model.allSatisfy { key, value in read[key].map { same($0, value) } ?? false }
                && read.allSatisfy { key, value in model[key] != nil || value == .null }
        case let (.array(read), .array(model)):
            read.count == model.count && zip(read, model).allSatisfy { same($0, $1) }
        default:
            bytes == typed
        }
    }

    @Test func wholeAmountsReadAsFloatsAndCountsAsIntegers() async throws {
        let text = Array("""
            {"account": {"account_id": "a", "balances": {"available": 100, "current": 110.0, "limit": null,
             "iso_currency_code": "USD", "unofficial_currency_code": null}, "mask": "0000", "name": "Checking",
             "official_name": null, "subtype": "checking", "type": "depository", "added_later": 5},
             "numbers": {"ach": {"account": "1111222233330000", "account_id": "a", "routing": "011401533",
             "wire_routing": null}}, "request_id": "r1"}
            """.utf8)
        let read = try await Self.bothWays(ProcessorAuthGetRequest.self, text: text, keepsNull: false)
        guard case .table(let top) = read.bytes, case .table(let account)? = top["account"], case .table(let balances)? = account["balances"] else {
            Issue.record("not a table: \(read.bytes)")
            return
        }
        #expect(balances["available"] == .number(100))
        #expect(balances["current"] == .number(110))
        #expect(balances["limit"] == nil)
        // A member the models do not know yet is kept as its text reads.
        #expect(account["added_later"] == .integer(5))
        #expect(read.bytes == read.typed.merging(account: ["added_later": .integer(5)]))
    }

    @Test("an answer the model refuses is refused, naming the place", arguments: [
        (#"{"account": {}, "numbers": {}, "request_id": "r"}"#, "missing key account.account_id"),
        (#"{"numbers": {}, "request_id": "r"}"#, "missing key account"),
        (#"{"account": {"account_id": 5}, "numbers": {}, "request_id": "r"}"#, "an integer where a string is expected at account.account_id"),
        (#"{"account": {"account_id": null}, "request_id": "r"}"#, "null where a string is expected at account.account_id"),
        (#"{"numbers": {"ach": {"account": 1}}, "request_id": "r"}"#, "an integer where a string is expected at numbers.ach.account"),
        (#"{"numbers": {"ach": "none"}, "request_id": "r"}"#, "a string where an object is expected at numbers.ach"),
        (#"{"account": {"account_id": "a", "balances": {"available": "100"}}}"#, "a string where a number is expected at account.balances.available"),
        (#"{"request_id": "r""#, "invalid JSON at byte"),
        (#"[]"#, "an array where an object is expected at the top level"),
    ])
    func refusedAnswersNameThePlace(_ text: String, _ expected: String) throws {
        let shape = ResponseShapes.shape(of: ProcessorAuthGetRequest.self)
        #expect(throws: PlaidResponseMismatch.self) { try Array(text.utf8).withUnsafeBytes { try ResponseCheck.check($0, against: shape) } }
        do {
            _ = try Array(text.utf8).withUnsafeBytes { try ResponseCheck.check($0, against: shape) }
            Issue.record("accepted: \(text)")
        } catch let mismatch as PlaidResponseMismatch {
            #expect(mismatch.summary.hasPrefix(expected), "\(mismatch.summary)")
        }
    }

    @Test func theRequestIDIsFoundAndCredentialsAreRemembered() throws {
        let token = "processor-sandbox-\(UUID().uuidString.lowercased())"
        let text = Array(#"{"processor_token": "\#(token)", "request_id": "req-42"}"#.utf8)
        let shape = ResponseShapes.shape(of: ProcessorTokenCreateRequest.self)
        let requestID = try text.withUnsafeBytes { try ResponseCheck.check($0, against: shape) }
        #expect(requestID == "req-42")
        // Its UUID alone is masked from now on, as after decoding the model.
        let uuid = String(token.dropFirst("processor-sandbox-".count))
        #expect(!Redaction.maskTokens(in: "got \(uuid)").contains(uuid))
    }
}

private extension LuaValue {
    /// This table with `members` added to its `account` table.
    func merging(account members: [LuaKey: LuaValue]) -> LuaValue {
        guard case .table(var top) = self, case .table(let account)? = top["account"] else { return self }
        top["account"] = .table(account.merging(members) { first, _ in first })
        return .table(top)
    }
}
