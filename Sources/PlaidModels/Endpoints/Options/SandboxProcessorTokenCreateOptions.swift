/// Options of `/sandbox/processor_token/create`.
public struct SandboxProcessorTokenCreateOptions: Codable, Hashable, Sendable {
    /// Test username to log in with (default `user_good`).
    public var overrideUsername: Nullable<String>?
    /// Test password to log in with (default `pass_good`).
    public var overridePassword: Nullable<String>?

    public init(
        overrideUsername: Nullable<String>? = nil,
        overridePassword: Nullable<String>? = nil
    ) {
        self.overrideUsername = overrideUsername
        self.overridePassword = overridePassword
    }

    enum CodingKeys: String, CodingKey {
        case overrideUsername = "override_username"
        case overridePassword = "override_password"
    }
}
