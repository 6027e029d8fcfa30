import LuaBridge
import PlaidClient
import PlaidModels

/// The table given to `plaid.client{...}`, checked field by field.
struct ClientOptions {
    var env: String?
    var baseURL: String?
    var clientID: String?
    var secret: String?
    var version: String?
    var timeout: Double?
    var retries: Int?
    var processor: String?
    var concurrency: Int?
    var keepsNull = false

    static let fieldNames = ["env", "base_url", "client_id", "secret", "version", "timeout", "retries", "processor", "concurrency", "keep_null"]

    init(_ value: LuaValue) throws {
        let entries: [LuaKey: LuaValue]
        switch value {
        case .nil: entries = [:]
        case .table(let table): entries = table
        case .array(let elements) where elements.isEmpty: entries = [:]
        default: throw Self.failure("", "plaid.client expects a table of options, got \(RequestValidator.describe(value))")
        }
        for (key, option) in entries {
            guard case .string(let bytes) = key, let name = bytes.string, Self.fieldNames.contains(name) else {
                var problem = "unknown option '\(key)'"
                if let suggestion = RequestValidator.closest(to: key.description, among: Self.fieldNames) { problem += " (did you mean '\(suggestion)'?)" }
                throw Self.failure(key.description, problem + "; options: " + Self.fieldNames.joined(separator: ", "))
            }
            switch name {
            case "env": env = try Self.text(option, name)
            case "base_url": baseURL = try Self.text(option, name)
            case "client_id": clientID = try Self.text(option, name)
            case "secret": secret = try Self.text(option, name)
            case "version": version = try Self.text(option, name)
            case "processor": processor = try Self.text(option, name)
            case "timeout": timeout = try Self.positive(option, name)
            case "retries":
                guard case .integer(let count) = option, count >= 0, count < 100 else {
                    throw Self.failure(name, "option 'retries' must be an integer from 0 to 99")
                }
                retries = Int(count)
            case "concurrency":
                guard case .integer(let count) = option, count >= 1, count <= 4096 else {
                    throw Self.failure(name, "option 'concurrency' must be an integer from 1 to 4096")
                }
                concurrency = Int(count)
            default:
                guard case .boolean(let flag) = option else { throw Self.failure(name, "option 'keep_null' must be a boolean") }
                keepsNull = flag
            }
        }
        if let processor, !Processor.knownRawValues.contains(processor) {
            var problem = "processor '\(processor)' is not one Plaid knows"
            if let suggestion = RequestValidator.closest(to: processor, among: Processor.knownRawValues) { problem += " (did you mean '\(suggestion)'?)" }
            throw Self.failure("processor", problem + "; see plaid.processors for the list")
        }
    }

    private static func failure(_ field: String, _ problem: String) -> RequestValidationError {
        RequestValidationError(method: "plaid.client", field: field, problem: problem)
    }

    private static func text(_ value: LuaValue, _ name: String) throws -> String {
        guard case .string(let bytes) = value, let text = bytes.string, !text.isEmpty else {
            throw failure(name, "option '\(name)' must be a non-empty string, got \(RequestValidator.describe(value))")
        }
        return text
    }

    private static func positive(_ value: LuaValue, _ name: String) throws -> Double {
        let number: Double
        switch value {
        case .integer(let integer): number = Double(integer)
        case .number(let float): number = float
        default: throw failure(name, "option '\(name)' must be a number of seconds")
        }
        guard number > 0, number.isFinite else { throw failure(name, "option '\(name)' must be more than 0 seconds") }
        return number
    }
}

extension PlaidContext {
    /// Resolves options against the environment: the environment named by `env` or
    /// `base_url`, else `PLAID_ENV`, else the embedded sandbox. In the embedded sandbox a
    /// processor's client uses that partner's sandbox credentials; elsewhere its own keys come
    /// from the options or from `PLAID_<PROCESSOR>_CLIENT_ID` / `PLAID_<PROCESSOR>_SECRET`.
    func makeClient(_ options: ClientOptions) async throws -> LuaPlaidClient {
        let requested = options.baseURL ?? options.env ?? environment["PLAID_ENV"].flatMap { $0.isEmpty ? nil : $0 } ?? "embedded"
        let plaidEnvironment: PlaidEnvironment
        var clientID = options.clientID
        var secret = options.secret
        switch requested.lowercased() {
        case "embedded":
            let sandbox = try await embeddedSandbox()
            plaidEnvironment = .embedded(baseURL: sandbox.baseURL)
            let credentials = try options.processor.map { name in
                guard let partner = sandbox.processors[name] else {
                    throw RequestValidationError(method: "plaid.client", field: "processor",
                                                 problem: "the embedded sandbox has no partner client for '\(name)'")
                }
                return partner
            } ?? sandbox.developer
            clientID = clientID ?? credentials.clientID
            secret = secret ?? credentials.secret
        case "sandbox": plaidEnvironment = .sandbox
        case "production": plaidEnvironment = .production
        case let url where url.hasPrefix("http://") || url.hasPrefix("https://"): plaidEnvironment = .custom(baseURL: requested)
        default:
            throw RequestValidationError(method: "plaid.client", field: "env",
                                         problem: "env '\(requested)' is not embedded, sandbox, production or a base URL")
        }
        let prefix = options.processor.map { "PLAID_\($0.uppercased())_" } ?? "PLAID_"
        clientID = clientID ?? environment[prefix + "CLIENT_ID"]
        secret = secret ?? environment[prefix + "SECRET"]
        guard let clientID, let secret else {
            let missing = clientID == nil ? "client_id" : "secret"
            let variable = prefix + (clientID == nil ? "CLIENT_ID" : "SECRET")
            throw RequestValidationError(method: "plaid.client", field: missing,
                                         problem: "no \(missing) for \(plaidEnvironment): pass it in the options or set \(variable)")
        }
        remember(secret: secret)
        var configuration = PlaidClient.Configuration(
            environment: plaidEnvironment, clientID: clientID, secret: Secret(secret),
            plaidVersion: options.version ?? environment["PLAID_VERSION"].flatMap { $0.isEmpty ? nil : $0 } ?? PlaidClient.Configuration.defaultPlaidVersion)
        if let timeout = options.timeout {
            configuration.timeout = .init(connect: .milliseconds(Int(min(timeout, 10) * 1000)), total: .milliseconds(Int(timeout * 1000)))
        }
        if let retries = options.retries ?? defaultRetries { configuration.retry.maxAttempts = retries + 1 }
        if let concurrency = options.concurrency { configuration.maxConcurrentRequests = concurrency }
        let identity = [plaidEnvironment.baseURL, clientID, secret, configuration.plaidVersion, "\(configuration.timeout)",
                        "\(configuration.retry.maxAttempts)", "\(configuration.maxConcurrentRequests)"].joined(separator: "\u{0}")
        let client = client(for: configuration, identity: identity)
        let name: String
        switch plaidEnvironment {
        case .embedded: name = "embedded"
        case .sandbox: name = "sandbox"
        case .production: name = "production"
        case .custom(let url): name = url
        }
        return LuaPlaidClient(client: client, environmentName: name, processor: options.processor, keepsNull: options.keepsNull)
    }
}
