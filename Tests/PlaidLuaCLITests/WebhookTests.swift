import AsyncHTTPClient
import Crypto
import Foundation
import GRDB
import NIOCore
import PlaidLuaTesting
import PlaidWebhooks
import Testing

/// Webhooks end to end with the real binary: the sandbox signs and delivers them, and
/// `plaidlua webhooks listen` verifies each by Plaid's scheme before its handler sees it.
@Suite struct WebhookTests {
    /// A data directory of its own, and a handler that appends one line per webhook to a file.
    struct Home {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-webhooks-\(UUID().uuidString)")
        var data: String { folder.appendingPathComponent("data").path }
        var handled: URL { folder.appendingPathComponent("handled.log") }
        var handler: URL { folder.appendingPathComponent("record.lua") }
        var environment: [String: String] { ["PLAIDLUA_HOME": data, "HANDLED": handled.path] }

        init() throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try """
                return function(webhook, meta)
                  local file = assert(io.open(os.getenv("HANDLED"), "a"))
                  file:write(webhook.webhook_type, " ", webhook.webhook_code, " ", tostring(webhook.account_id or webhook.item_id),
                             " ", meta.claims.kid, " ", meta.path, "\\n")
                  file:close()
                end
                """.write(to: handler, atomically: true, encoding: .utf8)
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }

