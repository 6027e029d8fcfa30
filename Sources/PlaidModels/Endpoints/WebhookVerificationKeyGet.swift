/// The body of `/webhook_verification_key/get`: which of Plaid's webhook signing keys to fetch.
public struct WebhookVerificationKeyGetRequest: PlaidRequest {
    /// The `kid` from the header of a webhook's `Plaid-Verification` JWT.
    public var keyID: String

    public init(keyID: String) {
        self.keyID = keyID
    }

    enum CodingKeys: String, CodingKey {
        case keyID = "key_id"
    }

    public typealias Response = WebhookVerificationKeyGetResponse

    public static let endpoint = PlaidEndpoint(
        path: "/webhook_verification_key/get",
        effect: .read,
        caller: .either,
        summary: "Fetches the public key (a JWK) that signed webhooks carrying its key id.",
        requestFields: [
            RequestField(name: "key_id", type: .string, isRequired: true,
                         summary: "The kid from the header of a webhook's Plaid-Verification JWT."),
        ]
    )
}

/// The successful response of `/webhook_verification_key/get`.
public struct WebhookVerificationKeyGetResponse: PlaidResponse {
    public var key: JWKPublicKey
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(key: JWKPublicKey, requestID: String) {
        self.key = key
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case key
        case requestID = "request_id"
    }
}

/// A public key that verifies webhook signatures, as a JSON Web Key: an ES256 key on P-256 with
/// its coordinates in base64url. A key with `expired_at` set no longer signs, and verifies nothing new.
public struct JWKPublicKey: Codable, Hashable, Sendable {
    public var alg: String
    public var crv: String
    public var kid: String
    public var kty: String
    public var use: String
    public var x: String
    public var y: String
    /// Unix time the key was made.
    public var createdAt: Int
    /// Unix time the key was retired, or nil while it signs.
    public var expiredAt: Int?

    public init(alg: String, crv: String, kid: String, kty: String, use: String, x: String, y: String, createdAt: Int, expiredAt: Int?) {
        self.alg = alg
        self.crv = crv
        self.kid = kid
        self.kty = kty
        self.use = use
        self.x = x
        self.y = y
        self.createdAt = createdAt
        self.expiredAt = expiredAt
    }

    enum CodingKeys: String, CodingKey {
        case alg, crv, kid, kty, use, x, y
        case createdAt = "created_at"
        case expiredAt = "expired_at"
    }

    /// `expired_at` is always written, as null while the key signs: Plaid's schema requires it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(alg, forKey: .alg)
        try container.encode(crv, forKey: .crv)
        try container.encode(kid, forKey: .kid)
        try container.encode(kty, forKey: .kty)
        try container.encode(use, forKey: .use)
        try container.encode(x, forKey: .x)
        try container.encode(y, forKey: .y)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(expiredAt, forKey: .expiredAt)
    }
}
