import Foundation
import PlaidModels
import Testing

/// The sandbox writes its answers with ``JSONBytesEncoder``: scalars must come out as the bytes
/// Foundation's encoder writes, maps sorted by key, and models with every member in place.
struct JSONBytesEncoderTests {
    static func foundation(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    @Test func numbersAreWrittenAsFoundationWritesThem() throws {
        let doubles: [Double] = [0, -0.0, 1, 110, -2410, 0.1, 1.5, 100.25, 1e21, 1e-7, 123456789.125, 5e-324,
                                 .greatestFiniteMagnitude, 9007199254740993]
        #expect(try JSONBytesEncoder.encode(doubles) == Self.foundation(doubles))
        let integers: [Int64] = [0, -1, .max, .min]
        #expect(try JSONBytesEncoder.encode(integers) == Self.foundation(integers))
        let floats: [Float] = [0.1, 3, 1e30]
        #expect(try JSONBytesEncoder.encode(floats) == Self.foundation(floats))
    }

    @Test func stringsAreEscapedAsFoundationEscapesThem() throws {
        let strings = [String(decoding: (0..<0x80).map { UInt8($0) }, as: UTF8.self), "/a/b", "é ☃ 🚀", "\u{2028}\u{2029}", ""]
        #expect(try JSONBytesEncoder.encode(strings) == Self.foundation(strings))
    }

    @Test func mapsAndJSONValuesAreSortedByKey() throws {
        let map = ["b": "2", "a": "1", "a_b": "3", "aB": "4", "z9": "5", "z10": "6"]
        #expect(String(decoding: try JSONBytesEncoder.encode(map), as: UTF8.self)
            == #"{"a":"1","aB":"4","a_b":"3","b":"2","z10":"6","z9":"5"}"#)
        let json = JSONValue.object(["y": .array([.null, .bool(true), .integer(3), .double(2.5), .double(110)]),
                                     "x": .object(["k": .string("v/w\n")]), "a_b": .integer(1), "aB": .integer(2), "Ab": .integer(3),
                                     "z10": .integer(4), "z9": .integer(5), "é": .integer(6), "_": .integer(7)])
        #expect(try JSONBytesEncoder.encode(json) == Self.foundation(json))
        #expect(try Array(json.data()) == Self.foundation(json), "JSONValue.data() writes what Foundation's sorted encoder did")
    }

    @Test func aModelHasEveryMemberAndNullsWhereItEncodesThem() throws {
        try check("seed/processor_auth_get.response.json", as: ProcessorAuthGetResponse.self)
        try check("seed/processor_identity_get.response.json", as: ProcessorIdentityGetResponse.self)
        try check("reference/processor_balance_get.response.example-1.json", as: ProcessorBalanceGetResponse.self)
        try check("errors/every_field.json", as: PlaidError.self)
    }

    private func check<Model: Codable & Sendable>(_ path: String, as type: Model.Type) throws {
        let model = try JSONDecoder().decode(type, from: Fixture(path, as: type).data())
        let written = try JSONBytesEncoder.encode(model)
        #expect(try JSONValue(data: Data(written)) == JSONValue(data: Data(Self.foundation(model))), "\(path)")
    }

    @Test func whatJSONCannotHoldIsRefused() {
        #expect(throws: EncodingError.self) { try JSONBytesEncoder.encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try JSONBytesEncoder.encode(["x": Double.infinity]) }
    }
}
