import AsyncHTTPClient
import Foundation
import Hummingbird
import LuaBridge
import Logging
import ServiceLifecycle
import NIOCore
import PlaidAudit
public import PlaidLua
import PlaidModels

/// How `plaidlua webhooks listen` was started.
public struct WebhookListenSettings: Sendable {
    /// The Lua file returning `function(webhook, meta)`; nil to only verify (and forward).
    public var handlerPath: String?
    public var host = "127.0.0.1"
    public var port = 8485
    /// The oldest `iat` accepted, in seconds.
    public var maxAge: Double = 300
    /// Where verified webhooks are relayed, as received.
    public var forwardURL: String?
    public var safe = false
    public var profile: String?
    public var timeout: Double?
    public var memoryLimit: Int?

    public init() {}
}

/// `plaidlua webhooks listen`: an HTTP server that verifies every request by Plaid's scheme with
/// the keys of the run's environment and calls a Lua handler for each webhook that passes, many
/// at once on one Lua state. See `docs/webhooks.md`.
public struct WebhookListener {
    public var settings: WebhookListenSettings
    public var environment: [String: String]
    public var paths: ScriptPaths
    public var startEmbedded: EmbeddedSandboxStarter

    public init(settings: WebhookListenSettings, environment: [String: String], paths: ScriptPaths,
                startEmbedded: @escaping EmbeddedSandboxStarter) {
        self.settings = settings
        self.environment = environment
        self.paths = paths
        self.startEmbedded = startEmbedded
    }

