import AsyncHTTPClient
import Foundation
import GRDB
import NIOCore
import NIOHTTP1
import PlaidLuaTesting
import PlaidModels
import PlaidSandbox
import Synchronization
import Testing

/// 64 clients run the processor flow against `plaidlua sandbox serve` while it is killed with
/// SIGKILL and started again on the same data directory and port: nothing a client was told is
/// lost, no request gets a 5xx, connections fail only while the server is down, and the SQLite
/// file is intact afterwards.
///
/// On PostgreSQL, two instances share one database: half the clients use the one that is
/// killed, half a second one that stays up, and every token is checked on the second one.
@Suite(.serialized) struct KillUnderLoadTests {
    enum Store: String, CustomTestStringConvertible, Sendable {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    static let clientCount = 64
    static let killsUnderLoad = 4
    /// How long each server lives under load before it is killed, at the least.
    static let lifetime: Duration = .seconds(3)
    /// Successful responses each server must have given before it is killed, so every kill
    /// lands on a server that is busy with the flow, however slow the machine.
    static let successesBeforeKill = 150
    /// The partners the clients' processor tokens are for, spread over the clients.
    static let processors = ["dwolla", "moov", "galileo", "unit"]

    @Test(.timeLimit(.minutes(2)), arguments: [Store.sqlite, .postgres])
    func everyTokenSurvivesRepeatedKillsUnderLoad(store: Store) async throws {
        let scratch = TestSandbox.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let dataDirectory = scratch + "/data"
        let database = store == .postgres ? try TestPostgres.newStoreURL() : nil
        let credentials = try await SandboxMaintenance.credentials(
            dataDirectory: dataDirectory, database: try database.map { try PostgresLocation(url: $0, environment: [:]) })
        let ledger = LoadLedger()
        var logIndex = 0
        func nextLog() -> String {
            logIndex += 1
            return scratch + "/serve-\(logIndex).log"
        }

        // Below the ephemeral range, so no other test is handed the port while the server is down.
        let reserved = try ReservedPort()
        reserved.release()
        var server = try await KillableServe.start(dataDirectory: dataDirectory, port: reserved.port, logPath: nextLog(),
                                                   database: database)
        let port = server.port
        var steady: KillableServe?
        if let database {
            steady = try await KillableServe.start(dataDirectory: scratch + "/steady", port: 0, logPath: scratch + "/steady.log",
                                                   database: database)
        }
        let killedURL = server.baseURL
        func makeClient(_ index: Int, at baseURL: String) -> LoadClient {
            LoadClient(baseURL: baseURL, developer: credentials.developer,
                       processor: Self.processors[index % Self.processors.count],
                       partner: credentials.processors[Self.processors[index % Self.processors.count]]!)
        }
        let clients = (0..<Self.clientCount).map { index in
            makeClient(index, at: index.isMultiple(of: 2) ? killedURL : steady?.baseURL ?? killedURL)
        }
        let load = Task {
            await withTaskGroup(of: Void.self) { group in
                for client in clients { group.addTask { await client.runFlows(ledger) } }
            }
        }

        var killStatuses: [Int32] = []
        for _ in 0..<Self.killsUnderLoad {
            try await Task.sleep(for: Self.lifetime)
            await ledger.waitForSuccesses(Self.successesBeforeKill)
            ledger.markDown()
            killStatuses.append(await server.stop(with: SIGKILL))
            server = try await KillableServe.start(dataDirectory: dataDirectory, port: port, logPath: nextLog(), database: database)
            ledger.markUp()
        }
        try await Task.sleep(for: Self.lifetime)
        await ledger.waitForSuccesses(Self.successesBeforeKill)
        ledger.stop()
        await load.value

        // One more kill with the load stopped, so the tokens of the last server too are checked
        // by a server that started from a killed one.
        ledger.markDown()
        killStatuses.append(await server.stop(with: SIGKILL))
        server = try await KillableServe.start(dataDirectory: dataDirectory, port: port, logPath: nextLog(), database: database)
        ledger.markUp()
        #expect(killStatuses.allSatisfy { $0 & 0x7F == SIGKILL }, "a server did not end by SIGKILL: \(killStatuses)")

        let run = ledger.snapshot()
        // On PostgreSQL every token is checked on the instance that was never killed.
        let verifiers = steady.map { steady in (0..<Self.clientCount).map { makeClient($0, at: steady.baseURL) } } ?? clients
        let verification = await Verification.run(run, clients: verifiers, partners: credentials.processors)
        let lastStatus = await server.stop(with: SIGTERM)
        #expect(lastStatus == 0, "the last server did not stop cleanly on SIGTERM: wait status \(lastStatus)")
        if let steady { #expect(await steady.stop(with: SIGTERM) == 0, "the instance that stayed up did not stop cleanly") }
        for client in clients { try await client.shutdown() }
        if steady != nil { for verifier in verifiers { try await verifier.shutdown() } }

        let integrity: ([String], Int) = if let database {
            // Every row refers to a row that exists; PostgreSQL checks that itself, so the check is
            // that the access tokens the clients were given are all there.
            (try await TestPostgres.column("SELECT count(*)::text FROM access_token", in: database)
                .compactMap(Int.init).map { $0 >= run.accessTokens.count ? "ok" : "\($0) access tokens stored" }, 0)
        } else {
            try await DatabaseQueue(path: dataDirectory + "/sandbox.sqlite").read { db in
                (try String.fetchAll(db, sql: "PRAGMA integrity_check"),
                 try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count)
            }
        }

        let figures = """
            kill under load: \(run.requests) requests by \(Self.clientCount) clients, \(killStatuses.count) SIGKILLs \
            (\(Self.killsUnderLoad) under load); \(run.successes) 2xx, \(run.expectedRefusals) 4xx expected \
            (exchange retried after its answer was lost), \(run.unexpectedRefusals.count) 4xx unexpected, \
            \(run.serverErrors.count) 5xx, \(run.connectionFailures.count) connection failures \
            (\(run.connectionFailuresOutsideOutages.count) outside a restart), \(run.timeouts) timeouts, \
            \(run.wrongAnswers.count) wrong answers; verified afterwards: \(verification.accessTokens) access tokens, \
            \(verification.processorTokens) processor tokens, \(verification.publicTokensExchanged) unexchanged \
            public tokens exchanged, \(verification.reexchangesRefused) exchanged public tokens refused again \
            (\(run.publicTokensInDoubt) in doubt, skipped)
            """
        print(figures)

        #expect(run.serverErrors.isEmpty, "5xx answers: \(run.serverErrors.prefix(5))")
        #expect(run.connectionFailuresOutsideOutages.isEmpty,
                "connection failures while the server was up: \(run.connectionFailuresOutsideOutages.prefix(5))")
        #expect(run.connectionFailures.count > 0, "no request met a kill, so the kills proved nothing")
        #expect(run.unexpectedRefusals.isEmpty, "refusals a correct flow should not get: \(run.unexpectedRefusals.prefix(5))")
        #expect(run.wrongAnswers.isEmpty, "answers with wrong data: \(run.wrongAnswers.prefix(5))")
        #expect(run.timeouts == 0)
        #expect(run.accessTokens.count >= Self.successesBeforeKill / 5 * (Self.killsUnderLoad + 1))
        #expect(run.exchangedPublicTokens.contains { $0.generation < run.generation },
                "no public token was exchanged before a kill")
        #expect(verification.failures.isEmpty, "tokens that stopped working: \(verification.failures.prefix(10))")
        #expect(integrity.0 == ["ok"], "PRAGMA integrity_check: \(integrity.0)")
        #expect(integrity.1 == 0, "PRAGMA foreign_key_check found \(integrity.1) rows")
    }
}

