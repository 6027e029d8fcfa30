/// The body of `/sandbox/item/set_verification_status`. Moves an account of a sandbox Item
/// linked through automated micro-deposits to a verification state.
public struct SandboxItemSetVerificationStatusRequest: PlaidRequest {
    /// Access token of the Item.
    public var accessToken: AccessToken
    /// The account whose verification changes.
    public var accountID: String
    /// `automatically_verified` or `verification_expired`.
    public var verificationStatus: VerificationStatus

    public init(accessToken: AccessToken, accountID: String, verificationStatus: VerificationStatus) {
        self.accessToken = accessToken
        self.accountID = accountID
        self.verificationStatus = verificationStatus
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case accountID = "account_id"
        case verificationStatus = "verification_status"
    }

    /// The states the sandbox can move an account to.
    public static let settableStatuses: [VerificationStatus] = [.automaticallyVerified, .verificationExpired]

    public typealias Response = SandboxItemSetVerificationStatusResponse

    public static let endpoint = PlaidEndpoint(
        path: "/sandbox/item/set_verification_status",
        effect: .write,
        caller: .developer,
        summary: "Moves a micro-deposit account of a sandbox Item to automatically_verified or verification_expired.",
        requestFields: [
            .accessToken,
            RequestField(name: "account_id", type: .string, isRequired: true, summary: "The account whose verification changes."),
            RequestField(name: "verification_status", type: .string, isRequired: true,
                         allowedValues: settableStatuses.map(\.rawValue), summary: "The state to move the account to."),
        ]
    )
}

/// The successful response of `/sandbox/item/set_verification_status`.
public struct SandboxItemSetVerificationStatusResponse: PlaidResponse {
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(requestID: String) {
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id"
    }
}
