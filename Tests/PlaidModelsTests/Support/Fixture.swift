import Foundation
import PlaidModels
import Testing

/// A JSON example shipped with the tests, and the model type it must decode as.
struct Fixture: Sendable, CustomTestStringConvertible {
    let path: String
    let reencode: @Sendable (Data) throws -> Data

    init<Model: Codable & Sendable>(_ path: String, as model: Model.Type) {
        self.path = path
        self.reencode = { data in try JSONEncoder().encode(JSONDecoder().decode(Model.self, from: data)) }
    }

    var testDescription: String { path }

    func data() throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(path)", withExtension: nil))
        return try Data(contentsOf: url)
    }
}

/// Decodes `data` as `Model`, encodes it again, and returns both sides as parsed JSON, so that
/// key order and number spelling do not matter but `null` versus a missing key does.
func roundTrip<Model: Codable>(_ data: Data, as model: Model.Type) throws -> (original: JSONValue, reencoded: JSONValue) {
    let decoded = try JSONDecoder().decode(Model.self, from: data)
    return (try JSONValue(data: data), try JSONValue(data: JSONEncoder().encode(decoded)))
}

func json(_ text: String) -> Data {
    Data(text.utf8)
}