        /// The lines the handler wrote so far.
        var lines: [String] {
            ((try? String(contentsOf: handled, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        func plaidlua(_ arguments: [String], _ extra: [String: String] = [:]) throws -> CommandRun {
            try CommandRun.plaidlua(arguments, environment: environment.merging(extra) { $1 }, directory: folder)
        }

        /// `webhooks listen` on `port` (0 for any), once it says where it listens.
        func listen(port: Int = 0, _ extra: [String] = [], environment more: [String: String] = [:]) throws
            -> (process: RunningCommand, url: String) {
            let process = try RunningCommand(["webhooks", "listen", handler.path, "--port", "\(port)"] + extra,
                                              environment: environment.merging(more) { $1 }, directory: folder)
            var url: String?
            process.waitUntil(seconds: 60) {
                url = process.standardOutputSoFar.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+/).map { String($0.output) }
                return url != nil
            }
            return (process, try #require(url, "webhooks listen printed no address: \(process.standardOutputSoFar)"))
        }

        /// The key the sandbox signs with now, read from its database as only the sandbox may.
        func currentKey() throws -> WebhookSigningKey {
            let made = try plaidlua(["-e", "pcall(function() require('plaid').client():webhook_verification_key_get { key_id = 'x' } end)"])
            #expect(made.status == 0, "\(made.standardError)")
            let database = try DatabaseQueue(path: data + "/sandbox.sqlite")
            let row = try #require(try database.read { db in
                try Row.fetchOne(db, sql: "SELECT kid, private_key_pem, created_at FROM webhook_key WHERE expired_at IS NULL")
            })
            return WebhookSigningKey(kid: row["kid"], privateKeyPEM: row["private_key_pem"],
                                     createdAt: Date(timeIntervalSince1970: row["created_at"]), expiredAt: nil)
        }
    }

    static func post(_ url: String, body: [UInt8], verification: String?) async throws -> Int {
        var request = HTTPClientRequest(url: url + "/plaid")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let verification { request.headers.add(name: "Plaid-Verification", value: verification) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 16)
        return Int(response.status.code)
    }

    static func base64URL(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func body(code: String, item: String) -> [UInt8] {
        Array("""
            {
              "environment" : "sandbox",
              "item_id" : "\(item)",
              "webhook_code" : "\(code)",
              "webhook_type" : "ITEM"
            }
            """.utf8)
    }

    /// Every code the sandbox fires reaches a real loopback receiver signed, and the receiver's
    /// handler sees each once; the processor variants go to the partner's URL keyed by account.
    @Test func eachCodeFiredReachesTheListenerSignedAndVerified() throws {
        let home = try Home()
        defer { home.remove() }
        let (listener, url) = try home.listen()
        defer { listener.signal(SIGTERM); _ = listener.finish() }
        let fired = try home.plaidlua(["-e", """
            local plaid = require "plaid"
            local developer, dwolla = plaid.client(), plaid.client { processor = "dwolla" }
            local url = os.getenv("LISTENER")
            local function item(products, password)
              local public = developer:sandbox_public_token_create { institution_id = "ins_109508", initial_products = products,
                                                                     options = password and { override_password = password } or nil }
              local token = developer:item_public_token_exchange({ public_token = public.public_token }).access_token
              return token, developer:accounts_get({ access_token = token }).accounts[1].account_id
            end
            local token, account = item { "auth", "transactions", "identity" }
            local processor = developer:processor_token_create { access_token = token, account_id = account, processor = "dwolla" }
            dwolla:processor_token_webhook_update { processor_token = processor.processor_token, webhook = url .. "/partner" }
            developer:item_webhook_update { access_token = token, webhook = url .. "/developer" }
            for _, fire in ipairs {
              { "SYNC_UPDATES_AVAILABLE" }, { "DEFAULT_UPDATE" }, { "DEFAULT_UPDATE", "AUTH" }, { "DEFAULT_UPDATE", "IDENTITY" },
              { "RECURRING_TRANSACTIONS_UPDATE" }, { "NEW_ACCOUNTS_AVAILABLE" }, { "ERROR" }, { "LOGIN_REPAIRED" },
              { "PENDING_DISCONNECT" }, { "USER_PERMISSION_REVOKED" }, { "USER_ACCOUNT_REVOKED" },
            } do
              assert(developer:sandbox_item_fire_webhook { access_token = token, webhook_code = fire[1], webhook_type = fire[2] }.webhook_fired)
            end
            developer:sandbox_item_reset_login { access_token = token }
            local refused = {}
            for _, fire in ipairs { { "DEFAULT_UPDATE", "HOLDINGS" }, { "PRODUCT_READY" }, { "SMS_MICRODEPOSITS_VERIFICATION" } } do
              local ok, problem = pcall(developer.sandbox_item_fire_webhook, developer,
                                        { access_token = token, webhook_code = fire[1], webhook_type = fire[2] })
              refused[#refused + 1] = not ok and problem.error_code or "fired"
            end
            local silent = item { "auth" }
            local ok, problem = pcall(developer.sandbox_item_fire_webhook, developer, { access_token = silent, webhook_code = "LOGIN_REPAIRED" })
            refused[#refused + 1] = not ok and problem.error_code or "fired"
            ok, problem = pcall(developer.item_webhook_update, developer, { access_token = silent, webhook = "https://example.com/plaid" })
            refused[#refused + 1] = not ok and problem.error_message or "stored"
            local micro, micro_account = item({ "auth" }, "microdeposits_good")
            developer:item_webhook_update { access_token = micro, webhook = url .. "/developer" }
            for _, status in ipairs { "automatically_verified", "verification_expired" } do
              developer:sandbox_item_set_verification_status { access_token = micro, account_id = micro_account, verification_status = status }
            end
            print(account, table.concat(refused, "|"))
            """], ["LISTENER": url])
        #expect(fired.status == 0, "\(fired.standardError)")
        let printed = fired.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\t").map(String.init)
        try #require(printed.count == 2)
        let account = printed[0]
        let refusals = printed[1].split(separator: "|").map(String.init)
        #expect(Array(refusals.prefix(4)) == ["SANDBOX_PRODUCT_NOT_ENABLED", "SANDBOX_PRODUCT_NOT_ENABLED", "INVALID_FIELD",
                                              "SANDBOX_WEBHOOK_INVALID"])
        #expect(refusals.last?.contains("only to loopback hosts") == true && refusals.last?.contains("--webhook-allow example.com") == true,
                "a webhook URL on another host is refused naming the rule: \(refusals)")

