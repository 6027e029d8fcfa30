import Foundation
import PlaidModels

/// The API keys a sandbox accepts: one developer client, and one partner client per processor.
/// They are generated once per data directory and kept in its database.
public struct SandboxCredentials: Sendable, Codable, Hashable {
    public struct Client: Sendable, Codable, Hashable {
        public let clientID: String
        public let secret: String

        public init(clientID: String, secret: String) {
            self.clientID = clientID
            self.secret = secret
        }

        enum CodingKeys: String, CodingKey {
            case clientID = "client_id"
            case secret
        }
    }

    /// The client that links Items and creates processor tokens.
    public let developer: Client
    /// Partner clients keyed by processor name, such as `dwolla`.
    public let processors: [String: Client]

    public init(developer: Client, processors: [String: Client]) {
        self.developer = developer
        self.processors = processors
    }
}

/// Who is calling: the developer or a partner, as identified by its API keys.
struct Caller: Sendable, Hashable {
    let clientID: String
    /// `developer`, or the processor a partner client stands for.
    let role: String

    static let developerRole = "developer"

    var processor: String? { role == Self.developerRole ? nil : role }
}

/// Checks API keys against the stored clients.
struct ClientAuthenticator: Sendable {
    private let clients: [String: (secret: String, role: String)]

    init(credentials: SandboxCredentials) {
        var clients = [credentials.developer.clientID: (credentials.developer.secret, Caller.developerRole)]
        for (processor, client) in credentials.processors {
            clients[client.clientID] = (client.secret, processor)
        }
        self.clients = clients
    }

    /// The caller the keys belong to, or nil. The secret is compared in constant time, so the
    /// time taken does not reveal how much of a guess was right.
    func authenticate(clientID: String, secret: String) -> Caller? {
        let known = clients[clientID]
        let expected = known?.secret ?? String(repeating: "\0", count: 30)
        let matches = Self.constantTimeEquals(Array(expected.utf8), Array(secret.utf8))
        guard let known, matches else { return nil }
        return Caller(clientID: clientID, role: known.role)
    }

    static func constantTimeEquals(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: left.count ^ right.count)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= a ^ b
        }
        return difference == 0 && left.count == right.count
    }
}
