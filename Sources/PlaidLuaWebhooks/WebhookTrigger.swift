import Foundation
import LuaBridge
public import PlaidLua

/// `plaidlua webhooks trigger CODE --access-token …`: one `/sandbox/item/fire_webhook` call,
/// made through the `plaid` module so it checks, redacts and records the call as scripts do.
public struct WebhookTrigger {
    let code: String
    let accessToken: String
    let type: String?
    let profile: String?
    let environment: [String: String]
    let paths: ScriptPaths
    let startEmbedded: EmbeddedSandboxStarter

    public init(code: String, accessToken: String, type: String?, profile: String?, environment: [String: String], paths: ScriptPaths,
                startEmbedded: @escaping EmbeddedSandboxStarter) {
        self.code = code
        self.accessToken = accessToken
        self.type = type
        self.profile = profile
        self.environment = environment
        self.paths = paths
        self.startEmbedded = startEmbedded
    }

    public func run() async -> Int32 {
        let context = PlaidContext(environment: environment, startEmbedded: startEmbedded)
        context.run = "webhooks trigger \(code)"
        do {
            await context.restrict(try RunAccess.resolve(safe: false, profileName: profile, environment: environment, retryBudget: nil))
            let runtime = try LuaRuntime(options: .init(redact: { [context] in context.redact($0) },
                                                        searchPaths: paths.searchPaths(environment: environment)))
            try await PlaidModule.install(in: runtime, context: context)
            let fired = try await runtime.run("""
                local plaid = require "plaid"
                local code, token, kind = ...
                local client = plaid.client()
                client:sandbox_item_fire_webhook { access_token = token, webhook_code = code, webhook_type = kind }
                return ("fired %s%s for %s on %s"):format(kind and (kind .. " ") or "", code, plaid.mask(token), client.env)
                """, chunkName: "=(trigger)", arguments: [.string(LuaBytes(code)), .string(LuaBytes(accessToken)),
                                                           type.map { .string(LuaBytes($0)) } ?? .nil])
            if case .string(let line)? = fired.first, let text = line.string { print(text) }
            await context.shutdown()
            return 0
        } catch let error as LuaError {
            FileHandle.standardError.write(Data("plaidlua webhooks: \(context.redact(error.message))\n".utf8))
        } catch {
            FileHandle.standardError.write(Data("plaidlua webhooks: \(context.redact("\(error)"))\n".utf8))
        }
        await context.shutdown()
        return 1
    }
}
