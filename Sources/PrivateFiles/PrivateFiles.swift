import Foundation

/// A file or folder holding secrets or tokens could not be made private.
public struct PrivateFileError: Error, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Files holding secrets or tokens: written 0600, whatever the umask.
public enum PrivateFile {
    /// Writes `contents` to a new file only its owner can read (0600), replacing an old one.
    public static func write(_ contents: String, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw PrivateFileError("cannot create \(temporary): \(String(cString: strerror(errno)))") }
        let bytes = Array(contents.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        fchmod(descriptor, 0o600)
        close(descriptor)
        guard written == bytes.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw PrivateFileError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Narrows an existing file to 0600 (a database and its journal files, made by a library);
    /// a missing file is left missing.
    public static func restrict(_ path: String) {
        chmod(path, 0o600)
    }

    /// Makes an SQLite database file private before SQLite opens it: created empty and 0600 when
    /// missing, narrowed to 0600 with its `-wal` and `-shm` when an older one was wider. SQLite
    /// gives the companions it creates the database file's mode.
    public static func prepareDatabase(_ path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw PrivateFileError("cannot create \(path): \(String(cString: strerror(errno)))") }
        close(descriptor)
        for file in [path, path + "-wal", path + "-shm"] { restrict(file) }
    }
}

/// Folders holding secrets or tokens: created 0700, and an existing one of ours that is wider is
/// tightened to 0700 with a one-line notice.
public enum PrivateDirectory {
    /// - Parameters:
    ///   - tightenExisting: narrow an existing folder that others may enter; off for folders that
    ///     only hold files private in themselves, such as the config folder.
    ///   - notice: told when an existing folder's mode was narrowed.
    /// - Throws: when the folder cannot be made, or is a shared one (sticky bit, as `/tmp`) or
    ///   another user's, which no tool should narrow.
    public static func create(_ path: String, tightenExisting: Bool = true, notice: (String) -> Void = { _ in }) throws {
        var status = stat()
        if stat(path, &status) == 0 {
            let mode = status.st_mode & 0o7777
            guard tightenExisting, mode & 0o077 != 0 else { return }
            guard mode & mode_t(S_ISVTX) == 0, status.st_uid == getuid() else {
                throw PrivateFileError(String(format: "%@ (mode %04o) is a shared folder or not yours; it would hold secrets "
                    + "and tokens, so choose a folder of your own", path, mode))
            }
            guard chmod(path, 0o700) == 0 else {
                throw PrivateFileError("cannot make \(path) private: \(String(cString: strerror(errno)))")
            }
            notice(String(format: "plaidlua: %@ was mode %03o; it holds secrets or tokens, so it is now 0700", path, mode))
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path, !FileManager.default.fileExists(atPath: parent) {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        }
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
            throw PrivateFileError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
    }
}
