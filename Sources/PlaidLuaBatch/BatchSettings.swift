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

    func contains(line: Int) -> Bool { (line - 1) % count == index }

    public var description: String { "\(index)/\(count)" }
}
