import Foundation
import PlaidModels
import Testing

/// The registry against what documents it: an endpoint added, renamed or dropped in one place
/// and not the others fails here.
struct RegistryDocumentsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func read(_ path: String) throws -> [Substring] {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8).split(separator: "\n")
    }

    /// The backquoted cells of the table rows whose first cell matches `first`.
    static func rows(of path: String, firstCell first: Regex<Substring>) throws -> [[String]] {
        try read(path).filter { $0.hasPrefix("| ") }.map { line in
            line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
        }.filter { cells in cells.first.map { (try? first.wholeMatch(in: $0)) != nil } ?? false }
    }

    @Test func theClientGuideListsEveryEndpointWithItsModelAndEffect() throws {
        let rows = try Self.rows(of: "docs/client.md", firstCell: /\/[a-z_\/]+/)
        let documented = rows.map { "\($0[0]) \($0[1]) \($0[2])" }
        let registered = PlaidAPI.requests.map { "\($0.endpoint.path) \($0) \($0.endpoint.effect.rawValue)" }
        #expect(documented == registered)
    }

    @Test func theLuaReferenceListsEveryMethodWithItsPathAndCaller() throws {
        let rows = try Self.rows(of: "docs/lua-api.md", firstCell: /client:[a-z_]+\{.*\}/)
        let documented = rows.map { cells in
            "\(cells[0].dropFirst("client:".count).prefix { $0 != "{" }) \(cells[1]) \(cells[2])"
        }
        let registered = PlaidAPI.endpoints.map { "\($0.methodName) \($0.path) \($0.caller.rawValue)" }
        #expect(documented == registered)
    }

    @Test func theOpenAPIDocumentHasExactlyTheRegisteredPaths() throws {
        let lines = try Self.read("docs/openapi.yaml")
        let start = try #require(lines.firstIndex(of: "paths:"))
        let paths = lines[(start + 1)...].prefix { $0.hasPrefix(" ") || $0.isEmpty }
            .filter { $0.hasPrefix("  /") && $0.hasSuffix(":") }
            .map { String($0.dropFirst(2).dropLast()) }
        #expect(paths.sorted() == PlaidAPI.endpoints.map(\.path).sorted())
    }
}
