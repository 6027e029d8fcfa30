import Dispatch
import Foundation
import LuaBridge
public import PlaidLua
import PlaidModels
import Synchronization

/// `plaidlua batch`: runs a Lua handler over every record of an input, many records at once on
/// one Lua state, writing one JSON line per record. See `docs/batch.md`.
public struct BatchRunner {
    public var settings: BatchSettings
    public var environment: [String: String]
    public var paths: ScriptPaths
    public var startEmbedded: EmbeddedSandboxStarter

    /// Every record succeeded.
    public static let succeeded: Int32 = 0
    /// The run could not start, or was stopped before the input ended.
    public static let stoppedEarly: Int32 = 1
    /// The run ended and some records failed.
    public static let someFailed: Int32 = 3

    public init(settings: BatchSettings, environment: [String: String], paths: ScriptPaths,
                startEmbedded: @escaping EmbeddedSandboxStarter) {
        self.settings = settings
        self.environment = environment
        self.paths = paths
        self.startEmbedded = startEmbedded
    }

    public func run() async -> Int32 {
        let terminal = BatchTerminal(showsProgress: isatty(2) != 0 && !settings.dryRun)
        func refuse(_ message: String) -> Int32 {
            terminal.writeLine("plaidlua batch: \(message)")
            return Self.stoppedEarly
        }

        let input: Preflight
        switch preflight() {
        case .success(let checked): input = checked
        case .failure(let refusal): return refuse(refusal.message)
        }
        defer { if input.descriptor > 0 { close(input.descriptor) } }
        let (format, access) = (input.format, input.access)
        // Made here rather than in the preflight, so the feed can take it over.
        let reader = RecordReader(descriptor: input.descriptor, format: format, types: settings.types)
        do {
            try reader.readHeader()
        } catch {
            return refuse("\(settings.input): \(error)")
        }
        let pacer = CallPacer(rate: settings.rate)
        let context = PlaidContext(environment: environment, startEmbedded: startEmbedded, callGate: pacer,
                                   defaultRetries: settings.retries)
        context.run = "batch " + settings.handlerPath
        let feed = BatchFeed(reader: reader, settings: settings)
        let started = ContinuousClock.now
        let total = terminal.showsProgress ? countInputRecords(path: settings.input, format: format, shard: settings.shard) : nil
        await context.restrict(access)

        let runtime: LuaRuntime
        do {
            runtime = try await prepareLua(context: context, feed: feed, pacer: pacer, terminal: terminal, started: started, access: access)
        } catch {
            await context.shutdown()
            return refuse("cannot prepare Lua: \(context.redact("\(error)"))")
        }

        let signals = BatchSignals(feed: feed, runtime: runtime)
        // At the deadline the run ends as a second Ctrl-C ends it; the feed is aborted first, so
        // the records cut off write nothing and run again on --resume.
        let watchdog = settings.timeout.map { Watchdog(runtime: runtime, seconds: $0, beforeCancelling: { await feed.abort() }) }
        let progress = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                let counts = await feed.counts
                if Task.isCancelled { break }
                terminal.drawBar(ProgressLine(done: counts.ok + counts.failed + counts.skipped, total: total, failed: counts.failed,
                                              retries: pacer.retries, elapsed: Self.seconds(since: started)).text)
            }
        }

        let handler = HandlerFile(path: settings.handlerPath)
        var failure: String?
        do {
            _ = try await runtime.run("return require('plaidlua.batch').main(...)", chunkName: "=(batch)",
                                      arguments: [.string(settings.handlerPath), .string(handler.name), .string(handler.folder),
                                                  .string(handler.path)])
        } catch let error as LuaError {
            failure = error.traceback.map { "\(error.message)\n\($0)" } ?? error.message
        } catch {
            failure = "\(error)"
        }
        watchdog?.stop()
        let timedOut = watchdog?.fired ?? false
        // The timer's own abort may still be on its way; nothing may be written after the summary.
        if timedOut { await feed.abort() }
        progress.cancel()
        await progress.value
        await context.shutdown()

        let counts = await feed.counts
        let aborted = await feed.aborted
        let interrupted = signals.count > 0 || timedOut
        let summary = Self.summary(counts, pacer: pacer, elapsed: Self.seconds(since: started), interrupted: interrupted,
                                   dryRun: settings.dryRun)
        terminal.writeLine(Self.summaryText(summary))
        if let path = settings.summary {
            do {
                let json = try LuaJSON.encode(summary, options: .init(sortsKeys: true, pretty: true)) + [UInt8(ascii: "\n")]
                try AppendedFile(path: path, truncating: true).write(json)
            } catch {
                terminal.writeLine("plaidlua batch: cannot write the summary to \(path): \(error)")
            }
        }
        let outcome = Self.outcome(of: BatchEnding(failure: failure, timeout: timedOut ? watchdog?.limit : nil, aborted: aborted,
                                                   interrupted: interrupted, memoryLimit: settings.memoryLimit, failed: counts.failed))
        if let message = outcome.message { terminal.writeLine("plaidlua batch: \(context.redact(message))") }
        return outcome.status
    }

    /// What a run must have before any Lua runs: the handler, the input, an output that will not
    /// be overwritten, and the profile.
    struct Preflight {
        let format: InputFormat
        /// Standard input (0) or the opened input file, which the caller closes.
        let descriptor: Int32
        let access: RunAccess
    }

    struct Refusal: Error {
        let message: String
    }

    func preflight() -> Result<Preflight, Refusal> {
        guard FileManager.default.isReadableFile(atPath: settings.handlerPath) else {
            return .failure(Refusal(message: "cannot read the handler \(settings.handlerPath)"))
        }
        let format = InputFormat(given: settings.inputFormat, path: settings.input)
        guard let format else {
            return .failure(Refusal(message: "cannot tell the format of \(settings.input) from its name; pass --input-format jsonl or csv"))
        }
        if !settings.resume, !settings.dryRun, settings.output != "-",
           let size = (try? FileManager.default.attributesOfItem(atPath: settings.output))?[.size] as? Int, size > 0 {
            return .failure(Refusal(message: "\(settings.output) already holds output; pass --resume to continue that run, or remove it"))
        }
        let access: RunAccess
        do {
            access = try RunAccess.resolve(safe: settings.safe, profileName: settings.profile, environment: environment,
                                           retryBudget: settings.retryBudget)
        } catch {
            return .failure(Refusal(message: "\(error)"))
        }
        let descriptor = settings.input == "-" ? 0 : open(settings.input, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .failure(Refusal(message: "cannot open the input \(settings.input): \(String(cString: strerror(errno)))"))
        }
        return .success(Preflight(format: format, descriptor: descriptor, access: access))
    }

    /// How a run ended, as ``outcome(of:)`` needs it.
    struct BatchEnding: Equatable {
        /// The driver's own failure (the handler did not load, Lua ran out of memory), if any.
        var failure: String?
        /// `--timeout` as messages show it, when the run passed it.
        var timeout: String?
        /// A second Ctrl-C or the timeout stopped writing.
        var aborted = false
        /// A signal or the timeout stopped taking records.
        var interrupted = false
        var memoryLimit: Int?
        /// Records that failed.
        var failed = 0
    }

    /// The last line for the terminal (if any) and the exit status, from how the run ended.
    static func outcome(of ending: BatchEnding) -> (message: String?, status: Int32) {
        if let timeout = ending.timeout {
            return ("the run passed --timeout \(timeout); run again with --resume to finish the remaining records", stoppedEarly)
        }
        if var failure = ending.failure, !ending.aborted {
            if let limit = ending.memoryLimit, failure.hasPrefix(memoryError) {
                failure = "the handler needed more than --memory-limit \(limit / 1024) KiB: \(failure)"
            }
            return (failure, stoppedEarly)
        }
        if ending.interrupted || ending.aborted {
            return ("stopped before the end of the input; run again with --resume to finish", stoppedEarly)
        }
        return (nil, ending.failed > 0 ? someFailed : succeeded)
    }

    /// One Lua state with the `plaid` module, the search path (fixed under `--safe`) and the
    /// batch driver.
    private func prepareLua(context: PlaidContext, feed: BatchFeed, pacer: CallPacer, terminal: BatchTerminal,
                            started: ContinuousClock.Instant, access: RunAccess) async throws -> LuaRuntime {
        let runtime = try LuaRuntime(options: .init(libraries: settings.safe ? .safe : .standard, memoryLimit: settings.memoryLimit,
                                                redact: { [context] in context.redact($0) },
                                                searchPaths: paths.searchPaths(environment: environment)))
        try await PlaidModule.install(in: runtime, context: context)
        if settings.safe {
            try await runtime.lockSafeLibrary(path: paths.safeSearchPath(scriptFolder: ScriptPaths.realFolder(of: settings.handlerPath)),
                                              hiddenVariables: access.hiddenVariables)
        }
        try await runtime.registerModule("plaidlua.batch", source: BatchDriver.source,
                                         functions: Self.coreFunctions(feed: feed, pacer: pacer, terminal: terminal, context: context,
                                                                       started: started, dryRun: settings.dryRun,
                                                                       logLevel: PlaidLog.Level(environment["PLAIDLUA_LOG"])),
                                         values: ["retries": .integer(Int64(settings.retries ?? BatchSettings.defaultRetries)),
                                                  "concurrency": .integer(Int64(settings.concurrency)),
                                                  "safe": .boolean(settings.safe),
                                                  "dry_run": .boolean(settings.dryRun),
                                                  "memory_limit": settings.memoryLimit.map { .integer(Int64($0)) } ?? .nil])
        return runtime
    }

    /// Lua's message for an allocation the memory budget refused.
    static let memoryError = "not enough memory"

    private static func coreFunctions(feed: BatchFeed, pacer: CallPacer, terminal: BatchTerminal, context: PlaidContext,
                                      started: ContinuousClock.Instant, dryRun: Bool, logLevel: PlaidLog.Level) -> [String: LuaHostFunction] {
        [
            "open": { _ in .suspend { try await feed.open(); return [] } },
            "read_handler": HandlerFile.read,
            "next": { _ in .suspendLight { issuedValues(try await feed.next()) } },
            // A record's answer, and the next record in the same step: one round trip per record.
            "finish_and_next": { call in
                let place = Int(try call.integer(1)), line = Int(try call.integer(2))
                var ok = try call.value(3) == .boolean(true)
                var json: [UInt8]
                do {
                    json = try LuaJSON.encode(try call.value(4), options: .init(sortsKeys: true))
                } catch {
                    ok = false
                    json = try LuaJSON.encode(.table([
                        "kind": .string("handler"),
                        "message": .string(context.redact("the handler's result cannot be written as JSON: \(error)")),
                    ]), options: .init(sortsKeys: true))
                }
                return .suspendLight { [ok, json] in
                    issuedValues(try await feed.finishAndTakeNext(place: place, line: line, ok: ok, json: json))
                }
            },
            "stop": { _ in .suspend { await feed.stop(); return [] } },
            "retrying": { _ in
                pacer.willRetry()
                return .none
            },
            "redact": { call in .value(.string(context.redact(try call.string(1)))) },
            "readable": { call in .value(.string(context.redact(call.readableText(1)))) },
            // `ctx.log.info(...)`: after the level, the record's prefix and the values, joined as
            // `print` would but readable and redacted.
            "log": { call in
                let level = PlaidLog.Level(try call.string(1))
                if level >= logLevel {
                    let prefix = try call.string(2)
                    let values = (2..<call.count).map { call.readableText($0 + 1) }.joined(separator: " ")
                    terminal.writeLine(PlaidLog.line(level, context.redact(prefix + values)))
                }
                return .none
            },
            "summary": { _ in
                .suspend {
                    [Self.summary(await feed.counts, pacer: pacer, elapsed: Self.seconds(since: started), interrupted: false,
                                  dryRun: dryRun)]
                }
            },
        ]
    }

    /// `place, line, record` for the driver, or nothing once the input is done.
    private static func issuedValues(_ issued: BatchFeed.Issued?) -> [LuaValue] {
        guard let issued else { return [] }
        rememberTokens(in: issued.record)
        return [.integer(Int64(issued.place)), .integer(Int64(issued.line)), issued.record]
    }

    /// A record's tokens count as seen by the run, so their hidden parts are masked in its
    /// messages even when the handler never sends them.
    private static func rememberTokens(in record: LuaValue) {
        switch record {
        case .string(let bytes): if let text = bytes.string { Redaction.rememberIfToken(text) }
        case .table(let fields): fields.values.forEach(rememberTokens(in:))
        case .array(let values): values.forEach(rememberTokens(in:))
        default: break
        }
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// The summary handed to the handler's `finish`, written by `--summary` and printed.
    static func summary(_ counts: BatchCounts, pacer: CallPacer, elapsed: Double, interrupted: Bool, dryRun: Bool) -> LuaValue {
        let calls = pacer.calls
        // The whole input, also after a resume: what earlier runs answered and what this one did.
        return .table([
            "records": .integer(Int64(counts.records + counts.skipped)),
            "ok": .integer(Int64(counts.ok + counts.skipped - counts.failedBefore)),
            "failed": .integer(Int64(counts.failed + counts.failedBefore)),
            "done_before": .integer(Int64(counts.skipped)),
            "done_now": .integer(Int64(counts.records)),
            "failed_now": .integer(Int64(counts.failed)),
            "skipped": .integer(Int64(counts.skipped)),
            "retries": .integer(Int64(pacer.retries)),
            "calls": .integer(Int64(calls)),
            "elapsed_seconds": .number((elapsed * 1000).rounded() / 1000),
            "calls_per_second": .number(elapsed > 0 ? (Double(calls) / elapsed * 10).rounded() / 10 : 0),
            "interrupted": .boolean(interrupted),
            "dry_run": .boolean(dryRun),
        ])
    }

    static func summaryText(_ summary: LuaValue) -> String {
        guard case .table(let fields) = summary else { return "" }
        func integer(_ name: LuaKey) -> Int64 { if case .integer(let value)? = fields[name] { value } else { 0 } }
        func number(_ name: LuaKey) -> Double { if case .number(let value)? = fields[name] { value } else { 0 } }
        if fields["dry_run"] == .boolean(true) {
            let now = integer("done_now"), unreadable = integer("failed_now")
            return "plaidlua batch (dry run): \(now) records: \(now - unreadable) readable, \(unreadable) unreadable, "
                + "\(integer("done_before")) already answered"
        }
        return "plaidlua batch: \(integer("records")) records: \(integer("ok")) ok, \(integer("failed")) failed "
            + "(\(integer("done_before")) done before, \(integer("done_now")) now), \(integer("retries")) retries; "
            + String(format: "%d calls in %.1f s (%.1f calls/s)", integer("calls"), number("elapsed_seconds"), number("calls_per_second"))
    }
}

/// Where the handler file is, named as `require` would name it, so that a shipped workflow
/// loaded as a handler sees itself required and returns its module.
/// Ctrl-C (or SIGTERM) once: take no new records, let those in flight finish. Twice: cancel
/// those too; nothing more is written, and `--resume` runs them again.
final class BatchSignals {
    private final class Received: Sendable {
        let count = Atomic<Int>(0)
    }

    private let received = Received()
    private let sources: [any DispatchSourceSignal]

    init(feed: BatchFeed, runtime: LuaRuntime) {
        let received = self.received
        sources = makeSignalSources([SIGINT, SIGTERM], label: "plaidlua.batch.signals") { _ in
            if received.count.add(1, ordering: .relaxed).newValue == 1 {
                Task { await feed.stop() }
            } else {
                feed.abortRequest.set()
                runtime.interrupt()
                Task {
                    await feed.abort()
                    runtime.cancelAll()
                }
            }
        }
    }

    var count: Int { received.count.load(ordering: .relaxed) }

    deinit {
        for source in sources { source.cancel() }
    }
}
