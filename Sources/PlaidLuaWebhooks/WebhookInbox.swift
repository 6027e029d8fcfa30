import Foundation

/// What `webhooks listen` answers a sender.
struct WebhookAnswer: Sendable {
    let status: Int
    let text: String

    static let closing = WebhookAnswer(status: 503, text: "the listener is stopping; send it again later")
}

/// One request as the listener received it, waiting for the Lua side to verify and handle it.
struct ReceivedWebhook: Sendable {
    let id: Int64
    let body: [UInt8]
    let verification: String?
    let headers: [String: String]
    let path: String
    let receivedAt: Date
}

/// Hands received requests from the HTTP server to the Lua driver and the driver's answers back,
/// and remembers the JWTs already accepted, so a replay is acknowledged without acting twice.
actor WebhookInbox {
    private var nextID: Int64 = 0
    private var queue: [ReceivedWebhook] = []
    private var reader: CheckedContinuation<ReceivedWebhook?, Never>?
    private var waiting: [Int64: CheckedContinuation<WebhookAnswer, Never>] = [:]
    private var accepted: [String: Date] = [:]
    private var closed = false
    /// How long an accepted JWT is remembered: past the age at which it is refused anyway.
    private let memory: TimeInterval

    init(maxAge: TimeInterval) {
        memory = maxAge + WebhookInbox.clockSkew
    }

    private static let clockSkew: TimeInterval = 60

    /// Queues a request and returns the answer once the driver has one.
    func receive(body: [UInt8], verification: String?, headers: [String: String], path: String) async -> WebhookAnswer {
        guard !closed else { return .closing }
        nextID += 1
        let received = ReceivedWebhook(id: nextID, body: body, verification: verification, headers: headers, path: path,
                                       receivedAt: Date())
        return await withCheckedContinuation { continuation in
            waiting[received.id] = continuation
            if let reader {
                self.reader = nil
                reader.resume(returning: received)
            } else {
                queue.append(received)
            }
        }
    }

    /// The next request, or nil once the listener is stopping.
    func next() async -> ReceivedWebhook? {
        if !queue.isEmpty { return queue.removeFirst() }
        if closed { return nil }
        return await withCheckedContinuation { continuation in reader = continuation }
    }

    func finish(id: Int64, _ answer: WebhookAnswer) {
        waiting.removeValue(forKey: id)?.resume(returning: answer)
    }

    /// Whether `token` is accepted for the first time; it is remembered either way.
    func acceptForFirstTime(_ token: String, now: Date = Date()) -> Bool {
        accepted = accepted.filter { now.timeIntervalSince($0.value) < memory }
        guard accepted[token] == nil else { return false }
        accepted[token] = now
        return true
    }

    /// Takes no more requests; those not yet handled are answered 503, so the sender retries.
    func close() {
        closed = true
        reader?.resume(returning: nil)
        reader = nil
        for received in queue { waiting.removeValue(forKey: received.id)?.resume(returning: .closing) }
        queue = []
    }

    /// Answers whatever still waits, once the driver has ended.
    func abandonAll() {
        close()
        for continuation in waiting.values { continuation.resume(returning: .closing) }
        waiting = [:]
    }
}