// MARK: - What the run records

/// Every request's outcome and every token a client received, shared by the clients and the
/// test, plus the signals they wait on: a server coming back, enough successes to kill.
final class LoadLedger: Sendable {
    struct AccessTokenRecord: Sendable {
        let token: String
        let itemID: String
        let accountID: String
    }

    struct ProcessorTokenRecord: Sendable {
        let token: String
        let processor: String
        let accountID: String
    }

    struct ExchangedPublicToken: Sendable {
        let token: String
        /// Which server (0 for the first, one more after each restart) answered the exchange.
        let generation: Int
    }

    struct Outage: Sendable {
        let killedAt: ContinuousClock.Instant
        var readyAt: ContinuousClock.Instant?
    }

    struct State: Sendable {
        var generation = 0
        var serverUp = true
        var stopping = false
        var outages: [Outage] = []
        var requests = 0
        var successes = 0
        var successesThisGeneration = 0
        var expectedRefusals = 0
        var unexpectedRefusals: [String] = []
        var serverErrors: [String] = []
        var wrongAnswers: [String] = []
        var timeouts = 0
        var connectionFailures: [(start: ContinuousClock.Instant, end: ContinuousClock.Instant, path: String)] = []
        var accessTokens: [AccessTokenRecord] = []
        var processorTokens: [ProcessorTokenRecord] = []
        var unexchangedPublicTokens: Set<String> = []
        var publicTokensInDoubt: Set<String> = []
        var exchangedPublicTokens: [ExchangedPublicToken] = []
        var restartWaiters: [(generation: Int, continuation: CheckedContinuation<Void, Never>)] = []
        var successWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    let state = Mutex(State())

