import LuaBridge
import Testing

@Suite struct JSONTests {
    private func decode(_ text: String) throws -> LuaValue { try LuaJSON.decode(Array(text.utf8)) }
    private func encode(_ value: LuaValue, sorted: Bool = true) throws -> String {
        String(decoding: try LuaJSON.encode(value, options: .init(sortsKeys: sorted)), as: UTF8.self)
    }

    @Test func numbersKeepIntegerOrFloatFromTheirText() throws {
        #expect(try decode("[1, 1.0, -0, 1e3, 2.5E-1, 9223372036854775807, 9223372036854775808]") == .array([
            .integer(1), .number(1.0), .integer(0), .number(1000), .number(0.25), .integer(.max), .number(9223372036854775808),
        ]))
    }

    @Test func nullAndEmptyContainersKeepTheirKind() throws {
        let value = try decode(#"{"a": null, "list": [], "map": {}}"#)
        #expect(value == .table(["a": .null, "list": .array([]), "map": .table([:])]))
        #expect(try encode(value) == #"{"a":null,"list":[],"map":{}}"#)
    }

    @Test func stringsUnescapeToUTF8() throws {
        #expect(try decode(#""tab\there \"q\" \u00e9 \ud83d\ude00 \/""#) == .string("tab\there \"q\" é 😀 /"))
    }

    @Test func encodingEscapesAndSortsKeys() throws {
        #expect(try encode(.table(["b": .number(110.0), "a": .string("line\n\u{1}")])) == #"{"a":"line\n\u0001","b":110.0}"#)
        // As Foundation's encoder and the sandbox's answers write them.
        #expect(try encode(.string("\u{8}\u{C}\u{1F}\"\\")) == #""\b\f\u001f\"\\""#)
    }

    @Test func decodedDocumentsEncodeBackToTheSameText() throws {
        let text = #"{"accounts":[{"balances":{"available":100.5,"current":110.0,"limit":null},"mask":"0000"}],"request_id":"abc","total":3}"#
        #expect(try encode(try decode(text)) == text)
    }

    @Test func prettyPrintingIndents() throws {
        let text = String(decoding: try LuaJSON.encode(.table(["a": .array([.integer(1)])]), options: .init(sortsKeys: true, pretty: true)), as: UTF8.self)
        #expect(text == "{\n  \"a\": [\n    1\n  ]\n}")
    }

    @Test(arguments: [
        ("", "unexpected end of input"), ("{", "expected a string key"), ("[1,]", "unexpected character"),
        ("01", "leading zero"), ("1.", "digits expected after '.'"), ("\"a", "unfinished string"),
        ("[1] x", "unexpected text after the JSON value"), ("\"\\ud800\"", "unpaired surrogate"), ("tru", "unexpected character"),
        ("\"\u{1}\"", "control character"),
    ])
    func malformedDocumentsAreRefusedWithAPlace(text: String, message: String) {
        #expect {
            _ = try decode(text)
        } throws: { error in
            "\(error)".hasPrefix("invalid JSON at byte ") && "\(error)".contains(message)
        }
    }

    @Test(arguments: [
        (LuaValue.number(.infinity), "cannot hold the number inf"),
        (.table(["bad": .string(LuaBytes([0xFF]))]), "string at 'bad' is not valid UTF-8"),
        (.table([.boolean(true): .integer(1)]), "cannot be a JSON object key"),
    ])
    func valuesJSONCannotExpressAreRefused(value: LuaValue, message: String) {
        #expect {
            _ = try LuaJSON.encode(value)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    /// Documents decoded straight onto the Lua stack (what `json.decode` returns) and read back
    /// equal the ones decoded into Swift values; errors are the same too.
    @Test(arguments: [
        #"{"a": [1, 2.5, -3, null, true, false, "x"], "b": {}, "c": [], "d": {"e": "\u00e9\n"}}"#,
        #"[9223372036854775807, -9223372036854775808, 9223372036854775808, 1e3, "été"]"#,
        #""just a string""#, "42", "null",
        #"{"a": 1,}"#, "[1 2]", #""\x""#,
    ])
    func decodingOntoTheLuaStackMatchesDecodingIntoValues(text: String) async throws {
        let runtime = try LuaRuntime()
        await runtime.register("decode") { _ in .decodedJSON(argument: 1) }
        do {
            let expected = try decode(text)
            let values = try await runtime.run("return decode(...)", arguments: [.string(text)])
            #expect(values == [expected])
        } catch let failure as LuaJSON.Failure {
            let error = await #expect(throws: LuaError.self) { try await runtime.run("return decode(...)", arguments: [.string(text)]) }
            #expect(error?.message.contains(failure.message) == true, "\(String(describing: error?.message)) vs \(failure.message)")
        }
    }

    @Test func nestingBeyondTheLimitIsRefused() {
        let deep = String(repeating: "[", count: 1500) + String(repeating: "]", count: 1500)
        #expect(throws: LuaJSON.Failure.self) { try decode(deep) }
    }
}
