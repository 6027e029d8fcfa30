public import Foundation
import JWTKit
public import PlaidModels

/// A key the sandbox signs webhooks with: an ES256 (P-256) private key, named by its `kid`.
/// Only its public half (``publicKey``) ever leaves the sandbox's database.
public struct WebhookSigningKey: Sendable {
    public let kid: String
    /// The private key in PEM, as the sandbox stores it.
    public let privateKeyPEM: String
    public let createdAt: Date
    /// When the key was retired by a rotation; nil while it signs.
    public let expiredAt: Date?

    public init(kid: String, privateKeyPEM: String, createdAt: Date, expiredAt: Date?) {
        self.kid = kid
        self.privateKeyPEM = privateKeyPEM
        self.createdAt = createdAt
        self.expiredAt = expiredAt
    }

    /// A new key with a random id.
    public static func generate(now: Date) -> WebhookSigningKey {
        WebhookSigningKey(kid: UUID().uuidString.lowercased(), privateKeyPEM: ES256PrivateKey().pemRepresentation,
                          createdAt: now, expiredAt: nil)
    }

    /// The public half as `/webhook_verification_key/get` serves it.
    public func publicKey() throws -> JWKPublicKey {
        let key = try ES256PrivateKey(pem: privateKeyPEM)
        guard let point = key.publicKey.parameters else { throw WebhookKeyError(message: "the key \(kid) has no public point") }
        return JWKPublicKey(alg: "ES256", crv: "P-256", kid: kid, kty: "EC", use: "sig", x: point.x, y: point.y,
                            createdAt: Int(createdAt.timeIntervalSince1970), expiredAt: expiredAt.map { Int($0.timeIntervalSince1970) })
    }

    /// The `Plaid-Verification` header for `body`: a JWT naming this key, issued at `now`, whose
    /// claims hold the SHA-256 of the exact bytes sent.
    public func sign(body: some DataProtocol, now: Date) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(ecdsa: try ES256PrivateKey(pem: privateKeyPEM), kid: JWKIdentifier(string: kid))
        var header = JWTHeader()
        header.alg = "ES256"
        header.typ = "JWT"
        return try await keys.sign(WebhookClaims(issuedAt: IssuedAtClaim(value: now), bodySHA256: WebhookClaims.sha256(body)),
                                   kid: JWKIdentifier(string: kid), header: header)
    }
}

/// A stored key that cannot be read.
public struct WebhookKeyError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