    var isStopping: Bool { state.withLock { $0.stopping } }
    var generation: Int { state.withLock { $0.generation } }

    func update<T>(_ change: (inout State) -> T) -> T {
        state.withLock { change(&$0) }
    }

    // MARK: The server's life

    func markDown() {
        state.withLock { state in
            state.serverUp = false
            state.outages.append(Outage(killedAt: .now))
        }
    }

    func markUp() {
        let waiting = state.withLock { state in
            state.generation += 1
            state.serverUp = true
            state.successesThisGeneration = 0
            state.outages[state.outages.count - 1].readyAt = .now
            defer { state.restartWaiters = state.restartWaiters.filter { $0.generation >= state.generation } }
            return state.restartWaiters.filter { $0.generation < state.generation }.map(\.continuation)
        }
        waiting.forEach { $0.resume() }
    }

    /// Ends the clients' loops; each finishes the request it is making.
    func stop() {
        let waiting = state.withLock { state in
            state.stopping = true
            defer { state.restartWaiters = [] }
            return state.restartWaiters.map(\.continuation)
        }
        waiting.forEach { $0.resume() }
    }

    /// Returns once a server newer than `generation` is up, or the run is stopping.
    func waitForServer(newerThan generation: Int) async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state in
                if state.stopping || (state.serverUp && state.generation > generation) { return true }
                state.restartWaiters.append((generation, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Returns once the current server has given `count` successful answers.
    func waitForSuccesses(_ count: Int) async {
        await withCheckedContinuation { continuation in
            let reached = state.withLock { state in
                if state.successesThisGeneration >= count { return true }
                state.successWaiters.append((count, continuation))
                return false
            }
            if reached { continuation.resume() }
        }
    }

    func recordSuccess() {
        let waiting = state.withLock { state in
            state.requests += 1
            state.successes += 1
            state.successesThisGeneration += 1
            let reached = state.successWaiters.filter { $0.count <= state.successesThisGeneration }
            state.successWaiters.removeAll { $0.count <= state.successesThisGeneration }
            return reached.map(\.continuation)
        }
        waiting.forEach { $0.resume() }
    }

    // MARK: After the run

    struct Summary: Sendable {
        let generation: Int
        let requests: Int
        let successes: Int
        let expectedRefusals: Int
        let unexpectedRefusals: [String]
        let serverErrors: [String]
        let wrongAnswers: [String]
        let timeouts: Int
        let connectionFailures: [String]
        let connectionFailuresOutsideOutages: [String]
        let accessTokens: [AccessTokenRecord]
        let processorTokens: [ProcessorTokenRecord]
        let unexchangedPublicTokens: [String]
        let publicTokensInDoubt: Int
        let exchangedPublicTokens: [ExchangedPublicToken]
    }

    /// The figures, with each connection failure judged: it is expected when the request was
    /// in flight at some moment between a kill and the restarted server being ready.
    func snapshot() -> Summary {
        state.withLock { state in
            let outages = state.outages
            func duringOutage(_ failure: (start: ContinuousClock.Instant, end: ContinuousClock.Instant, path: String)) -> Bool {
                outages.contains { outage in
                    failure.end >= outage.killedAt && (outage.readyAt.map { failure.start <= $0 } ?? true)
                }
            }
            let origin = outages.first?.killedAt ?? .now
            func describe(_ failure: (start: ContinuousClock.Instant, end: ContinuousClock.Instant, path: String)) -> String {
                "\(failure.path) from \(failure.start - origin) to \(failure.end - origin) after the first kill"
            }
            return Summary(
                generation: state.generation, requests: state.requests, successes: state.successes,
                expectedRefusals: state.expectedRefusals, unexpectedRefusals: state.unexpectedRefusals,
                serverErrors: state.serverErrors, wrongAnswers: state.wrongAnswers, timeouts: state.timeouts,
                connectionFailures: state.connectionFailures.map(describe),
                connectionFailuresOutsideOutages: state.connectionFailures.filter { !duringOutage($0) }.map(describe),
                accessTokens: state.accessTokens, processorTokens: state.processorTokens,
                unexchangedPublicTokens: state.unexchangedPublicTokens.subtracting(state.publicTokensInDoubt).sorted(),
                publicTokensInDoubt: state.publicTokensInDoubt.count,
                exchangedPublicTokens: state.exchangedPublicTokens)
        }
    }
}

// MARK: - One client

/// One of the load's clients: its own HTTP connection pool, the developer's keys, and the keys
/// of the partner its processor tokens are for.
struct LoadClient: Sendable {
    let baseURL: String
    let developer: SandboxCredentials.Client
    let processor: String
    let partner: SandboxCredentials.Client
    private let http = HTTPClient(eventLoopGroupProvider: .singleton)

    init(baseURL: String, developer: SandboxCredentials.Client, processor: String, partner: SandboxCredentials.Client) {
        self.baseURL = baseURL
        self.developer = developer
        self.processor = processor
        self.partner = partner
    }

    func shutdown() async throws {
        try await http.shutdown()
    }

    /// How one request ended.
    enum Answer {
        case success(JSONValue)
        /// A 4xx with a Plaid error object.
        case refused(status: Int, code: String, message: String)
        /// A 5xx, or a body that is not what the status promised.
        case broken(String)
        /// The connection failed or closed before a whole answer arrived.
        case connectionFailure
        case timeout
    }

    /// One POST, classified.
    func send(_ path: String, _ body: [String: JSONValue], as keys: SandboxCredentials.Client) async -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "PLAID-CLIENT-ID", value: keys.clientID)
        request.headers.add(name: "PLAID-SECRET", value: keys.secret)
        request.body = .bytes(ByteBuffer(bytes: (try? JSONValue.object(body).data()) ?? Data()))
        let status: Int
        let bytes: Data
        do {
            let response = try await http.execute(request, timeout: .seconds(20))
            status = Int(response.status.code)
            bytes = Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            return .timeout
        } catch {
            return .connectionFailure
        }
        let json = try? JSONValue(data: bytes)
        switch status {
        case 200..<300:
            guard let json else { return .broken("\(path) \(status) with a body that is not JSON") }
            return .success(json)
        case 400..<500:
            guard let code = json?["error_code"]?.stringValue else { return .broken("\(path) \(status) without a Plaid error") }
            return .refused(status: status, code: code, message: json?["error_message"]?.stringValue ?? "")
        default:
            return .broken("\(path) \(status): \(String(decoding: bytes.prefix(300), as: UTF8.self))")
        }
    }

