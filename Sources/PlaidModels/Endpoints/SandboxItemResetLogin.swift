/// The body of `/sandbox/item/reset_login`. Puts a sandbox Item into `ITEM_LOGIN_REQUIRED`, as
/// when a user's bank password changes.
public struct SandboxItemResetLoginRequest: PlaidRequest {
    /// Access token of the Item.
    public var accessToken: AccessToken

    public init(accessToken: AccessToken) {
        self.accessToken = accessToken
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
    }

    public typealias Response = SandboxItemResetLoginResponse

    public static let endpoint = PlaidEndpoint(
        path: "/sandbox/item/reset_login",
        effect: .write,
        caller: .developer,
        summary: "Puts a sandbox Item into ITEM_LOGIN_REQUIRED, for every token made from it.",
        requestFields: [.accessToken]
    )
}

/// The successful response of `/sandbox/item/reset_login`.
public struct SandboxItemResetLoginResponse: PlaidResponse {
    public var resetLogin: Bool
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(resetLogin: Bool, requestID: String) {
        self.resetLogin = resetLogin
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case resetLogin = "reset_login"
        case requestID = "request_id"
    }
}
