public import Foundation
import NIOConcurrencyHelpers

/// Lua code a target ships as SwiftPM resources: the `.lua` files of its `Lua` folder
/// (`resources: [.copy("Lua")]`), each read on first use and kept for the life of the process.
///
/// SwiftPM puts a target's resources in a bundle folder beside the executable, and its
/// `Bundle.module` stops the process when that folder is missing. So the folder is looked for
/// first, and a missing folder or file is an error that names the path, which a program can report.
public struct LuaSourceFiles: Sendable {
    /// SwiftPM's name for the bundle folder of a target's resources.
    public static func bundleFolderName(package: String, target: String) -> String {
        #if canImport(Darwin)
        "\(package)_\(target).bundle"
        #else
        "\(package)_\(target).resources"
        #endif
    }

    private let folder: URL
    private let bundle: @Sendable () -> Bundle
    private let loaded = NIOLockedValueBox<[String: String]>([:])

    /// - Parameters:
    ///   - folder: where the bundle must be; ``beside(_:)`` gives SwiftPM's place.
    ///   - bundle: the target's `Bundle.module`, touched only once `folder` is known to exist.
    public init(folder: URL, bundle: @escaping @Sendable () -> Bundle) {
        self.folder = folder
        self.bundle = bundle
    }

    /// The place of a bundle folder beside the running executable, where the build leaves it and
    /// where `Bundle.module` looks first.
    public static func beside(_ folderName: String) -> URL {
        Bundle.main.bundleURL.appendingPathComponent(folderName)
    }

    /// The text of `Lua/<name>.lua`.
    public func source(_ name: String) throws -> String {
        if let text = loaded.withLockedValue({ $0[name] }) { return text }
        let text = try read(name)
        loaded.withLockedValue { $0[name] = text }
        return text
    }

    private func read(_ name: String) throws -> String {
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw MissingLuaSource(message: "the Lua files built with this program are missing: \(folder.path) must sit beside the "
                + "executable, as the build leaves it")
        }
        guard let url = bundle().url(forResource: name, withExtension: "lua", subdirectory: "Lua"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw MissingLuaSource(message: "the Lua file Lua/\(name).lua is missing from \(folder.path)")
        }
        return text
    }
}

/// A Lua file a target ships could not be read: its resource bundle or the file is not where the
/// build put it.
public struct MissingLuaSource: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension LuaSourceFiles {
    /// This target's Lua: the safe library profile and the routing of waits through coroutines.
    static let luaBridge = LuaSourceFiles(folder: beside(bundleFolderName(package: "PlaidLua", target: "LuaBridge"))) { Bundle.module }
}
