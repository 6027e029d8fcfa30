import PlaidLua

/// What one `plaidlua batch` run is asked to do.
public struct BatchSettings: Sendable {
    /// The Lua file that returns the handler.
    public var handlerPath: String
    /// The input file, or `-` for standard input.
    public var input: String
    /// The input's format; `nil` takes it from the file's extension (JSON Lines for stdin).
    public var inputFormat: InputFormat?
    /// The output file, or `-` for standard output.
    public var output: String
    /// Where failed records are copied, as input ready to run again.
    public var errors: String?
    /// Where the summary is written as JSON.
    public var summary: String?
    /// Records in flight at once.
    public var concurrency = 16
    /// API attempts per second across the run; `nil` for no limit.
    public var rate: Double?
    /// Retries of a failed call (and of a record whose handler asks for one); `nil` keeps the
    /// client's default.
    public var retries: Int?
    public var resume = false
    public var shard: Shard?
    public var ordered = false
    public var failFast = false
    public var dryRun = false
    /// Types of CSV columns; the others stay strings.
    public var types: [String: FieldType] = [:]
    /// Seconds the whole run may take; at the deadline it stops as a second Ctrl-C stops it.
    public var timeout: Double?
    /// Bytes the run's Lua state may hold; a handler that needs more fails its record.
    public var memoryLimit: Int?
    /// `--safe`: the handler runs with the restricted library, as a `--safe` script does.
    public var safe = false
    /// `--profile`: the profile of `config.toml` the handler's clients use.
    public var profile: String?
    /// `--retry-budget`: seconds a rate-limited call keeps being retried; `nil` keeps the
    /// client's default (90 s).
    public var retryBudget: Double?

    public init(handlerPath: String, input: String, output: String) {
        self.handlerPath = handlerPath
        self.input = input
        self.output = output
    }

    /// Retries when neither the settings nor the client name a number: the client's default.
    static let defaultRetries = 3

    /// Finished records that may wait for an earlier one in ordered output before the runner
    /// stops taking new records.
    var reorderLimit: Int { max(1024, concurrency * 4) }
}

/// `--shard K/N`: the records whose input line `n` has `(n - 1) % N == K`, for K from 0 to N-1.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
              count >= 1, (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    func contains(line: Int) -> Bool { (line - 1) % count == index }

    public var description: String { "\(index)/\(count)" }
}

extension Shard {
    /// Why `--shard auto` found no shard in the environment.
    public struct SchedulerError: Error, CustomStringConvertible {
        public let description: String
    }

    /// `--shard auto`: the shard a job scheduler gave this process, and the variables it came
    /// from. A Kubernetes Indexed Job sets `JOB_COMPLETION_INDEX` but not the completions
    /// count, which its manifest passes as `PLAIDLUA_SHARDS`; a Slurm array sets its task's id
    /// and the array's lowest id, count and step.
    public static func fromScheduler(_ environment: [String: String]) throws(SchedulerError) -> (shard: Shard, source: String) {
        func number(_ name: String) throws(SchedulerError) -> Int? {
            guard let text = environment[name] else { return nil }
            guard let value = Int(text) else {
                throw SchedulerError(description: "\(name) is '\(text)', not a whole number")
            }
            return value
        }
        let kubernetes = try number("JOB_COMPLETION_INDEX")
        let slurm = try number("SLURM_ARRAY_TASK_ID")
        switch (kubernetes, slurm) {
        case (let index?, nil):
            guard let count = try number("PLAIDLUA_SHARDS") else {
                throw SchedulerError(description: "JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job) but PLAIDLUA_SHARDS is not; "
                    + "set it in the manifest to the Job's completions")
            }
            guard count >= 1, (0..<count).contains(index) else {
                throw SchedulerError(description: "JOB_COMPLETION_INDEX \(index) is not from 0 to PLAIDLUA_SHARDS - 1 (PLAIDLUA_SHARDS is \(count))")
            }
            return (Shard(index: index, count: count), "JOB_COMPLETION_INDEX=\(index), PLAIDLUA_SHARDS=\(count)")
        case (nil, let id?):
            guard let lowest = try number("SLURM_ARRAY_TASK_MIN"), let count = try number("SLURM_ARRAY_TASK_COUNT") else {
                throw SchedulerError(description: "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_MIN or SLURM_ARRAY_TASK_COUNT is not; "
                    + "run under sbatch --array")
            }
            let step = try number("SLURM_ARRAY_TASK_STEP") ?? 1
            let highest = try number("SLURM_ARRAY_TASK_MAX")
            let offset = id - lowest
            guard count >= 1, step >= 1, offset >= 0, offset % step == 0, offset / step < count,
                  highest.map({ ($0 - lowest) / step + 1 == count }) ?? true else {
                throw SchedulerError(description: "the Slurm array's task ids are not evenly spaced (task \(id), lowest \(lowest), "
                    + "step \(step), count \(count)); --shard auto needs an array such as --array=0-3 or --array=1-7:2")
            }
            return (Shard(index: offset / step, count: count),
                    "SLURM_ARRAY_TASK_ID=\(id), SLURM_ARRAY_TASK_MIN=\(lowest), SLURM_ARRAY_TASK_COUNT=\(count)")
        case (_?, _?):
            throw SchedulerError(description: "both JOB_COMPLETION_INDEX and SLURM_ARRAY_TASK_ID are set; pass --shard K/N")
        case (nil, nil):
            throw SchedulerError(description: "--shard auto found no scheduler: it reads JOB_COMPLETION_INDEX with PLAIDLUA_SHARDS "
                + "(a Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT (a Slurm array)")
        }
    }
}