    /// The answer a step of the flow got once connection failures were waited out.
    struct StepResult {
        let answer: Answer
        let attempts: Int
        let generation: Int
    }

    /// Sends until the server gives an answer, waiting for the restart after each connection
    /// failure, and records every attempt in the ledger; nil when the run stopped meanwhile.
    func step(_ path: String, _ body: [String: JSONValue], as keys: SandboxCredentials.Client,
              _ ledger: LoadLedger) async -> StepResult? {
        var attempts = 0
        while true {
            attempts += 1
            let generation = ledger.generation
            let start = ContinuousClock.now
            let answer = await send(path, body, as: keys)
            switch answer {
            case .connectionFailure:
                let end = ContinuousClock.now
                ledger.update { state in
                    state.requests += 1
                    state.connectionFailures.append((start, end, path))
                }
                await ledger.waitForServer(newerThan: generation)
                if ledger.isStopping { return nil }
                continue
            case .success:
                ledger.recordSuccess()
            case .refused:
                ledger.update { $0.requests += 1 }
            case .broken(let description):
                ledger.update { state in
                    state.requests += 1
                    state.serverErrors.append(description)
                }
            case .timeout:
                ledger.update { state in
                    state.requests += 1
                    state.timeouts += 1
                }
            }
            return StepResult(answer: answer, attempts: attempts, generation: generation)
        }
    }

