import Foundation
import Logging
import NIOConcurrencyHelpers
import PlaidAudit
package import PlaidClient
import PlaidModels
import PlaidProfiles

/// What the `plaid` module shares across one run: the environment it reads its defaults from,
/// the embedded sandbox (started on first use), and one pooled ``PlaidClient`` per distinct
/// configuration, so every `plaid.client{...}` with the same settings shares connections.
public actor PlaidContext {
    public nonisolated let environment: [String: String]
    private let startEmbedded: EmbeddedSandboxStarter
    private var embedded: Task<EmbeddedSandbox, any Error>?
    private var clients: [String: PlaidClient] = [:]
    /// Sees every attempt of every client made in this run (the batch runner's pacing).
    private let callGate: (any PlaidCallGate)?
    /// Retries for clients whose options name none (the batch runner's `--retries`).
    let defaultRetries: Int?
    /// How the run was started: `--safe`, and the profile `--profile` or `PLAIDLUA_PROFILE` chose.
    package private(set) var access = RunAccess()
    /// Profile secrets already read, by profile and partner: a `secret_command` runs once a run,
    /// not once per client a handler makes.
    private var profileSecrets: [String: String] = [:]
    /// Every secret this run knows of — from the environment, options and the embedded
    /// sandbox — so printing and history can keep them out.
    private nonisolated let secrets: NIOLockedValueBox<Set<String>>
    /// The audit log every client appends its calls to, opened with the first client.
    private var audit: AuditState = .notOpened
    private nonisolated let auditRun = AuditRun(name: "plaidlua")
    /// Set once the run has said on stderr that calls are not being recorded.
    private nonisolated let auditWarned = NIOLockedValueBox(false)

    private enum AuditState {
        case notOpened
        case open(AuditLog)
        /// `PLAIDLUA_AUDIT=off`, or the log could not be opened.
        case off
    }

    public init(environment: [String: String], startEmbedded: @escaping EmbeddedSandboxStarter) {
        self.init(environment: environment, startEmbedded: startEmbedded, callGate: nil, defaultRetries: nil)
    }

    package init(environment: [String: String], startEmbedded: @escaping EmbeddedSandboxStarter,
         callGate: (any PlaidCallGate)?, defaultRetries: Int?) {
        self.environment = environment
        self.startEmbedded = startEmbedded
        self.callGate = callGate
        self.defaultRetries = defaultRetries
        secrets = NIOLockedValueBox(Set(environment.filter { $0.key.hasSuffix("SECRET") && !$0.value.isEmpty }.map(\.value)))
    }

    /// Sets how the run was started, before any client is made.
    public func restrict(_ access: RunAccess) {
        self.access = access
        for secret in access.knownProfileSecrets(environment: environment) { remember(secret: secret) }
    }

    /// The secret `source` gives for `profile` (and `partner`), read on first use.
    func profileSecret(_ source: SecretSource, profile: String, partner: String?) throws -> String {
        let key = profile + "\u{0}" + (partner ?? "")
        if let known = profileSecrets[key] { return known }
        let secret = try source.read(environment: environment, profile: profile)
        profileSecrets[key] = secret
        return secret
    }

    /// Whether `text` is one of the run's secrets.
    public nonisolated func isSecret(_ text: String) -> Bool {
        secrets.withLockedValue { $0.contains(text) }
    }

    nonisolated func remember(secret: String) {
        secrets.withLockedValue { _ = $0.insert(secret) }
    }

    /// `text` fit for people and logs: the run's secrets cut out (as a client's own messages
    /// do), tokens and the hidden parts of tokens masked (see ``Redaction/maskTokens(in:)``).
    public nonisolated func redact(_ text: String) -> String {
        let known = secrets.withLockedValue { $0 }
        var text = text
        // Longest first, so a secret holding another is cut whole.
        for secret in known.sorted(by: { $0.count > $1.count }) where secret.count >= 4 && text.contains(secret) {
            text = text.replacing(secret, with: "<redacted>")
        }
        return Redaction.maskTokens(in: text)
    }

    /// The embedded sandbox, started by the first caller; later callers share it.
    func embeddedSandbox() async throws -> EmbeddedSandbox {
        if let embedded { return try await embedded.value }
        let starting = Task {
            let sandbox = try await startEmbedded()
            for client in [sandbox.developer] + Array(sandbox.processors.values) { remember(secret: client.secret) }
            return sandbox
        }
        embedded = starting
        return try await starting.value
    }

    /// The embedded sandbox's address when it has already started.
    var embeddedBaseURL: String? {
        get async {
            guard let embedded else { return nil }
            return try? await embedded.value.baseURL
        }
    }

    /// Which run the audit log says calls come from: the script, `-e`, `repl`, `batch <handler>`.
    public nonisolated var run: String {
        get { auditRun.name }
        set { auditRun.name = newValue }
    }

    /// The client for `identity`, made on first use; its calls go to the audit log labelled with
    /// `profile` and `environmentName`.
    func client(for configuration: PlaidClient.Configuration, identity: String, profile: String?,
                environmentName: String) -> PlaidClient {
        if let existing = clients[identity] { return existing }
        let trail = auditLog().map { log in
            AuditTrail(log: log, profile: profile, environment: environmentName, run: auditRun) { [auditWarned] error in
                Self.warnOnce(auditWarned, "a call could not be written to the audit log (\(error)); the run goes on")
            }
        }
        let client = PlaidClient(configuration: configuration, logger: Self.logger(environment), gate: callGate, observer: trail)
        clients[identity] = client
        return client
    }

    /// Records a webhook `webhooks listen` received: `endpoint` names it (`webhook TRANSACTIONS
    /// SYNC_UPDATES_AVAILABLE`), `rule` the check it failed, if any.
    package func recordReceived(endpoint: String, status: Int, rule: String?, latencyMilliseconds: Double) async {
        guard let log = auditLog() else { return }
        let entry = AuditEntry(time: Date(), profile: access.profile?.name, environment: "webhooks", endpoint: endpoint, token: nil,
                               requestID: nil, status: status, errorType: rule == nil ? nil : "webhook", errorCode: rule, attempts: 1,
                               latencyMilliseconds: latencyMilliseconds, run: auditRun.label)
        do {
            try await log.append(entry)
        } catch {
            Self.warnOnce(auditWarned, "a webhook could not be written to the audit log (\(error)); listening goes on")
        }
    }

    /// `$PLAIDLUA_HOME/audit.sqlite`, opened on first use, unless `PLAIDLUA_AUDIT=off`. A log that
    /// cannot be opened does not stop the run: it says so once and records nothing.
    private func auditLog() -> AuditLog? {
        switch audit {
        case .open(let log): return log
        case .off: return nil
        case .notOpened:
            if environment["PLAIDLUA_AUDIT"]?.lowercased() == "off" {
                audit = .off
                return nil
            }
            do {
                let log = try AuditLog(directory: DataDirectory.resolve(environment: environment)) { notice in
                    FileHandle.standardError.write(Data((notice + "\n").utf8))
                }
                audit = .open(log)
                return log
            } catch {
                audit = .off
                Self.warnOnce(auditWarned, "the audit log cannot be opened (\(error)); calls are not being recorded")
                return nil
            }
        }
    }

    /// One line on stderr, the first time only: a run that cannot keep its audit log goes on.
    private static func warnOnce(_ warned: NIOLockedValueBox<Bool>, _ problem: String) {
        let first = warned.withLockedValue { warned in
            defer { warned = true }
            return !warned
        }
        guard first else { return }
        let line = "plaidlua: \(problem) (PLAIDLUA_AUDIT=off turns the log off)"
        FileHandle.standardError.write(Data((line.split(whereSeparator: \.isNewline).joined(separator: " ") + "\n").utf8))
    }

    /// Closes every client's connections; call once the scripts are done.
    public func shutdown() async {
        for client in clients.values { try? await client.shutdown() }
        clients = [:]
    }

    /// The client's debug lines (attempts, retries) go to stderr when `PLAIDLUA_LOG=debug`.
    private static func logger(_ environment: [String: String]) -> Logger {
        var logger = Logger(label: "plaidlua.client") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = PlaidLog.Level(environment["PLAIDLUA_LOG"]) == .debug ? .debug : .warning
        return logger
    }
}
