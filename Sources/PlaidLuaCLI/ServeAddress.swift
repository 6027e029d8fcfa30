import Foundation
import PrivateFiles

/// Where a running `sandbox serve` listens, recorded in its data directory so that
/// `sandbox credentials --write-profile` can point a profile at it.
struct ServeAddress: Codable {
    static let fileName = "serve.json"

    let baseURL: String
    let pid: Int32

    func record(in directory: String) throws {
        // A sandbox on PostgreSQL keeps nothing else here, so the folder may not exist yet.
        try PrivateDirectory.create(directory)
        let data = try JSONEncoder().encode(self)
        try PrivateFile.write(String(decoding: data, as: UTF8.self) + "\n", to: directory + "/" + Self.fileName)
    }

    /// The recorded address, if the process that recorded it is still alive.
    static func running(in directory: String) -> ServeAddress? {
        guard let data = FileManager.default.contents(atPath: directory + "/" + fileName),
              let address = try? JSONDecoder().decode(ServeAddress.self, from: data),
              kill(address.pid, 0) == 0 || errno == EPERM
        else { return nil }
        return address
    }

    static func remove(from directory: String, ifRecordedBy pid: Int32) {
        guard let data = FileManager.default.contents(atPath: directory + "/" + fileName),
              let address = try? JSONDecoder().decode(ServeAddress.self, from: data), address.pid == pid
        else { return }
        unlink(directory + "/" + fileName)
    }
}