    /// Runs the processor flow again and again until the ledger says stop.
    func runFlows(_ ledger: LoadLedger) async {
        while !ledger.isStopping {
            await runFlow(ledger)
        }
    }

    /// public token → access token → account → processor token → the partner reads the
    /// account. Each step uses what the previous one answered, across any restart between them,
    /// so a token the server forgot shows up as a refusal.
    private func runFlow(_ ledger: LoadLedger) async {
        func unexpected(_ path: String, _ result: StepResult) {
            guard case .refused(let status, let code, let message) = result.answer else { return }
            ledger.update { $0.unexpectedRefusals.append("\(path) \(status) \(code): \(message)") }
        }
        func wrong(_ description: String) {
            ledger.update { $0.wrongAnswers.append(description) }
        }

        guard let created = await step("/sandbox/public_token/create", [
            "institution_id": .string("ins_109508"), "initial_products": .array([.string("auth")]),
        ], as: developer, ledger) else { return }
        guard case .success(let createdBody) = created.answer else { return unexpected("/sandbox/public_token/create", created) }
        guard let publicToken = createdBody["public_token"]?.stringValue else { return wrong("no public_token in \(createdBody)") }
        ledger.update { _ = $0.unexchangedPublicTokens.insert(publicToken) }
        if ledger.isStopping { return }

        ledger.update { _ = $0.publicTokensInDoubt.insert(publicToken) }
        guard let exchanged = await step("/item/public_token/exchange", ["public_token": .string(publicToken)],
                                         as: developer, ledger) else { return }
        switch exchanged.answer {
        case .success:
            break
        case .refused(_, "INVALID_PUBLIC_TOKEN", let message) where exchanged.attempts > 1 && message.contains("already been exchanged"):
            // The first attempt reached the server and committed; only its answer was lost.
            ledger.update { state in
                state.expectedRefusals += 1
                state.publicTokensInDoubt.remove(publicToken)
                state.unexchangedPublicTokens.remove(publicToken)
            }
            return
        default:
            return unexpected("/item/public_token/exchange", exchanged)
        }
        guard case .success(let exchangedBody) = exchanged.answer,
              let accessToken = exchangedBody["access_token"]?.stringValue,
              let itemID = exchangedBody["item_id"]?.stringValue else { return wrong("exchange answered \(exchanged.answer)") }
        ledger.update { state in
            state.publicTokensInDoubt.remove(publicToken)
            state.unexchangedPublicTokens.remove(publicToken)
            state.exchangedPublicTokens.append(.init(token: publicToken, generation: exchanged.generation))
        }
        if ledger.isStopping { return }

        guard let accounts = await step("/accounts/get", ["access_token": .string(accessToken)], as: developer, ledger) else {
            return
        }
        guard case .success(let accountsBody) = accounts.answer else { return unexpected("/accounts/get", accounts) }
        guard accountsBody["item"]?["item_id"]?.stringValue == itemID,
              case .array(let list)? = accountsBody["accounts"],
              let checking = list.first(where: { $0["name"]?.stringValue == "Plaid Checking" }),
              let accountID = checking["account_id"]?.stringValue else {
            return wrong("/accounts/get for \(itemID) answered another Item or no checking account")
        }
        ledger.update { $0.accessTokens.append(.init(token: accessToken, itemID: itemID, accountID: accountID)) }
        if ledger.isStopping { return }

        guard let made = await step("/processor/token/create", [
            "access_token": .string(accessToken), "account_id": .string(accountID), "processor": .string(processor),
        ], as: developer, ledger) else { return }
        guard case .success(let madeBody) = made.answer else { return unexpected("/processor/token/create", made) }
        guard let processorToken = madeBody["processor_token"]?.stringValue else { return wrong("no processor_token in \(madeBody)") }
        ledger.update { $0.processorTokens.append(.init(token: processorToken, processor: processor, accountID: accountID)) }
        if ledger.isStopping { return }

        guard let auth = await step("/processor/auth/get", ["processor_token": .string(processorToken)], as: partner, ledger) else {
            return
        }
        guard case .success(let authBody) = auth.answer else { return unexpected("/processor/auth/get", auth) }
        if authBody["account"]?["account_id"]?.stringValue != accountID {
            wrong("/processor/auth/get answered another account than \(accountID)")
        }
    }
}

// MARK: - Checking every token afterwards

/// Every token the clients received, tried on the server that started after the last kill.
struct Verification: Sendable {
    var accessTokens = 0
    var processorTokens = 0
    var publicTokensExchanged = 0
    var reexchangesRefused = 0
    var failures: [String] = []

