import LuaBridge
@testable import PlaidLua
import Testing

/// The coding path a model's own `encode(to:)` sees is where its value lands, so an error it
/// throws names the right place.
@Suite struct LuaValueEncoderTests {
    final class Paths {
        var seen: [String] = []
    }

    /// Records the path it is encoded at, as `items.0`, and encodes as that text.
    struct PathProbe: Encodable {
        let paths: Paths

        func encode(to encoder: any Encoder) throws {
            let path = encoder.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            paths.seen.append(path)
            var container = encoder.singleValueContainer()
            try container.encode(path)
        }
    }

    struct Holder: Encodable {
        let items: [PathProbe]
        let nested: [[PathProbe]]
    }

    @Test func elementsAreEncodedAtTheirOwnIndex() throws {
        let paths = Paths()
        let probe = PathProbe(paths: paths)
        let value = try LuaValueEncoder().encode(Holder(items: [probe, probe, probe], nested: [[probe], [probe, probe]]))
        #expect(paths.seen == ["items.0", "items.1", "items.2", "nested.0.0", "nested.1.0", "nested.1.1"])
        guard case .table(let table) = value, case .array(let items)? = table["items"] else {
            Issue.record("not a table with an items array: \(value)")
            return
        }
        #expect(items == [.string("items.0"), .string("items.1"), .string("items.2")])
    }
}