        let itemCodes = ["ITEM WEBHOOK_UPDATE_ACKNOWLEDGED", "TRANSACTIONS SYNC_UPDATES_AVAILABLE", "TRANSACTIONS DEFAULT_UPDATE",
                         "AUTH DEFAULT_UPDATE", "IDENTITY DEFAULT_UPDATE", "TRANSACTIONS RECURRING_TRANSACTIONS_UPDATE",
                         "ITEM NEW_ACCOUNTS_AVAILABLE", "ITEM ERROR", "ITEM LOGIN_REPAIRED", "ITEM PENDING_DISCONNECT",
                         "ITEM USER_PERMISSION_REVOKED", "ITEM USER_ACCOUNT_REVOKED", "ITEM ERROR",
                         "ITEM WEBHOOK_UPDATE_ACKNOWLEDGED", "AUTH AUTOMATICALLY_VERIFIED", "AUTH VERIFICATION_EXPIRED"]
        let partnerCodes = ["PROCESSOR_TOKEN WEBHOOK_UPDATE_ACKNOWLEDGED", "TRANSACTIONS SYNC_UPDATES_AVAILABLE",
                            "TRANSACTIONS DEFAULT_UPDATE", "TRANSACTIONS RECURRING_TRANSACTIONS_UPDATE"]
        let expected = itemCodes.count + partnerCodes.count
        #expect(listener.waitUntil(seconds: 120) { home.lines.count >= expected }, "handled: \(home.lines)")
        let handled = home.lines.map { $0.split(separator: " ").map(String.init) }
        let forPartner = handled.filter { $0.last == "/partner" }
        #expect(forPartner.map { $0[0] + " " + $0[1] }.sorted() == partnerCodes.sorted(), "\(home.lines)")
        #expect(forPartner.allSatisfy { $0[2] == account }, "the partner's webhooks are keyed by its account: \(home.lines)")
        let forItems = handled.filter { $0.last == "/developer" }
        #expect(forItems.map { $0[0] + " " + $0[1] }.sorted() == itemCodes.sorted(), "\(home.lines)")
        #expect(Set(handled.map { $0[3] }).count == 1, "one key signed them all")

