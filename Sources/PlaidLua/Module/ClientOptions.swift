import LuaBridge
import PlaidModels

/// The table given to `plaid.client{...}`, checked field by field.
package struct ClientOptions {
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
    var profile: String?
    var allowedHosts: [String] = []
    var retryBudget: Double?

    package static let fieldNames = ["env", "base_url", "client_id", "secret", "profile", "allowed_hosts", "version", "timeout", "retries",
                             "retry_budget", "processor", "concurrency", "keep_null"]
    /// Options that choose where calls go or with which keys: a `--safe` script has none of them.
    static let destinationFields = ["env", "base_url", "client_id", "secret", "profile", "allowed_hosts"]

    /// The destination options this table sets, in a stable order.
    var destinationFieldsSet: [String] {
        let set: [String: Bool] = ["env": env != nil, "base_url": baseURL != nil, "client_id": clientID != nil,
                                   "secret": secret != nil, "profile": profile != nil, "allowed_hosts": !allowedHosts.isEmpty]
        return Self.destinationFields.filter { set[$0] == true }
    }

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
                if let suggestion = Spelling.closest(to: key.description, among: Self.fieldNames) { problem += " (did you mean '\(suggestion)'?)" }
                throw Self.failure(key.description, problem + "; options: " + Self.fieldNames.joined(separator: ", "))
            }
            switch name {
            case "env": env = try Self.text(option, name)
            case "base_url": baseURL = try Self.text(option, name)
            case "client_id": clientID = try Self.text(option, name)
            case "secret": secret = try Self.text(option, name)
            case "version": version = try Self.text(option, name)
            case "processor": processor = try Self.text(option, name)
            case "profile": profile = try Self.text(option, name)
            case "allowed_hosts":
                switch option {
                case .string: allowedHosts = [try Self.text(option, name)]
                case .array(let entries):
                    allowedHosts = try entries.map { entry in
                        guard case .string(let bytes) = entry, let host = bytes.string, !host.isEmpty else {
                            throw Self.failure(name, "option 'allowed_hosts' must be a list of host names, got \(RequestValidator.describe(entry)) in it")
                        }
                        return host
                    }
                default:
                    throw Self.failure(name, "option 'allowed_hosts' must be a list of host names such as { \"proxy.example.com:8443\" }")
                }
            case "timeout": timeout = try Self.positive(option, name)
            case "retry_budget": retryBudget = try Self.positive(option, name)
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
            if let suggestion = Spelling.closest(to: processor, among: Processor.knownRawValues) { problem += " (did you mean '\(suggestion)'?)" }
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