    private enum Check: Sendable {
        case access(LoadLedger.AccessTokenRecord)
        case processor(LoadLedger.ProcessorTokenRecord)
        case unexchanged(String)
        case exchanged(LoadLedger.ExchangedPublicToken)
    }

    static func run(_ run: LoadLedger.Summary, clients: [LoadClient],
                    partners: [String: SandboxCredentials.Client]) async -> Verification {
        let checks = run.accessTokens.map(Check.access) + run.processorTokens.map(Check.processor)
            + run.unexchangedPublicTokens.map(Check.unexchanged) + run.exchangedPublicTokens.map(Check.exchanged)
        return await withTaskGroup(of: Verification.self) { group in
            for (offset, client) in clients.enumerated() {
                let share = stride(from: offset, to: checks.count, by: clients.count).map { checks[$0] }
                group.addTask {
                    var found = Verification()
                    for check in share { await found.check(check, with: client, partners: partners) }
                    return found
                }
            }
            return await group.reduce(into: Verification()) { total, part in
                total.accessTokens += part.accessTokens
                total.processorTokens += part.processorTokens
                total.publicTokensExchanged += part.publicTokensExchanged
                total.reexchangesRefused += part.reexchangesRefused
                total.failures += part.failures
            }
        }
    }

    private mutating func check(_ check: Check, with client: LoadClient,
                                partners: [String: SandboxCredentials.Client]) async {
        switch check {
        case .access(let record):
            let answer = await client.send("/accounts/get", ["access_token": .string(record.token)], as: client.developer)
            guard case .success(let body) = answer, body["item"]?["item_id"]?.stringValue == record.itemID,
                  case .array(let accounts)? = body["accounts"],
                  accounts.contains(where: { $0["account_id"]?.stringValue == record.accountID }) else {
                return failures.append("access token of \(record.itemID): \(answer)")
            }
            accessTokens += 1
        case .processor(let record):
            let answer = await client.send("/processor/auth/get", ["processor_token": .string(record.token)],
                                           as: partners[record.processor]!)
            guard case .success(let body) = answer, body["account"]?["account_id"]?.stringValue == record.accountID else {
                return failures.append("processor token for \(record.accountID): \(answer)")
            }
            processorTokens += 1
        case .unexchanged(let token):
            let answer = await client.send("/item/public_token/exchange", ["public_token": .string(token)], as: client.developer)
            guard case .success(let body) = answer, body["access_token"]?.stringValue?.hasPrefix("access-sandbox-") == true else {
                return failures.append("unexchanged public token: \(answer)")
            }
            publicTokensExchanged += 1
        case .exchanged(let record):
            let answer = await client.send("/item/public_token/exchange", ["public_token": .string(record.token)], as: client.developer)
            guard case .refused(400, "INVALID_PUBLIC_TOKEN", let message) = answer, message.contains("already been exchanged") else {
                return failures.append("public token exchanged by server \(record.generation) exchanged again: \(answer)")
            }
            reexchangesRefused += 1
        }
    }
}
