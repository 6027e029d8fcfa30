import ArgumentParser
import Foundation
import PlaidLua
import PlaidLuaBatch

/// `plaidlua batch HANDLER.lua --input FILE --output FILE [...]`: a Lua handler over every
/// record of an input.
struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plaidlua batch",
        abstract: "Run a Lua handler over every record of a JSON Lines or CSV input.",
        discussion: """
            HANDLER.lua returns function(record, ctx), or a table with handle(record, ctx) and optional \
            setup(ctx) and finish(summary). One JSON line per record goes to the output: \
            {"line": N, "ok": true, "result": ...} or {"line": N, "ok": false, "error": {...}}.
            Exit status: 0 every record succeeded, 3 some failed, 1 the run could not start or was stopped (Ctrl-C, --timeout), \
            2 usage error.
            The outputs of a run split with --shard are joined, and checked, by 'plaidlua batch merge' (see its --help); \
            a handler file named merge is given as ./merge.
            See docs/batch.md.
            Example:
              plaidlua batch fetch_balance --input tokens.csv --output out.jsonl
            """
    )

    @Argument(help: "The Lua file that returns the handler, or a shipped or user script's name (sync_transactions).")
    var handler: String

    @Option(help: "The input: JSON Lines or CSV with a header row; - for standard input.")
    var input: String

    @Option(name: .customLong("input-format"), help: "jsonl or csv (default: from the input's extension; jsonl for standard input).")
    var inputFormat: String?

    @Option(help: "Where the results go, one JSON line per record; - for standard output.")
    var output: String

    @Option(help: "Also copy each failed record here, as input ready to run again.")
    var errors: String?

    @Option(help: "Write the run's summary here as JSON.")
    var summary: String?

    @Option(help: "Records in flight at once.")
    var concurrency = 16

    @Option(help: "At most this many API calls per second across the run.")
    var rate: Double?

    @Option(help: "Retries of a call that failed for a passing reason (rate limit, API_ERROR, connection); default 3.")
    var retries: Int?

    @Flag(help: "Continue a run: skip the records the output already answers.")
    var resume = false

    @Option(help: ArgumentHelp("Only the records whose line n has (n-1) % N == K, K from 0 to N-1; auto takes K and N from a "
                               + "Kubernetes Indexed Job (JOB_COMPLETION_INDEX, PLAIDLUA_SHARDS) or a Slurm array (SLURM_ARRAY_TASK_*).",
                               valueName: "K/N|auto"))
    var shard: String?

    @Flag(help: "Write results in input order rather than as they finish.")
    var ordered = false

    @Flag(name: .customLong("fail-fast"), help: "Stop taking records at the first failure.")
    var failFast = false

    @Flag(name: .customLong("dry-run"), help: "Load the handler and read every record, but call nothing and write no output.")
    var dryRun = false

    @Option(help: ArgumentHelp("Convert CSV columns: name=integer|number|boolean|string, comma-separated.", valueName: "types"))
    var types: String?

    @Option(help: ArgumentHelp("Stop the run after this many seconds, as a second Ctrl-C would; --resume continues it.",
                               valueName: "seconds"))
    var timeout: String?

    @Option(name: .customLong("memory-limit"),
            help: ArgumentHelp("Let Lua hold at most this much (64M, 512K, 2G); a handler that needs more fails its record.",
                               valueName: "size"))
    var memoryLimit: String?

    @Flag(help: "Run the handler as untrusted code, as 'plaidlua --safe' runs a script (see docs/security.md).")
    var safe = false

    @Option(help: ArgumentHelp("Use this profile of config.toml (default: $PLAIDLUA_PROFILE).", valueName: "name"))
    var profile: String?

    @Option(name: .customLong("retry-budget"),
            help: ArgumentHelp("Keep retrying a rate-limited call for up to this many seconds (default 90).", valueName: "seconds"))
    var retryBudget: String?

    func validate() throws {
        guard (1...10_000).contains(concurrency) else { throw ValidationError("--concurrency must be from 1 to 10000, not \(concurrency)") }
        if let rate, !(rate > 0 && rate.isFinite) { throw ValidationError("--rate must be a positive number of calls per second") }
        if let retries, !(0...99).contains(retries) { throw ValidationError("--retries must be from 0 to 99, not \(retries)") }
        if let shard, shard != "auto", Shard(parsing: shard) == nil {
            throw ValidationError("--shard \(shard) is not K/N with 0 <= K < N, such as 0/4, or auto")
        }
        if let inputFormat, InputFormat(rawValue: inputFormat) == nil {
            throw ValidationError("--input-format must be jsonl or csv, not \(inputFormat)")
        }
        if inputFormat == nil, InputFormat(given: nil, path: input) == nil {
            throw ValidationError("cannot tell the format of \(input) from its extension; pass --input-format jsonl or csv")
        }
        if resume, output == "-" { throw ValidationError("--resume needs an output file, not standard output") }
        _ = try parsedTypes()
        if let timeout, LimitOptions.seconds(timeout) == nil {
            throw ValidationError("--timeout needs \(LimitOptions.secondsExpected), not '\(timeout)'")
        }
        if let retryBudget, LimitOptions.seconds(retryBudget) == nil {
            throw ValidationError("--retry-budget needs \(LimitOptions.secondsExpected), not '\(retryBudget)'")
        }
        if let memoryLimit, LimitOptions.byteCount(memoryLimit) == nil {
            throw ValidationError("--memory-limit needs \(LimitOptions.sizeExpected), not '\(memoryLimit)'")
        }
    }

    func parsedTypes() throws -> [String: FieldType] {
        guard let types else { return [:] }
        var parsed: [String: FieldType] = [:]
        for entry in types.split(separator: ",") {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let type = FieldType(rawValue: parts[1]) else {
                throw ValidationError("--types entry '\(entry)' is not name=integer, name=number, name=boolean or name=string")
            }
            parsed[parts[0]] = type
        }
        return parsed
    }

    /// The run's settings; `--shard auto` is resolved from `environment`, announcing on stderr
    /// which shard it took from what, for the job's log.
    func settings(environment: [String: String], paths: ScriptPaths) throws -> BatchSettings {
        var settings = BatchSettings(handlerPath: paths.handler(handler), input: input, output: output)
        settings.inputFormat = inputFormat.flatMap(InputFormat.init(rawValue:))
        settings.errors = errors
        settings.summary = summary
        settings.concurrency = concurrency
        settings.rate = rate
        settings.retries = retries
        settings.resume = resume
        if shard == "auto" {
            let (shard, source) = try Shard.fromScheduler(environment)
            printError("plaidlua batch: shard \(shard) (from \(source))")
            settings.shard = shard
        } else {
            settings.shard = shard.flatMap(Shard.init(parsing:))
        }
        settings.ordered = ordered
        settings.failFast = failFast
        settings.dryRun = dryRun
        settings.types = try parsedTypes()
        settings.timeout = timeout.flatMap(LimitOptions.seconds)
        settings.memoryLimit = memoryLimit.flatMap(LimitOptions.byteCount)
        settings.safe = safe
        settings.profile = profile
        settings.retryBudget = retryBudget.flatMap(LimitOptions.seconds)
        return settings
    }

    /// Parses `arguments` (what follows `batch`) and runs the batch; returns the exit status.
    static func run(arguments: [String], executable: String) async -> Int32 {
        if arguments.first == "merge" { return BatchMergeCommand.run(arguments: Array(arguments.dropFirst())) }
        let command: BatchCommand
        do {
            command = try parse(arguments)
        } catch {
            return report(error, command: "plaidlua batch")
        }
        let environment = ProcessInfo.processInfo.environment
        let sandbox = EmbeddedSandboxLauncher(environment: environment)
        let paths = ScriptPaths.discover(environment: environment, executable: executable)
        let runner: BatchRunner
        do {
            runner = BatchRunner(settings: try command.settings(environment: environment, paths: paths), environment: environment,
                                 paths: paths,
                                 startEmbedded: { try await sandbox.start() })
        } catch {
            printError("plaidlua batch: \(error)")
            return 2
        }
        let status = await runner.run()
        await sandbox.stop()
        return status
    }
}
