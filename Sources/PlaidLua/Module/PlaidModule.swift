import Foundation
public import LuaBridge
import PlaidClient
import PlaidModels

/// The `plaid` Lua module: clients, the models' enums and field tables, errors, JSON, logging
/// and time helpers, and concurrency (`spawn`, `map`) on the runtime's scheduler.
public enum PlaidModule {
    /// Makes `require "plaid"` available in `runtime`.
    public static func install(in runtime: LuaRuntime, context: PlaidContext) async throws {
        try await runtime.registerModule("plaid", source: LuaSourceFiles.plaidLua.source("plaid"), functions: functions(context),
                                         values: values)
    }

    /// The version of Plaid's API the models follow, and that clients send by default.
    public static let apiVersion = PlaidClient.Configuration.defaultPlaidVersion

    private static var values: [String: LuaValue] {
        func list(_ names: [String]) -> LuaValue { .array(names.map { .string($0) }) }
        return [
            "null": .null,
            "version": .string(apiVersion),
            "processors": list(Processor.knownRawValues),
            "methods": list(PlaidAPI.endpoints.map(\.methodName)),
            "enums": .table([
                "processor": list(Processor.knownRawValues),
                "account_type": list(AccountType.knownRawValues),
                "account_subtype": list(AccountSubtype.knownRawValues),
                "verification_status": list(VerificationStatus.knownRawValues),
                "error_type": list(PlaidErrorType.knownRawValues),
                "products": list(Product.knownRawValues),
                "country_code": list(CountryCode.knownRawValues),
            ]),
        ]
    }

    private static func functions(_ context: PlaidContext) -> [String: LuaHostFunction] {
        [
            "client": { call in
                let options = try ClientOptions(try call.value(1))
                return .suspend { [.userdata(try await context.makeClient(options))] }
            },
            "is_error": { call in
                let raised = call.swiftError(1)
                guard let error = (raised as? WrongClientHint)?.error ?? raised as? PlaidClientError else { return .value(.boolean(false)) }
                return .value(.boolean(error.kind == .plaidError))
            },
            "json_encode": { call in
                var options = LuaJSON.Options()
                if case .table(let settings) = try call.value(2) {
                    options.sortsKeys = settings["sort_keys"] == .boolean(true)
                    options.pretty = settings["pretty"] == .boolean(true)
                }
                return .value(.string(LuaBytes(try LuaJSON.encode(try call.value(1), options: options))))
            },
            "json_decode": { call in
                guard call.isString(1) else { throw call.argumentError(1, "string expected, got \(call.typeName(1))") }
                return .decodedJSON(argument: 1)
            },
            "webhooks_verify": LuaWebhooks.verify,
            "mask": { call in .value(.string(Redaction.maskToken(try call.string(1)))) },
            "store": { call in
                let name = try call.string(1)
                return .suspend {
                    guard await !context.access.safe else {
                        throw LuaKeyValueStoreError("plaid.store is not available under --safe, which keeps scripts off the disk")
                    }
                    return [.userdata(try LuaKeyValueStore(name: name, environment: context.environment))]
                }
            },
            // The values are joined as `print` would, but readable (a table as a constructor)
            // and redacted, since log lines are for people.
            "log": { call in
                let level = PlaidLog.Level(try call.string(1))
                if level >= PlaidLog.Level(context.environment["PLAIDLUA_LOG"]) {
                    let message = (1..<call.count).map { call.readableText($0 + 1) }.joined(separator: " ")
                    FileHandle.standardError.write(Data((PlaidLog.line(level, context.redact(message)) + "\n").utf8))
                }
                return .none
            },
            "now": { _ in .value(.number(Date().timeIntervalSince1970)) },
            "iso8601": { call in
                let seconds = call.count >= 1 ? try call.number(1) : Date().timeIntervalSince1970
                return .value(.string(ISO8601DateTime.string(from: Date(timeIntervalSince1970: seconds))))
            },
            "parse_time": { call in
                let text = try call.string(1)
                guard let date = ISO8601DateTime.date(from: text) else {
                    return .values([.nil, .string("'\(text)' is not an ISO-8601 date and time such as 2024-01-31T12:00:00Z")])
                }
                return .value(.number(date.timeIntervalSince1970))
            },
            "describe": { call in .value(try MethodDescription.describe(try call.string(1))) },
            "env": { _ in
                .suspend {
                    let environment = context.environment
                    let profile = await context.access.profile
                    let requested = profile?.env ?? environment["PLAID_ENV"].flatMap { $0.isEmpty ? nil : $0 } ?? "embedded"
                    // Read as plaid.client reads it: `Embedded` is the embedded sandbox too. A name
                    // no client accepts is shown as given; plaid.client says what is wrong with it.
                    let name = PlaidEnvironment.Name(requested)
                    var info: [LuaKey: LuaValue] = [
                        "env": .string(name?.description ?? requested),
                        "version": .string(profile?.version ?? environment["PLAID_VERSION"].flatMap { $0.isEmpty ? nil : $0 } ?? apiVersion),
                    ]
                    if let profile { info["profile"] = .string(profile.name) }
                    let clientID = profile.map { $0.keys.clientID } ?? environment["PLAID_CLIENT_ID"]
                    if name != .embedded, let clientID { info["client_id"] = .string(clientID) }
                    if name == .embedded, let url = await context.embeddedBaseURL { info["base_url"] = .string(url) }
                    return [.table(info)]
                }
            },
        ]
    }
}
