import CLibFuzzer
import Foundation

/// `plaidlua-fuzz TARGET [ARGUMENTS...]`
///
/// Built by scripts/fuzz.sh (with libFuzzer linked in), it fuzzes TARGET and ARGUMENTS are
/// libFuzzer's: corpus directories and `-option=value`s. Built plainly, it replays inputs:
/// ARGUMENTS are files or directories of files, each checked once, so the saved corpus and
/// every crash found stay checked by `swift test`.
@main
enum PlaidLuaFuzz {
    /// The target libFuzzer's callback checks; a C callback cannot capture it.
    nonisolated(unsafe) static var selected: FuzzTarget?

    static func main() {
        var arguments = CommandLine.arguments
        guard arguments.count >= 2, let target = FuzzTarget.named(arguments[1]) else {
            let names = FuzzTarget.all.map { "  \($0.name)  \($0.summary)" }.joined(separator: "\n")
            FileHandle.standardError.write(Data("usage: plaidlua-fuzz TARGET [CORPUS or INPUT...] [-libfuzzer_option=value...]\ntargets:\n\(names)\n".utf8))
            exit(2)
        }
        arguments.remove(at: 1)
        selected = target
        if plaidlua_libfuzzer_linked() != 0 {
            exit(runLibFuzzer(arguments))
        }
        exit(replay(Array(arguments.dropFirst()), through: target))
    }

    private static func runLibFuzzer(_ arguments: [String]) -> Int32 {
        var argc = Int32(arguments.count)
        var pointers = arguments.map { strdup($0) } + [nil]
        return pointers.withUnsafeMutableBufferPointer { buffer in
            var argv = buffer.baseAddress
            return plaidlua_libfuzzer_run(&argc, &argv) { data, size in
                let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
                PlaidLuaFuzz.selected?.check(bytes)
                return 0
            }
        }
    }

    private static func replay(_ paths: [String], through target: FuzzTarget) -> Int32 {
        var files: [URL] = []
        for path in paths {
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                FileHandle.standardError.write(Data("plaidlua-fuzz: no such file or directory: \(path)\n".utf8))
                return 2
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.sorted().map { url.appendingPathComponent($0) }
            } else {
                files.append(url)
            }
        }
        for file in files {
            guard let bytes = try? Data(contentsOf: file) else {
                FileHandle.standardError.write(Data("plaidlua-fuzz: cannot read \(file.path)\n".utf8))
                return 2
            }
            target.check(Array(bytes))
        }
        print("\(target.name): \(files.count) inputs checked")
        return 0
    }
}
