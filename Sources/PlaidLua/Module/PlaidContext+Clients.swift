import LuaBridge
import PlaidClient
import PlaidModels
import PlaidProfiles

extension PlaidContext {
    /// Resolves `plaid.client{...}` options into a client, deciding where calls go and with
    /// which keys, and refusing before any connection when the keys may not go there.
    ///
    /// Where: `base_url` or `env` in the options, else the run's profile, else `PLAID_ENV`,
    /// else the embedded sandbox. Keys, field by field: the options (meant for where the
    /// options point), else the profile (its own environment only), else the embedded sandbox's
    /// (for the embedded sandbox), else `PLAID_[<PROCESSOR>_]CLIENT_ID`/`…SECRET` (for
    /// `PLAID_ENV`'s URL only; with `PLAID_ENV` unset, for Plaid's hosts only).
    func makeClient(_ options: ClientOptions) async throws -> LuaPlaidClient {
        if access.safe, let forbidden = options.destinationFieldsSet.first {
            throw RequestValidationError(method: "plaid.client", field: forbidden, problem:
                "option '\(forbidden)' is not available under --safe: a safe script uses the environment and credentials it was started with")
        }
        let profile = try options.profile.map { name in
            guard let config = access.config else { throw RequestValidationError(method: "plaid.client", field: "profile", problem: "no config file to take profile '\(name)' from") }
            do {
                return try config.profile(named: name)
            } catch {
                throw RequestValidationError(method: "plaid.client", field: "profile", problem: "\(error)")
            }
        } ?? access.profile
        let environmentVariable = environment["PLAID_ENV"].flatMap { $0.isEmpty ? nil : $0 }
        let requested = options.baseURL ?? options.env ?? profile?.env ?? environmentVariable ?? "embedded"
        let target = try await resolve(requested, field: options.baseURL != nil ? "base_url" : "env")

        let partner = options.processor
        // A profile's keys serve only the profile's own environment; options that point elsewhere bring their own.
        let profileKeys = profile.flatMap { profile in
            profile.env.lowercased() == requested.lowercased() ? (partner.map { profile.processors[$0] } ?? profile.keys) : nil
        }
        var clientID = options.clientID
        var secret = options.secret.map { OwnedSecret(value: $0, origin: target.environment.baseURL) }
        // The profile's keys are used only when it names the target itself, so they belong to it.
        if let profile, let keys = profileKeys {
            clientID = clientID ?? keys.clientID
            if secret == nil, let source = keys.secret {
                do {
                    secret = .init(value: try profileSecret(source, profile: profile.name, partner: partner),
                                   origin: target.environment.baseURL)
                } catch {
                    throw RequestValidationError(method: "plaid.client", field: "profile", problem: "\(error)")
                }
            }
        }
        if case .embedded = target.environment, let sandbox = target.sandbox {
            let keys = try partner.map { name in
                guard let partnerKeys = sandbox.processors[name] else {
                    throw RequestValidationError(method: "plaid.client", field: "processor",
                                                 problem: "the embedded sandbox has no partner client for '\(name)'")
                }
                return partnerKeys
            } ?? sandbox.developer
            clientID = clientID ?? keys.clientID
            secret = secret ?? .init(value: keys.secret, origin: sandbox.baseURL)
        }
        let prefix = partner.map { "PLAID_\($0.uppercased())_" } ?? "PLAID_"
        clientID = clientID ?? environment[prefix + "CLIENT_ID"].flatMap { $0.isEmpty ? nil : $0 }
        if secret == nil, let value = environment[prefix + "SECRET"], !value.isEmpty {
            let origin: String
            if let environmentVariable {
                origin = try await resolve(environmentVariable, field: "env").environment.baseURL
            } else if Origin(url: target.environment.baseURL)?.isPlaidHost == true {
                // With PLAID_ENV unset, keys from the environment belong to Plaid's own hosts only.
                origin = target.environment.baseURL
            } else {
                origin = "Plaid's hosts (PLAID_ENV is unset)"
            }
            secret = .init(value: value, origin: origin)
        }
        guard let clientID, let secret else {
            let missing = clientID == nil ? "client_id" : "secret"
            let variable = prefix + (clientID == nil ? "CLIENT_ID" : "SECRET")
            throw RequestValidationError(method: "plaid.client", field: missing, problem:
                "no \(missing) for \(target.environment): pass it in the options, use a profile, or set \(variable)")
        }
        remember(secret: secret.value)

        var configuration = PlaidClient.Configuration(
            environment: target.environment, clientID: clientID, secret: Secret(secret.value),
            plaidVersion: options.version ?? profile?.version ?? environment["PLAID_VERSION"].flatMap { $0.isEmpty ? nil : $0 }
                ?? PlaidClient.Configuration.defaultPlaidVersion)
        guard PlaidVersion(rawValue: configuration.plaidVersion) != nil else {
            throw RequestValidationError(method: "plaid.client", field: "version", problem:
                "Plaid-Version '\(configuration.plaidVersion)' is not one PlaidLua knows; use one of "
                    + PlaidVersion.allCases.reversed().map(\.rawValue).joined(separator: ", "))
        }
        configuration.credentialsOrigin = secret.origin
        do {
            configuration.allowedHosts = try AllowedHosts([environment["PLAIDLUA_ALLOWED_HOSTS"] ?? ""], source: "PLAIDLUA_ALLOWED_HOSTS")
                .merging(AllowedHosts(profile?.allowedHosts ?? [], source: "profile '\(profile?.name ?? "")' allowed_hosts"))
                .merging(AllowedHosts(options.allowedHosts, source: "allowed_hosts"))
        } catch let error as PlaidClientError {
            throw RequestValidationError(method: "plaid.client", field: "allowed_hosts", problem: "\(error)")
        }
        if let refusal = configuration.destinationRefusal() { throw refusal }
        if let timeout = options.timeout {
            configuration.timeout = .init(connect: .milliseconds(Int(min(timeout, 10) * 1000)), total: .milliseconds(Int(timeout * 1000)))
        }
        if let retries = options.retries ?? defaultRetries { configuration.retry.limitRetries(to: retries) }
        if let budget = options.retryBudget ?? access.retryBudget { configuration.retry.rateLimitBudget = Duration.milliseconds(Int(budget * 1000)) }
        if let concurrency = options.concurrency { configuration.maxConcurrentRequests = concurrency }
        let settings: [String] = ["\(configuration.timeout)", "\(configuration.retry)", "\(configuration.maxConcurrentRequests)",
                                  "\(configuration.allowedHosts)", profile?.name ?? ""]
        let identity = ([target.environment.baseURL, clientID, secret.value, secret.origin, configuration.plaidVersion] + settings)
            .joined(separator: "\u{0}")
        let client = client(for: configuration, identity: identity, profile: profile?.name, environmentName: target.name)
        return LuaPlaidClient(client: client, environmentName: target.name, processor: partner, keepsNull: options.keepsNull,
                              restrictsRawPaths: access.safe)
    }

    /// A secret and the URL it belongs to.
    private struct OwnedSecret {
        let value: String
        let origin: String
    }

    private struct Target {
        let environment: PlaidEnvironment
        /// The name clients and the audit log show: `embedded`, `sandbox`, `production` or the URL.
        let name: String
        let sandbox: EmbeddedSandbox?
    }

    /// One environment name or base URL, as options, profiles and `PLAID_ENV` give it; the
    /// embedded sandbox starts when first named.
    private func resolve(_ requested: String, field: String) async throws -> Target {
        guard let name = PlaidEnvironment.Name(requested) else {
            throw RequestValidationError(method: "plaid.client", field: field,
                                         problem: "env '\(requested)' is not \(PlaidEnvironment.Name.choices)")
        }
        switch name {
        case .embedded:
            let sandbox = try await embeddedSandbox()
            return Target(environment: .embedded(baseURL: sandbox.baseURL), name: name.description, sandbox: sandbox)
        case .server(let environment):
            return Target(environment: environment, name: name.description, sandbox: nil)
        }
    }
}
