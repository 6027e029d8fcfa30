import Foundation
import LuaBridge
public import PlaidLua

/// `plaidlua webhooks trigger CODE --access-token …`: one `/sandbox/item/fire_webhook` call (or,
/// with `--processor-token`, PlaidLua's `/sandbox/processor_token/fire_webhook` as that partner),
/// made through the `plaid` module so it checks, redacts and records the call as scripts do.
public struct WebhookTrigger {
    /// Whose webhook fires: an Item, by its access token, or one processor token, by its partner.
    public enum Target: Sendable {
        case item(accessToken: String, type: String?)
        case processorToken(String, processor: String)
    }

    let code: String
    let target: Target
    let profile: String?
    let environment: [String: String]
    let paths: ScriptPaths
    let startEmbedded: EmbeddedSandboxStarter

    public init(code: String, target: Target, profile: String?, environment: [String: String], paths: ScriptPaths,
                startEmbedded: @escaping EmbeddedSandboxStarter) {
        self.code = code
        self.target = target
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
            let arguments: [LuaValue] = switch target {
            case .item(let accessToken, let type):
                [.string(LuaBytes(code)), .string(LuaBytes(accessToken)), type.map { .string(LuaBytes($0)) } ?? .nil, .nil]
            case .processorToken(let token, let processor):
                [.string(LuaBytes(code)), .string(LuaBytes(token)), .nil, .string(LuaBytes(processor))]
            }
            let fired = try await runtime.run("""
                local plaid = require "plaid"
                local code, token, kind, processor = ...
                if processor then
                  local partner = plaid.client { processor = processor }
                  partner:sandbox_processor_token_fire_webhook { processor_token = token, webhook_code = code }
                  return ("fired %s for %s on %s"):format(code, plaid.mask(token), partner.env)
                end
                local client = plaid.client()
                client:sandbox_item_fire_webhook { access_token = token, webhook_code = code, webhook_type = kind }
                return ("fired %s%s for %s on %s"):format(kind and (kind .. " ") or "", code, plaid.mask(token), client.env)
                """, chunkName: "=(trigger)", arguments: arguments)
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
