import Foundation
import PlaidModels
@testable import PlaidSandbox
import Testing

/// Where the sandbox may send webhooks, and when it tries again.
@Suite struct WebhookRulesTests {
    /// The attack: an Item's webhook pointed at a host on the internet, or at an internal one
    /// through a scheme or address trick. Only loopback, or a host the server was started to allow.
    @Test func webhookURLsNameLoopbackOrAnAllowedHost() async throws {
        try await TestSandbox.with(configure: { $0.webhookAllowedHosts = ["hooks.example.com"] }) { sandbox in
            let accessToken = try await sandbox.linkItem()
            for allowed in ["http://127.0.0.1:9/plaid", "https://localhost/plaid", "http://[::1]:9/plaid", "http://127.8.9.10/plaid",
                            "https://hooks.example.com/plaid", "https://HOOKS.example.com/plaid"] {
                let stored = try await sandbox.developer.send(ItemWebhookUpdateRequest(accessToken: accessToken, webhook: .value(allowed)))
                #expect(stored.item.webhook == .value(allowed))
            }
            for refused in ["https://example.com/plaid", "http://hooks.example.com/plaid", "https://hooks.example.com.evil.test/plaid",
                            "http://169.254.169.254/latest", "http://127.0.0.1.nip.io/plaid", "ftp://127.0.0.1/plaid", "file:///etc/passwd",
                            "http://10.0.0.1/plaid"] {
                let error = await plaidError {
                    try await sandbox.developer.send(ItemWebhookUpdateRequest(accessToken: accessToken, webhook: .value(refused)))
                }
                #expect(error?.errorCode == "INVALID_FIELD", "\(refused) is refused")
            }
            let item = try await sandbox.developer.send(ItemGetRequest(accessToken: accessToken))
            #expect(item.item.webhook == .value("https://HOOKS.example.com/plaid"), "a refused URL is never stored")
        }
    }

    /// Plaid's schedule: 30 s after the first failure, 4 times longer each time, within 24 hours;
    /// the scale shortens every delay and the horizon alike.
    @Test func retriesBackOffByFourForADay() throws {
        let store = try SQLiteSandboxStore(dataDirectory: TestSandbox.makeTemporaryDirectory())
        let created = Date(timeIntervalSince1970: 1_000_000)
        let plain = WebhookDeliverer(store: store, retryScale: 1, clock: { created })
        var now = created
        var delays: [TimeInterval] = []
        for attempt in 1... {
            guard let next = plain.nextAttempt(after: attempt, createdAt: created, now: now) else { break }
            delays.append(next.timeIntervalSince(now))
            now = next
        }
        #expect(delays == [30, 120, 480, 1920, 7680, 30720])
        #expect(now.timeIntervalSince(created) <= 24 * 60 * 60)

        let fast = WebhookDeliverer(store: store, retryScale: 0.01, clock: { created })
        let first = try #require(fast.nextAttempt(after: 1, createdAt: created, now: created))
        #expect(abs(first.timeIntervalSince(created) - 0.3) < 1e-6)
        #expect(fast.nextAttempt(after: 7, createdAt: created, now: created.addingTimeInterval(864)) == nil,
                "the horizon is scaled too")
    }
}
