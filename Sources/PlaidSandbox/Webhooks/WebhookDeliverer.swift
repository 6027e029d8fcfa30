import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOConcurrencyHelpers

/// Sends the webhooks queued in the sandbox's database, signed, a few at a time, retrying on
/// Plaid's schedule: 30 s after the first failure, each delay 4 times the last, for up to 24
/// hours, with every delay and that horizon multiplied by `retryScale` (tests use 0.01). An
/// answer other than 2xx, or none within 10 s (never scaled), is a failure.
final class WebhookDeliverer: Sendable {
    static let firstDelay: TimeInterval = 30
    static let backoffFactor: Double = 4
    static let horizon: TimeInterval = 24 * 60 * 60
    static let answerTimeout: TimeInterval = 10
    /// How long a claim keeps other processes off a delivery: past the answer timeout.
    static let lease: TimeInterval = answerTimeout + 5
    /// Deliveries sent at once.
    static let concurrency = 8
    /// How often the queue is looked at; other processes may add to it.
    static let pollInterval: Duration = .milliseconds(100)

    private let store: any SandboxStore
    private let retryScale: Double
    private let clock: @Sendable () -> Date
    // NIOLockedValueBox rather than Mutex, which ThreadSanitizer cannot see (architecture.md).
    private let client = NIOLockedValueBox<HTTPClient?>(nil)
    private let loop = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(store: any SandboxStore, retryScale: Double, clock: @escaping @Sendable () -> Date) {
        self.store = store
        self.retryScale = retryScale
        self.clock = clock
    }

    func start() {
        loop.withLockedValue { running in
            running = Task { [self] in
                while !Task.isCancelled {
                    // A task of its own, so stopping interrupts only the wait: sends under way
                    // finish and are recorded, not cancelled half-way and sent again later.
                    let sent = await Task { await sendDue() }.value
                    if sent == 0 { try? await Task.sleep(for: Self.pollInterval) }
                }
            }
        }
    }

    /// Stops looking at the queue, after one last pass over what is due; what is left is sent by
    /// the next sandbox on this data directory.
    func stop() async {
        let running = loop.withLockedValue { running in
            defer { running = nil }
            return running
        }
        running?.cancel()
        await running?.value
        _ = await sendDue()
        if let client = client.withLockedValue({ client in defer { client = nil }; return client }) {
            try? await client.shutdown()
        }
    }

    /// When a delivery that failed its `attempt`th try is tried next, or nil to give up.
    func nextAttempt(after attempt: Int, createdAt: Date, now: Date) -> Date? {
        let delay = Self.firstDelay * pow(Self.backoffFactor, Double(attempt - 1)) * retryScale
        let next = now.addingTimeInterval(delay)
        return next.timeIntervalSince(createdAt) <= Self.horizon * retryScale ? next : nil
    }

    /// Sends every delivery due now; returns how many.
    private func sendDue() async -> Int {
        let due: [QueuedWebhook]
        do {
            due = try await store.claimDueWebhooks(now: clock(), limit: Self.concurrency, lease: Self.lease)
        } catch {
            return 0
        }
        await withTaskGroup(of: Void.self) { group in
            for webhook in due { group.addTask { await self.send(webhook) } }
        }
        return due.count
    }

    private func send(_ webhook: QueuedWebhook) async {
        let started = clock()
        let startedInstant = ContinuousClock.now
        var status: Int?
        var problem: String?
        var keyID = ""
        do {
            let key = try await store.currentWebhookKey(now: started)
            keyID = key.kid
            // A fresh iat for every attempt, so a retry hours later still verifies.
            let signature = try await key.sign(body: webhook.body, now: started)
            var request = HTTPClientRequest(url: webhook.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "Plaid-Verification", value: signature)
            request.headers.add(name: "User-Agent", value: "PlaidLua-Sandbox-Webhooks")
            request.body = .bytes(ByteBuffer(bytes: webhook.body))
            let response = try await httpClient().execute(request, timeout: .seconds(Int64(Self.answerTimeout)))
            _ = try await response.body.collect(upTo: 64 * 1024)
            status = Int(response.status.code)
            if !(200..<300).contains(Int(response.status.code)) { problem = "HTTP \(response.status.code)" }
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            problem = "no answer within \(Int(Self.answerTimeout)) s"
        } catch {
            problem = "\(error)"
        }
        let elapsed = ContinuousClock.now - startedInstant
        let latency = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let finished = clock()
        let outcome: WebhookDeliveryOutcome = if problem == nil {
            .delivered
        } else if let next = nextAttempt(after: webhook.attempts + 1, createdAt: webhook.createdAt, now: finished) {
            .retry(at: next)
        } else {
            .abandoned
        }
        try? await store.recordWebhookAttempt(webhook, at: started, keyID: keyID, status: status, latency: latency,
                                              problem: problem, outcome: outcome)
    }

    /// One client for the deliverer's life, made when the first webhook is due; it follows no
    /// redirect, since a redirect could lead anywhere the sandbox was not allowed to send.
    private func httpClient() -> HTTPClient {
        client.withLockedValue { client in
            if let client { return client }
            var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
            configuration.timeout = .init(connect: .seconds(Int64(Self.answerTimeout)), read: .seconds(Int64(Self.answerTimeout)))
            // A receiver that refuses the connection fails the attempt at once; the retry
            // schedule, not the pool, decides when to try again.
            configuration.connectionPool.retryConnectionEstablishment = false
            let made = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            client = made
            return made
        }
    }
}
