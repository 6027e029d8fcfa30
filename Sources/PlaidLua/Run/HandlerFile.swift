import Foundation
package import LuaBridge

/// A handler file (`plaidlua batch`, `plaidlua webhooks listen`) as `require` would find it, and
/// its source, which the host reads: a `--safe` state has no `loadfile`.
package struct HandlerFile {
    /// The path `require` would find the file at, searching its folder.
    package let path: String
    package let name: String
    package let folder: String

    package init(path given: String) {
        let url = URL(fileURLWithPath: given)
        let file = url.lastPathComponent
        name = file.hasSuffix(".lua") ? String(file.dropLast(4)) : file
        folder = given.contains("/") ? String(given[..<given.lastIndex(of: "/")!]) : "."
        path = given.contains("/") ? given : "./" + given
    }

    /// `read_handler(path)` for a driver: the file's text, a first line starting with `#` (a
    /// shebang) blanked as `loadfile` does, or nil and why.
    package static func read(_ call: LuaCall) throws -> LuaReturn {
        let path = try call.string(1)
        guard var bytes = FileManager.default.contents(atPath: path).map(Array.init) else {
            return .values([.nil, .string("cannot read the handler \(path)")])
        }
        if bytes.first == UInt8(ascii: "#") { bytes.removeSubrange(0..<(bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex)) }
        return .value(.string(LuaBytes(bytes)))
    }
}
