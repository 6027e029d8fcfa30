public import PlaidProfiles

/// What a run may reach, fixed when it starts: whether it is `--safe`, the profile it was
/// started with, and the user's profiles (for `plaid.client{ profile = … }`).
public struct RunAccess: Sendable {
    /// `--safe`: clients take no destination or credential options, raw calls only API paths.
    public var safe = false
    /// The profile of `--profile` or `PLAIDLUA_PROFILE`.
    public var profile: Profile?
    /// Every profile of the config file, or `nil` when there is none to read.
    public var config: ProfileConfig?
    /// Seconds rate-limited calls keep being retried when a client's options do not say
    /// (`plaidlua batch --retry-budget`).
    public var retryBudget: Double?

    public init(safe: Bool = false, profile: Profile? = nil, config: ProfileConfig? = nil, retryBudget: Double? = nil) {
        self.safe = safe
        self.profile = profile
        self.config = config
        self.retryBudget = retryBudget
    }

    /// Reads the config file and picks the profile named by `profileName`, else
    /// `PLAIDLUA_PROFILE`.
    /// - Throws: ``ProfileError`` naming the file, the profile or the key at fault.
    public static func resolve(safe: Bool, profileName: String?, environment: [String: String],
                               retryBudget: Double? = nil) throws -> RunAccess {
        let config = try ProfileConfig.load(environment: environment)
        let name = profileName ?? environment["PLAIDLUA_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        let profile = try name.map { name throws(ProfileError) in try config.profile(named: name) }
        return RunAccess(safe: safe, profile: profile, config: config, retryBudget: retryBudget)
    }

    /// Environment variables a `--safe` script's `os.getenv` must not read: the ones profiles
    /// take secrets from.
    public var hiddenVariables: [String] {
        (config?.profiles.values.flatMap(\.secretVariables) ?? []) + (profile?.secretVariables ?? [])
    }

    /// The secrets of every profile that can be read without running anything (files the user
    /// owns privately, variables that are set), so output can mask them all; secret commands
    /// are run only when their profile is used.
    func knownProfileSecrets(environment: [String: String]) -> [String] {
        let profiles = (config.map { Array($0.profiles.values) } ?? []) + (profile.map { [$0] } ?? [])
        return profiles.flatMap { profile in
            ([profile.keys] + Array(profile.processors.values)).compactMap { keys -> String? in
                switch keys.secret {
                case .file, .environment: try? keys.secret?.read(environment: environment, profile: profile.name)
                case .command, nil: nil
                }
            }
        }
    }
}
