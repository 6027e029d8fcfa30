import FaultyHTTPServer
import Foundation
import LuaBridge
import PlaidLua
import Testing

/// Coroutines calling a server that stalls or answers garbage each end with a Lua error that
/// names the problem; none is left waiting.
@Suite struct FaultyServerTests {
    struct NoEmbeddedSandbox: Error {}

    /// Six coroutines, half calling a stalled endpoint and half one that answers garbage, each
    /// with a 3 s timeout (short, yet enough for every attempt to reach the server and a garbage
    /// answer to arrive on two cores loaded by a sanitizer) and one retry. Each returns `reason|attempts|message` of its error.
    static let script = """
        local plaid = require "plaid"
        local base_url = ...
        local client = plaid.client { base_url = base_url, client_id = "id", secret = "not-a-real-secret",
                                      timeout = 3, retries = 1 }
        local tasks = {}
        for i = 1, 6 do
          tasks[i] = plaid.spawn(function()
            local method = i % 2 == 1 and client.processor_auth_get or client.processor_balance_get
            local ok, e = pcall(method, client, { processor_token = "processor-sandbox-" .. i })
            if ok then return "no error" end
            return e.reason .. "|" .. e.attempts .. "|" .. tostring(e)
          end)
        end
        local outcomes = {}
        for i, t in ipairs(tasks) do outcomes[i] = t:wait() end
        return outcomes
        """

    @Test func coroutinesCallingAStalledOrGarblingServerEachGetAnError() async throws {
        let server = try await FaultyHTTPServer.start { path, _ in path == "/processor/auth/get" ? .stall : .garbage }
        let runtime = try LuaRuntime()
        let context = PlaidContext(environment: [:]) { throw NoEmbeddedSandbox() }
        try await PlaidModule.install(in: runtime, context: context)

        let finished = await outcome(within: .seconds(60)) { try await runtime.run(Self.script, arguments: [.string(LuaBytes(server.baseURL))]) }
        await context.shutdown()
        await server.shutdown()

        guard case .success(let values)? = finished else {
            Issue.record("the script did not end: \(String(describing: finished))")
            return
        }
        guard case .array(let outcomes)? = values.first else {
            Issue.record("the script returned \(values)")
            return
        }
        #expect(outcomes.count == 6)
        for (index, outcome) in outcomes.enumerated() {
            guard case .string(let bytes) = outcome, let text = bytes.string else {
                Issue.record("coroutine \(index + 1) returned \(outcome)")
                continue
            }
            let parts = text.split(separator: "|", maxSplits: 2).map(String.init)
            let stalled = index.isMultiple(of: 2)
            #expect(parts.count == 3, "\(text)")
            #expect(parts.first == (stalled ? "timeout" : "transportFailure"), "\(text)")
            #expect(parts.dropFirst().first == "2", "\(text)")
            let problem = stalled ? "did not answer /processor/auth/get within" : "/processor/balance/get failed: the answer was not valid HTTP"
            #expect(parts.last?.contains(problem) == true, "\(text)")
        }
        // Every coroutine's calls reached the server, and no more requests than the twelve
        // attempts did. Under a sanitizer's load an attempt can time out before the server has
        // read it, so the count per path is not always six.
        for coroutine in 1...6 {
            let path = coroutine % 2 == 1 ? "/processor/auth/get" : "/processor/balance/get"
            let token = "\"processor-sandbox-\(coroutine)\""
            let reached = server.arrivals.contains { $0.path == path && $0.bodyText?.contains(token) == true }
            #expect(reached, "coroutine \(coroutine)'s call to \(path) never reached the server")
        }
        #expect(server.requestsStarted("/processor/auth/get") <= 6)
        #expect(server.requestsStarted("/processor/balance/get") <= 6)
    }

    /// An answer whose body the response model would refuse reaches Lua as an error naming the
    /// place, and one it accepts arrives typed by the model, with what the model does not know kept.
    @Test func answersAreCheckedAgainstTheModelAndTypedByIt() async throws {
        let server = try await FaultyHTTPServer.start { path, _ in
            path == "/processor/auth/get"
                ? .answer(status: 200, body: #"{"account": {"account_id": 7}, "numbers": {}, "request_id": "req-1"}"#)
                : .answer(status: 200, body: #"{"account": {"account_id": "a", "balances": {"current": 110, "available": null},"#
                    + #" "mask": null, "name": "n", "type": "depository", "later": 3}, "request_id": "req-2"}"#)
        }
        let runtime = try LuaRuntime()
        let context = PlaidContext(environment: [:]) { throw NoEmbeddedSandbox() }
        try await PlaidModule.install(in: runtime, context: context)
        let script = """
            local plaid = require "plaid"
            local client = plaid.client { base_url = ..., client_id = "id", secret = "not-a-real-secret", retries = 0 }
            local ok, e = pcall(client.processor_auth_get, client, { processor_token = "processor-sandbox-1" })
            local balance = client:processor_balance_get { processor_token = "processor-sandbox-1" }
            local current = balance.account.balances.current
            return ok, e.kind, e.reason, e.request_id, tostring(e), math.type(current), current,
                   balance.account.later, balance.account.balances.available == nil, balance.request_id
            """
        let finished = await outcome(within: .seconds(60)) { try await runtime.run(script, arguments: [.string(LuaBytes(server.baseURL))]) }
        await context.shutdown()
        await server.shutdown()
        guard case .success(let values)? = finished else {
            Issue.record("the script did not end: \(String(describing: finished))")
            return
        }
        #expect(values.count == 10)
        guard values.count == 10 else { return }
        #expect(values[0] == .boolean(false))
        #expect(values[1] == .string("transport"))
        #expect(values[2] == .string("unexpectedResponse"))
        #expect(values[3] == .string("req-1"))
        #expect(values[4].stringValue?.contains("an integer where a string is expected at account.account_id") == true, "\(values[4])")
        #expect(values[5] == .string("float"))
        #expect(values[6] == .number(110))
        #expect(values[7] == .integer(3))
        #expect(values[8] == .boolean(true))
        #expect(values[9] == .string("req-2"))
    }
}
