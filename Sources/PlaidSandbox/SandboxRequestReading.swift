package import Foundation
package import PlaidModels

/// The sandbox's reading of a request body, without a server or a store: the body checks of
/// ``SandboxResponder`` and the field checks and decoding of the endpoint's route. The fuzzer
/// drives it: a body the sandbox refuses must be refused with a ``SandboxError``.
package enum SandboxRequestReading {
    package static var paths: [String] { SandboxRoutes.all.keys.sorted() }

    /// The request `bytes` decode to as the body of a call to `path`.
    package static func read(_ bytes: Data, path: String) throws -> any PlaidRequest {
        guard let route = SandboxRoutes.all[path] else { throw SandboxError.notFound }
        return try route.decode(try SandboxResponder.jsonObject(in: bytes), bytes)
    }
}