        // The sender records an attempt once the answer is in, a moment after the handler ran.
        var listing = ""
        var deliveries: [Int: [[String: Any]]] = [:]
        func everyDeliveryLanded() -> Bool {
            listing = (try? home.plaidlua(["sandbox", "webhooks", "--json", "--data", home.data]).standardOutput) ?? ""
            let states = listing.split(separator: "\n").compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            }
            deliveries = Dictionary(grouping: states) { $0["delivery"] as? Int ?? 0 }
            // A slow machine may time an attempt out; then the delivery is retried until it lands.
            return deliveries.count == expected && deliveries.values.allSatisfy { attempts in
                attempts.allSatisfy { $0["state"] as? String == "delivered" } && attempts.last?["status"] as? Int == 200
            }
        }
        #expect(listener.waitUntil(seconds: 120, everyDeliveryLanded), "\(listing)")
        #expect(deliveries.count == expected, "one delivery per webhook: \(listing)")
    }

    /// What `webhooks listen` refuses, each answered 401 without calling the handler: forged,
    /// tampered, stale, replayed under another body, signed by a retired key. A real webhook is
    /// handled once, however often it is sent again.
    @Test func listenRejectsEveryForgeryWithoutCallingTheHandler() async throws {
        let home = try Home()
        defer { home.remove() }
        let key = try home.currentKey()
        // A day's allowance: under a sanitizer on two busy cores the steps below can be minutes
        // apart, and a signature that aged past five minutes would be refused for its age before
        // the rule each forgery is meant to meet. The age rule is met by a signature two days old.
        let allowance = ["--max-age", "86400"]
        let (listener, url) = try home.listen(allowance)
        defer { listener.signal(SIGTERM); _ = listener.finish() }

        let genuine = Self.body(code: "LOGIN_REPAIRED", item: "item-genuine")
        let signature = try await key.sign(body: genuine, now: Date())
        #expect(try await Self.post(url, body: genuine, verification: signature) == 200)
        #expect(try await Self.post(url, body: genuine, verification: signature) == 200, "a replay is acknowledged")
        #expect(home.lines.count == 1, "and not handled twice: \(home.lines)")
        // The allowance is the listener's: a genuine webhook signed ten minutes ago is handled.
        let aged = Self.body(code: "LOGIN_REPAIRED", item: "item-aged")
        #expect(try await Self.post(url, body: aged, verification: try await key.sign(body: aged, now: Date().addingTimeInterval(-600))) == 200)
        #expect(home.lines.count == 2, "--max-age is applied: \(home.lines)")

        // The body a framework would hand over, re-encoded: the same JSON, other bytes.
        let reencoded = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: Data(genuine)), options: [.sortedKeys])
        let other = Self.body(code: "ERROR", item: "item-forged")
        let claims = Self.base64URL(Array(#"{"iat":\#(Int(Date().timeIntervalSince1970)),"request_body_sha256":"\#(SHA256.hash(data: other).map { String(format: "%02x", $0) }.joined())"}"#.utf8))
        let none = Self.base64URL(Array(#"{"alg":"none","kid":"\#(key.kid)","typ":"JWT"}"#.utf8)) + "." + claims + "."
        let hmacHeader = Self.base64URL(Array(#"{"alg":"HS256","kid":"\#(key.kid)","typ":"JWT"}"#.utf8))
        let publicKey = try key.publicKey()
        let hmac = HMAC<SHA256>.authenticationCode(for: Array((hmacHeader + "." + claims).utf8),
                                                   using: SymmetricKey(data: Array((publicKey.x + publicKey.y).utf8)))
        let stranger = WebhookSigningKey(kid: "not-a-plaid-key", privateKeyPEM: WebhookSigningKey.generate(now: Date()).privateKeyPEM,
                                         createdAt: Date(), expiredAt: nil)
        let impostor = WebhookSigningKey(kid: key.kid, privateKeyPEM: WebhookSigningKey.generate(now: Date()).privateKeyPEM,
                                         createdAt: Date(), expiredAt: nil)
        let forgeries: [(String, [UInt8], String?)] = [
            ("no header", other, nil),
            ("an empty header", other, ""),
            ("a header that is no JWT", other, "not.a.jwt"),
            ("a tampered body", other, signature),
            ("the genuine body re-encoded", Array(reencoded), signature),
            ("alg none", other, none),
            ("HS256 keyed with the public key", other, hmacHeader + "." + claims + "." + Self.base64URL(hmac)),
            ("a key Plaid does not have", other, try await stranger.sign(body: other, now: Date())),
            ("the right kid, another key", other, try await impostor.sign(body: other, now: Date())),
            ("issued two days ago", other, try await key.sign(body: other, now: Date().addingTimeInterval(-2 * 86400))),
        ]
        for (name, body, header) in forgeries {
            #expect(try await Self.post(url, body: body, verification: header) == 401, "\(name) is refused")
        }
        #expect(home.lines.count == 2, "no forgery reached the handler: \(home.lines)")
        let screen = listener.standardOutputSoFar
        for rule in ["missing_header", "malformed_header", "body_hash", "algorithm", "unknown_key", "signature", "issued_at"] {
            #expect(screen.contains("(\(rule))"), "the listener names the rule \(rule):\n\(screen)")
        }

        // After a rotation the retired key answers with expired_at and verifies nothing new.
        let rotated = try home.plaidlua(["sandbox", "rotate-webhook-key", "--data", home.data])
        #expect(rotated.standardOutput.contains("retired webhook key \(key.kid)"), "\(rotated.standardOutput)")
        let (fresh, freshURL) = try home.listen(allowance)
        defer { fresh.signal(SIGTERM); _ = fresh.finish() }
        let late = Self.body(code: "LOGIN_REPAIRED", item: "item-late")
        #expect(try await Self.post(freshURL, body: late, verification: try await key.sign(body: late, now: Date())) == 401)
        #expect(fresh.waitUntil(seconds: 10) { fresh.standardOutputSoFar.contains("(expired_key)") }, "\(fresh.standardOutputSoFar)")
        let current = try home.currentKey()
        #expect(current.kid != key.kid)
        #expect(try await Self.post(freshURL, body: late, verification: try await current.sign(body: late, now: Date())) == 200)
        #expect(home.lines.count == 3 && home.lines.last?.hasPrefix("ITEM LOGIN_REPAIRED item-late \(current.kid) /plaid") == true, "\(home.lines)")

        let log = try home.plaidlua(["log", "--json"])
        #expect(log.standardOutput.contains("webhook (rejected)") && log.standardOutput.contains("webhook ITEM LOGIN_REPAIRED"),
                "received webhooks are in the audit log: \(log.standardOutput.suffix(500))")
    }

    /// Without `--max-age` a listener keeps Plaid's five minutes: a genuine signature made six
    /// minutes ago is a replay it refuses, and its handler never runs.
    @Test func byDefaultASignatureOlderThanFiveMinutesIsRefused() async throws {
        let home = try Home()
        defer { home.remove() }
        let key = try home.currentKey()
        let (listener, url) = try home.listen()
        defer { listener.signal(SIGTERM); _ = listener.finish() }
        let body = Self.body(code: "LOGIN_REPAIRED", item: "item-stale")
        #expect(try await Self.post(url, body: body, verification: try await key.sign(body: body, now: Date().addingTimeInterval(-360))) == 401)
        #expect(listener.waitUntil(seconds: 10) { listener.standardOutputSoFar.contains("(issued_at)") }, "\(listener.standardOutputSoFar)")
        #expect(home.lines.isEmpty, "\(home.lines)")
    }

    /// A listener that cannot fetch the key answers 503, so the sender tries again later, and
    /// calls no handler; the keys it was started with appear nowhere in what it prints.
    @Test func aKeyThatCannotBeFetchedIsAnsweredWithA503() async throws {
        let home = try Home()
        defer { home.remove() }
        let key = try home.currentKey()
        let secret = "secret-of-the-test-0123456789"
        let (listener, url) = try home.listen(environment: [
            "PLAID_ENV": "http://127.0.0.1:\(try Self.freePort())", "PLAID_CLIENT_ID": "client-of-the-test", "PLAID_SECRET": secret,
        ])
        defer { listener.signal(SIGTERM); _ = listener.finish() }
        let body = Self.body(code: "LOGIN_REPAIRED", item: "item-unverifiable")
        #expect(try await Self.post(url, body: body, verification: try await key.sign(body: body, now: Date())) == 503)
        #expect(home.lines.isEmpty, "\(home.lines)")
        #expect(listener.waitUntil(seconds: 10) { listener.standardOutputSoFar.contains("503") }, "\(listener.standardOutputSoFar)")
        #expect(!listener.standardOutputSoFar.contains(secret))
    }

    /// Webhooks queued while their receiver is down survive kill -9 of the sandbox sending them,
    /// and a listener that comes up 20 s later gets every one.
    @Test func queuedWebhooksSurviveKillNineAndReachAListenerThatWasDown() async throws {
        let home = try Home()
        defer { home.remove() }
        let port = try Self.freePort()
        let server = try RunningCommand(["sandbox", "serve", "--port", "0", "--data", home.data, "--webhook-retry-scale", "0.01"],
                                        environment: home.environment)
        #expect(server.waitUntil(seconds: 60) { server.standardOutputSoFar.contains("listening on") }, "\(server.standardOutputSoFar)")
        let fired = try home.plaidlua(["-e", """
            local developer = require("plaid").client()
            local public = developer:sandbox_public_token_create { institution_id = "ins_109508", initial_products = { "auth" } }
            local token = developer:item_public_token_exchange({ public_token = public.public_token }).access_token
            developer:item_webhook_update { access_token = token, webhook = "http://127.0.0.1:" .. os.getenv("PORT") .. "/plaid" }
            for _, code in ipairs { "NEW_ACCOUNTS_AVAILABLE", "ERROR", "LOGIN_REPAIRED", "PENDING_DISCONNECT", "USER_PERMISSION_REVOKED" } do
              developer:sandbox_item_fire_webhook { access_token = token, webhook_code = code }
            end
            """], ["PORT": "\(port)"])
        #expect(fired.status == 0, "\(fired.standardError)")
        let firedAt = Date()
        server.signal(SIGKILL)
        _ = server.finish()
        let restarted = try RunningCommand(["sandbox", "serve", "--port", "0", "--data", home.data, "--webhook-retry-scale", "0.01"],
                                           environment: home.environment)
        defer { restarted.signal(SIGTERM); _ = restarted.finish() }
        try await Task.sleep(for: .seconds(max(0, 20 - Date().timeIntervalSince(firedAt))))
        let (listener, _) = try home.listen(port: port)
        defer { listener.signal(SIGTERM); _ = listener.finish() }
        #expect(listener.waitUntil(seconds: 90) { Set(home.lines.map { $0.split(separator: " ").prefix(2).joined(separator: " ") }).count >= 6 },
                "handled: \(home.lines)")
        let codes = Set(home.lines.map { $0.split(separator: " ").prefix(2).joined(separator: " ") })
        #expect(codes == ["ITEM WEBHOOK_UPDATE_ACKNOWLEDGED", "ITEM NEW_ACCOUNTS_AVAILABLE", "ITEM ERROR", "ITEM LOGIN_REPAIRED",
                          "ITEM PENDING_DISCONNECT", "ITEM USER_PERMISSION_REVOKED"])
        let attempts = try home.plaidlua(["sandbox", "webhooks", "--data", home.data]).standardOutput
        #expect(attempts.contains("Connection refused") && attempts.contains("HTTP 200"),
                "the attempts while the listener was down are kept beside the one that landed: \(attempts)")
    }

    /// The shipped handler, run by name: a registered partner's account is synced on
    /// SYNC_UPDATES_AVAILABLE (fired by the partner itself), and an Item needing a login is
    /// recorded for follow-up, then cleared when it is repaired.
    @Test func onWebhookSyncsTheAccountAndRecordsItemsNeedingALogin() throws {
        let home = try Home()
        defer { home.remove() }
        let listener = try RunningCommand(["webhooks", "listen", "on_webhook.lua", "--port", "0"], environment: home.environment,
                                          directory: home.folder)
        defer { listener.signal(SIGTERM); _ = listener.finish() }
        var url: String?
        listener.waitUntil(seconds: 60) {
            url = listener.standardOutputSoFar.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+/).map { String($0.output) }
            return url != nil
        }
        let listening = try #require(url, "\(listener.standardOutputSoFar)")
        let made = try home.plaidlua(["-e", """
            local plaid = require "plaid"
            local developer, dwolla = plaid.client(), plaid.client { processor = "dwolla" }
            local public = developer:sandbox_public_token_create { institution_id = "ins_109508", initial_products = { "auth", "transactions" } }
            local item = developer:item_public_token_exchange { public_token = public.public_token }
            local account = developer:accounts_get({ access_token = item.access_token }).accounts[1].account_id
            local token = developer:processor_token_create { access_token = item.access_token, account_id = account, processor = "dwolla" }
            dwolla:processor_token_webhook_update { processor_token = token.processor_token, webhook = os.getenv("LISTENER") .. "/partner" }
            developer:item_webhook_update { access_token = item.access_token, webhook = os.getenv("LISTENER") .. "/developer" }
            print(item.access_token, token.processor_token, item.item_id)
            """], ["LISTENER": listening])
        #expect(made.status == 0, "\(made.standardError)")
        let tokens = made.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\t").map(String.init)
        try #require(tokens.count == 3)
        let (accessToken, processorToken, itemID) = (tokens[0], tokens[1], tokens[2])

        let registered = try home.plaidlua(["run", "on_webhook", "--processor-token", processorToken, "--processor", "dwolla"])
        #expect(registered.status == 0 && registered.standardOutput.contains("\"registered\""), "\(registered.standardError)")
        let stored = """
            local plaid = require "plaid"
            io.write(tostring(plaid.store("transaction_cursors"):get(os.getenv("PROCESSOR")) ~= nil), " ",
                     tostring(plaid.store("login_required"):get(os.getenv("ITEM")) ~= nil))
            """
        let state = ["PROCESSOR": processorToken, "ITEM": itemID]
        let trigger = try home.plaidlua(["webhooks", "trigger", "SYNC_UPDATES_AVAILABLE", "--processor-token", processorToken,
                                         "--processor", "dwolla"])
        #expect(trigger.status == 0 && trigger.standardOutput.contains("fired SYNC_UPDATES_AVAILABLE"), "\(trigger.standardError)")
        #expect(!trigger.standardOutput.contains(processorToken), "the token is shown masked")
        #expect(listener.waitUntil(seconds: 90) { (try? home.plaidlua(["-e", stored], state).standardOutput) == "true false" },
                "the account was synced: \(listener.standardOutputSoFar)")
        let reset = try home.plaidlua(["-e", "require('plaid').client():sandbox_item_reset_login { access_token = os.getenv('TOKEN') }"],
                                      ["TOKEN": accessToken])
        #expect(reset.status == 0, "\(reset.standardError)")
        #expect(listener.waitUntil(seconds: 90) { (try? home.plaidlua(["-e", stored], state).standardOutput) == "true true" },
                "the Item needing a login was recorded: \(listener.standardOutputSoFar)")
        let repaired = try home.plaidlua(["webhooks", "trigger", "LOGIN_REPAIRED", "--access-token", accessToken])
        #expect(repaired.status == 0, "\(repaired.standardError)")
        #expect(listener.waitUntil(seconds: 90) { (try? home.plaidlua(["-e", stored], state).standardOutput) == "true false" },
                "the repaired Item was cleared: \(listener.standardOutputSoFar)")
        #expect(!listener.standardOutputSoFar.contains(processorToken) && !listener.standardOutputSoFar.contains(accessToken))
    }

    static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(socket, raw, length) == 0 && getsockname(socket, raw, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