    public func run() async -> Int32 {
        func refuse(_ message: String) -> Int32 {
            FileHandle.standardError.write(Data("plaidlua webhooks: \(message)\n".utf8))
            return 1
        }
        if let path = settings.handlerPath, !FileManager.default.isReadableFile(atPath: path) {
            return refuse("cannot read the handler \(path)")
        }
        let access: RunAccess
        do {
            access = try RunAccess.resolve(safe: settings.safe, profileName: settings.profile, environment: environment, retryBudget: nil)
        } catch {
            return refuse("\(error)")
        }
        let context = PlaidContext(environment: environment, startEmbedded: startEmbedded)
        context.run = "webhooks listen" + (settings.handlerPath.map { " " + $0 } ?? "")
        await context.restrict(access)
        let inbox = WebhookInbox(maxAge: settings.maxAge)
        let forwarder = settings.forwardURL.map(WebhookForwarder.init(url:))

        let runtime: LuaRuntime
        do {
            runtime = try LuaRuntime(options: .init(libraries: settings.safe ? .safe : .standard, memoryLimit: settings.memoryLimit,
                                                    redact: { [context] in context.redact($0) },
                                                    searchPaths: paths.searchPaths(environment: environment)))
            try await PlaidModule.install(in: runtime, context: context)
            if settings.safe {
                try await runtime.lockSafeLibrary(path: paths.safeSearchPath(scriptFolder: settings.handlerPath.map(ScriptPaths.realFolder(of:))),
                                                  hiddenVariables: access.hiddenVariables)
            }
            try await runtime.registerModule("plaidlua.webhooks", source: try LuaSourceFiles.plaidLuaWebhooks.source("webhooks"),
                                             functions: Self.coreFunctions(inbox: inbox, context: context, forwarder: forwarder,
                                                                         forwardURL: settings.forwardURL),
                                             values: ["safe": .boolean(settings.safe), "max_age": .number(settings.maxAge)])
        } catch {
            await context.shutdown()
            return refuse("cannot prepare Lua: \(context.redact("\(error)"))")
        }

        let (bound, reportPort) = AsyncStream<Int?>.makeStream()
        let server = Application(
            responder: WebhookListenerResponder(inbox: inbox),
            configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port)),
            onServerRunning: { channel in reportPort.yield(channel.localAddress?.port) },
            logger: Logger(label: "plaidlua.webhooks") { _ in SwiftLogNoOpLogHandler() }
        )
        let services = ServiceGroup(configuration: .init(services: [server], logger: Logger(label: "plaidlua.webhooks") { _ in
            SwiftLogNoOpLogHandler()
        }))
        let address = "\(settings.host):\(settings.port)"
        let serving = Task {
            do {
                try await services.run()
            } catch {
                let reason = "\(error)".contains("Address already in use") ? "something else listens there" : "\(error)"
                FileHandle.standardError.write(Data("plaidlua webhooks: cannot listen on \(address): \(reason)\n".utf8))
            }
            reportPort.finish()
            await inbox.close()
        }
        var port: Int?
        for await reported in bound {
            port = reported
            break
        }
        guard let port else {
            await serving.value
            await context.shutdown()
            return 1
        }

        let stop = Task {
            await SignalWaiter(signals: [SIGINT, SIGTERM], label: "plaidlua.webhooks.signals").next()
            await inbox.close()
        }
        let watchdog = settings.timeout.map { Watchdog(runtime: runtime, seconds: $0, beforeCancelling: { await inbox.close() }) }
        let handler = settings.handlerPath.map(HandlerFile.init(path:))
        let host = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
        var status: Int32 = 0
        do {
            _ = try await runtime.run("return require('plaidlua.webhooks').main(...)", chunkName: "=(webhooks)",
                                      arguments: [handler.map { .string($0.path) } ?? .nil, handler.map { .string($0.name) } ?? .nil,
                                                  handler.map { .string($0.folder) } ?? .nil, .string("http://\(host):\(port)")])
        } catch let error as LuaError {
            let timedOut = watchdog?.fired ?? false
            if !timedOut {
                let text = error.traceback.map { "\(error.message)\n\($0)" } ?? error.message
                FileHandle.standardError.write(Data("plaidlua webhooks: \(context.redact(text))\n".utf8))
                status = 1
            }
        } catch {
            FileHandle.standardError.write(Data("plaidlua webhooks: \(context.redact("\(error)"))\n".utf8))
            status = 1
        }
        watchdog?.stop()
        stop.cancel()
        await inbox.abandonAll()
        await services.triggerGracefulShutdown()
        await serving.value
        await forwarder?.shutdown()
        await context.shutdown()
        return status
    }

    /// The Swift half of the driver: the inbox, answers, replay memory, forwarding and the record.
    private static func coreFunctions(inbox: WebhookInbox, context: PlaidContext, forwarder: WebhookForwarder?,
                                      forwardURL: String?) -> [String: LuaHostFunction] {
        [
            "read_handler": HandlerFile.read,
            "next": { _ in
                .suspend {
                    guard let received = await inbox.next() else { return [] }
                    var headers: [LuaKey: LuaValue] = [:]
                    for (name, value) in received.headers { headers[.string(LuaBytes(name.lowercased()))] = .string(LuaBytes(value)) }
                    let meta: LuaValue = .table([
                        "headers": .table(headers),
                        "path": .string(LuaBytes(received.path)),
                        "received_at": .number(received.receivedAt.timeIntervalSince1970),
                    ])
                    return [.integer(received.id), .string(LuaBytes(received.body)),
                            received.verification.map { .string(LuaBytes($0)) } ?? .nil, meta]
                }
            },
            "first_time": { call in
                let token = try call.string(1)
                return .suspend { [.boolean(await inbox.acceptForFirstTime(token))] }
            },
            "forward": { call in
                let body = try call.value(1), header = try call.optionalString(2)
                guard case .string(let bytes) = body, let forwarder else { return .none }
                return .suspend {
                    let outcome = await forwarder.forward(body: bytes.bytes, verification: header)
                    return [outcome.status.map { .integer(Int64($0)) } ?? .nil, outcome.problem.map { .string(LuaBytes($0)) } ?? .nil]
                }
            },
            // finish(id, status, text, line): answers the sender, prints the line and records it.
            "finish": { call in
                let id = try call.integer(1), status = Int(try call.integer(2)), text = try call.string(3)
                let line = try call.string(4), endpoint = try call.string(5), rule = try call.optionalString(6)
                let started = try call.number(7)
                return .suspend {
                    await inbox.finish(id: id, WebhookAnswer(status: status, text: context.redact(text)))
                    FileHandle.standardOutput.write(Data((context.redact(line) + "\n").utf8))
                    let latency = (Date().timeIntervalSince1970 - started) * 1000
                    await context.recordReceived(endpoint: endpoint, status: status, rule: rule, latencyMilliseconds: latency)
                    return []
                }
            },
            "ready": { call in
                let address = try call.string(1), environmentName = try call.string(2)
                var line = "plaidlua webhooks listening on \(address) (verifying with the \(environmentName) keys"
                if let forward = forwardURL { line += "; forwarding to \(forward)" }
                FileHandle.standardOutput.write(Data((line + ")\n").utf8))
                return .none
            },
            "redact": { call in .value(.string(LuaBytes(context.redact(call.readableText(1))))) },
            "iso8601": { call in .value(.string(LuaBytes(ISO8601DateTime.string(from: Date(timeIntervalSince1970: try call.number(1)))))) },
        ]
    }
}

/// `--forward URL`: relays each verified webhook, bytes and signature unchanged, to a local app.
final class WebhookForwarder: Sendable {
    let url: String
    private let client: HTTPClient

    init(url: String) {
        self.url = url
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        // An app that is not up answers 502 at once, and the sender retries.
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func forward(body: [UInt8], verification: String?) async -> (status: Int?, problem: String?) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let verification { request.headers.add(name: "Plaid-Verification", value: verification) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 64 * 1024)
            let status = Int(response.status.code)
            return (status, (200..<300).contains(status) ? nil : "\(url) answered HTTP \(status)")
        } catch {
            return (nil, "\(url) did not answer: \(error)")
        }
    }

    func shutdown() async {
        try? await client.shutdown()
    }
}
