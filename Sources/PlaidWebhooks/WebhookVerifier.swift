public import Foundation
import JWTKit
public import PlaidModels

/// Why a webhook was not accepted: the rule it broke, for a receiver to answer on and a person
/// to read. Only ``Rule/keyUnavailable`` is the receiver's problem rather than the sender's.
public struct WebhookVerificationFailure: Error, CustomStringConvertible, Equatable {
    public enum Rule: String, Sendable, CaseIterable {
        case missingHeader = "missing_header"
        case malformedHeader = "malformed_header"
        case algorithm
        case unknownKey = "unknown_key"
        case expiredKey = "expired_key"
        case signature
        case issuedAt = "issued_at"
        case bodyHash = "body_hash"
        case keyUnavailable = "key_unavailable"
    }

    public let rule: Rule
    public let message: String
    public var description: String { message }

    init(_ rule: Rule, _ message: String) {
        self.rule = rule
        self.message = message
    }
}

/// A webhook that passed every rule, with what its `Plaid-Verification` header vouched for.
public struct VerifiedWebhook: Sendable {
    public let keyID: String
    public let issuedAt: Date
    public let bodySHA256: String
    /// The JWT itself, which a receiver remembers to acknowledge a replay without acting twice.
    public let token: String
}

/// Checks webhooks by Plaid's scheme: an ES256 JWT in `Plaid-Verification` whose `kid` names a
/// key fetched with `/webhook_verification_key/get`, issued at most `maxAge` ago, whose
/// `request_body_sha256` is the hash of the exact bytes received.
public struct WebhookVerifier: Sendable {
    public let keys: WebhookKeyCache
    public let maxAge: TimeInterval

    /// Plaid's advice: refuse a JWT issued more than five minutes ago.
    public static let defaultMaxAge: TimeInterval = 300

    public init(keys: WebhookKeyCache, maxAge: TimeInterval = defaultMaxAge) {
        self.keys = keys
        self.maxAge = maxAge
    }

    /// How far ahead of the receiver's clock a sender's may run.
    static let allowedClockSkew: TimeInterval = 60

    public func verify(body: [UInt8], header: String?, now: Date = Date()) async throws(WebhookVerificationFailure) -> VerifiedWebhook {
        guard let token = header?.trimmingCharacters(in: .whitespaces), !token.isEmpty else {
            throw WebhookVerificationFailure(.missingHeader, "the request has no Plaid-Verification header")
        }
        let parsed: (header: JWTHeader, payload: WebhookClaims, signature: Data)
        do {
            parsed = try DefaultJWTParser().parse(Array(token.utf8), as: WebhookClaims.self)
        } catch {
            throw WebhookVerificationFailure(.malformedHeader, "the Plaid-Verification header is not a JWT with iat and request_body_sha256")
        }
        guard parsed.header.alg == "ES256" else {
            throw WebhookVerificationFailure(.algorithm, "the JWT's alg is \(parsed.header.alg.map { "\"\($0)\"" } ?? "missing"), not ES256")
        }
        guard let kid = parsed.header.kid, !kid.isEmpty else {
            throw WebhookVerificationFailure(.malformedHeader, "the JWT's header names no key (kid)")
        }
        let key: JWKPublicKey
        do {
            guard let found = try await keys.key(kid) else {
                throw WebhookVerificationFailure(.unknownKey, "no webhook verification key has the id \(kid)")
            }
            key = found
        } catch let failure as WebhookVerificationFailure {
            throw failure
        } catch {
            throw WebhookVerificationFailure(.keyUnavailable, "cannot fetch the webhook verification key \(kid): \(error)")
        }
        guard key.alg == "ES256", key.kty == "EC", key.crv == "P-256" else {
            throw WebhookVerificationFailure(.algorithm, "the key \(kid) is \(key.alg) on \(key.crv), not ES256 on P-256")
        }
        if let expired = key.expiredAt {
            throw WebhookVerificationFailure(.expiredKey, "the key \(kid) expired at \(expired) (Unix time) and verifies nothing new")
        }
        do {
            let collection = JWTKeyCollection()
            await collection.add(ecdsa: try ES256PublicKey(parameters: (x: key.x, y: key.y)), kid: JWKIdentifier(string: kid))
            _ = try await collection.verify(token, as: WebhookClaims.self)
        } catch {
            throw WebhookVerificationFailure(.signature, "the JWT's signature does not verify with the key \(kid)")
        }
        let issued = parsed.payload.issuedAt.value
        let age = now.timeIntervalSince(issued)
        guard age <= maxAge else {
            throw WebhookVerificationFailure(.issuedAt, "the JWT was issued \(Int(age)) s ago, more than the \(Int(maxAge)) s allowed")
        }
        guard age >= -Self.allowedClockSkew else {
            throw WebhookVerificationFailure(.issuedAt, "the JWT was issued \(Int(-age)) s in the future")
        }
        guard Self.constantTimeEqual(WebhookClaims.sha256(body), parsed.payload.bodySHA256.lowercased()) else {
            throw WebhookVerificationFailure(.bodyHash, "the body's SHA-256 is not the request_body_sha256 the JWT signs")
        }
        return VerifiedWebhook(keyID: kid, issuedAt: issued, bodySHA256: parsed.payload.bodySHA256, token: token)
    }

    /// Compares every byte whatever the first difference, so timing tells nothing of the hash.
    static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let left = Array(left.utf8), right = Array(right.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}

/// Webhook verification keys by `kid`, each fetched once and trusted for at most ``lifetime``
/// (so a key expired by a rotation stops verifying within that time); an unknown `kid` is
/// always fetched.
public actor WebhookKeyCache {
    /// Fetches a key; nil when the sender has no key with that id, throws when it cannot be asked.
    public typealias Fetch = @Sendable (_ kid: String) async throws -> JWKPublicKey?

    public static let lifetime: TimeInterval = 300

    private let fetch: Fetch
    private let clock: @Sendable () -> Date
    private var cached: [String: (key: JWKPublicKey, fetchedAt: Date)] = [:]
    /// Fetches under way, so webhooks arriving together with a new `kid` ask for it once.
    private var fetching: [String: Task<JWKPublicKey?, any Error>] = [:]

    public init(clock: @escaping @Sendable () -> Date = { Date() }, fetch: @escaping Fetch) {
        self.fetch = fetch
        self.clock = clock
    }

    public func key(_ kid: String) async throws -> JWKPublicKey? {
        let now = clock()
        if let entry = cached[kid], now.timeIntervalSince(entry.fetchedAt) < Self.lifetime { return entry.key }
        if let running = fetching[kid] { return try await running.value }
        let running = Task { [fetch] in try await fetch(kid) }
        fetching[kid] = running
        defer { fetching[kid] = nil }
        guard let key = try await running.value else {
            cached[kid] = nil
            return nil
        }
        cached[kid] = (key, now)
        return key
    }
}
