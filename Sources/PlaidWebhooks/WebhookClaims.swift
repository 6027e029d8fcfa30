import Crypto
import Foundation
import JWTKit

/// The claims of a `Plaid-Verification` JWT: when it was issued, and the hex SHA-256 of the body
/// it vouches for. Age and body are checked by ``WebhookVerifier``, which knows the clock and the
/// bytes; jwt-kit checks only the signature.
struct WebhookClaims: JWTPayload {
    var issuedAt: IssuedAtClaim
    var bodySHA256: String

    enum CodingKeys: String, CodingKey {
        case issuedAt = "iat"
        case bodySHA256 = "request_body_sha256"
    }

    func verify(using _: some JWTAlgorithm) async throws {}

    /// Lowercase hex, as Plaid writes it.
    static func sha256(_ bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
        }.joined()
    }
}
