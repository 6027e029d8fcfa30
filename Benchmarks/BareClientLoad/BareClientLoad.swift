import AsyncHTTPClient
import Foundation
import NIOCore
import PlaidModels
import Synchronization

/// The baseline for the batch benchmark: the same `/processor/auth/get` calls `plaidlua batch`
/// makes, from Swift alone: one pooled AsyncHTTPClient, `concurrency` tasks, each response
/// decoded into the model. No Lua, no runner, no retries.
///
///     BareClientLoad --url http://127.0.0.1:PORT --client-id ID --secret S --tokens FILE --calls N --concurrency C
///
/// Prints `{"calls": N, "seconds": S, "calls_per_second": R, "failures": F}`.
@main
enum BareClientLoad {
    static func main() async throws {
        let options = try Options(CommandLine.arguments.dropFirst())
        let tokens = try String(contentsOfFile: options.tokensPath, encoding: .utf8).split(separator: "\n").map(String.init)
        guard !tokens.isEmpty else { throw UsageError(message: "\(options.tokensPath) holds no tokens") }

        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: options.concurrency)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let started = ContinuousClock.now
        let failures = await load(client, options, tokens: tokens)
        let elapsed = ContinuousClock.now - started
        try await client.shutdown()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(#"{"calls": \#(options.calls), "seconds": \#(seconds), "calls_per_second": \#(Double(options.calls) / seconds), "failures": \#(failures)}"#)
    }

    private final class Counters: Sendable {
        let next = Atomic<Int>(0)
        let failures = Atomic<Int>(0)
    }

    /// Makes every call with `concurrency` tasks taking the next index in turn; the failures.
    private nonisolated static func load(_ client: HTTPClient, _ options: Options, tokens: [String]) async -> Int {
        let counters = Counters()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<options.concurrency {
                group.addTask {
                    while true {
                        let index = counters.next.add(1, ordering: .relaxed).oldValue
                        guard index < options.calls else { return }
                        do {
                            try await call(client, options, token: tokens[index % tokens.count])
                        } catch {
                            counters.failures.add(1, ordering: .relaxed)
                        }
                    }
                }
            }
        }
        return counters.failures.load(ordering: .relaxed)
    }

    private nonisolated static func call(_ client: HTTPClient, _ options: Options, token: String) async throws {
        var request = HTTPClientRequest(url: options.url + "/processor/auth/get")
        request.method = .POST
        request.headers.add(name: "PLAID-CLIENT-ID", value: options.clientID)
        request.headers.add(name: "PLAID-SECRET", value: options.secret)
        request.headers.add(name: "Plaid-Version", value: "2020-09-14")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(ProcessorAuthGetRequest(processorToken: ProcessorToken(token)))))
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .ok else { throw UsageError(message: "HTTP \(response.status.code)") }
        _ = try JSONDecoder().decode(ProcessorAuthGetResponse.self, from: Data(body.readableBytesView))
    }

    struct UsageError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    struct Options: Sendable {
        var url = ""
        var clientID = ""
        var secret = ""
        var tokensPath = ""
        var calls = 20_000
        var concurrency = 64

        init(_ arguments: ArraySlice<String>) throws {
            var pairs = arguments.makeIterator()
            while let name = pairs.next() {
                guard let value = pairs.next() else { throw UsageError(message: "\(name) needs a value") }
                switch name {
                case "--url": url = value
                case "--client-id": clientID = value
                case "--secret": secret = value
                case "--tokens": tokensPath = value
                case "--calls": calls = Int(value) ?? 0
                case "--concurrency": concurrency = Int(value) ?? 0
                default: throw UsageError(message: "unknown option \(name)")
                }
            }
            guard !url.isEmpty, !clientID.isEmpty, !secret.isEmpty, !tokensPath.isEmpty, calls > 0, concurrency > 0 else {
                throw UsageError(message: "usage: BareClientLoad --url URL --client-id ID --secret S --tokens FILE [--calls N] [--concurrency C]")
            }
        }
    }
}
