import LuaBridge
import PlaidLua
import PlaidModels
import Synchronization

/// What a run has done so far.
struct BatchCounts: Sendable {
    /// Records this run took from the input (bad ones included).
    var records = 0
    var ok = 0
    var failed = 0
    /// Records a previous run already answered (`--resume`), and how many of those failed;
    /// records outside the shard are not counted at all.
    var skipped = 0
    var failedBefore = 0
    var inFlight = 0
}

/// Hands records to the Lua driver and writes their answers: keeps `concurrency` records in
/// flight, skips what another shard or a previous run owns, fails unreadable records itself,
/// and stops handing out records when asked to (Ctrl-C, `--fail-fast`).
actor BatchFeed {
    struct Issued {
        /// The record's place among those this run handed out, for ordered output.
        let place: Int
        let line: Int
        let record: LuaValue
    }

    private let reader: RecordReader
    private let settings: BatchSettings
    private var output: BatchOutput?
    private var errors: AppendedFile?
    private var answered = AnsweredLines()
    private(set) var counts = BatchCounts()
    private var placesIssued = 0
    /// The input bytes of records in flight, kept for the errors file.
    private var rawRecords: [Int: [UInt8]] = [:]
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var stopping = false
    private var inputEnded = false
    /// After an abort nothing more is written, so the records cut off run again on resume.
    private(set) var aborted = false

    init(reader: RecordReader, settings: BatchSettings) {
        self.reader = reader
        self.settings = settings
    }

    /// Opens the output and errors files, reading back what a previous run answered when
    /// resuming. Called once the handler has loaded, so a bad handler touches no file.
    func open() throws {
        if settings.dryRun {
            if settings.resume { answered = try BatchOutput.readAnswers(path: settings.output, cutsUnfinishedLine: false) }
            return
        }
        if settings.resume { answered = try BatchOutput.readAnswers(path: settings.output, cutsUnfinishedLine: true) }
        let file = settings.output == "-" ? AppendedFile(standardOutput: ()) : try AppendedFile(path: settings.output, truncating: false)
        output = BatchOutput(file: file, ordered: settings.ordered)
        if let path = settings.errors {
            let errors = try AppendedFile(path: path, truncating: true)
            if let header = reader.headerBytes { try errors.write(header + [UInt8(ascii: "\n")]) }
            self.errors = errors
        }
    }

    /// The next record for the handler, waiting while `concurrency` records are in flight;
    /// `nil` once the input is done or the run is stopping.
    func next() async throws -> Issued? {
        while true {
            if stopping || inputEnded { return nil }
            if mustWait {
                await withCheckedContinuation { waiters.append($0) }
                continue
            }
            guard let record = try reader.next() else {
                inputEnded = true
                return nil
            }
            if let shard = settings.shard, !shard.contains(line: record.line) { continue }
            if let wasOK = answered.answer(for: record.line) {
                counts.skipped += 1
                if !wasOK {
                    counts.failedBefore += 1
                    try errors?.write(record.raw + [UInt8(ascii: "\n")])
                }
                continue
            }
            counts.records += 1
            switch record.value {
            case .failure(let problem):
                let place = takePlace()
                try finishLocally(place: place, line: record.line, raw: record.raw, problem: problem)
            case .success(let value):
                if settings.dryRun {
                    counts.ok += 1
                    continue
                }
                let place = takePlace()
                counts.inFlight += 1
                if errors != nil { rawRecords[place] = record.raw }
                return Issued(place: place, line: record.line, record: value)
            }
        }
    }

    /// Records the answer for a record handed out by ``next()``.
    func finish(place: Int, line: Int, ok: Bool, json: [UInt8]) throws {
        counts.inFlight -= 1
        let raw = rawRecords.removeValue(forKey: place)
        defer { wakeWaiters() }
        guard !aborted, !abortRequest.isSet else { return }
        try output?.write(place: place, line: BatchOutput.line(number: line, ok: ok, json: json))
        if ok {
            counts.ok += 1
        } else {
            counts.failed += 1
            if let raw { try errors?.write(raw + [UInt8(ascii: "\n")]) }
            if settings.failFast { stopping = true }
        }
    }

    /// ``finish(place:line:ok:json:)`` and then ``next()``: a driver task that answered one record
    /// takes the next in the same step.
    func finishAndTakeNext(place: Int, line: Int, ok: Bool, json: [UInt8]) async throws -> Issued? {
        try finish(place: place, line: line, ok: ok, json: json)
        return try await next()
    }

    /// Stops handing out records; those in flight finish and are written.
    func stop() {
        stopping = true
        wakeWaiters()
    }

    /// Set from a signal handler before the Lua code is interrupted, so the interrupted
    /// record's answer cannot be written ahead of ``abort()``, which reaches the actor later.
    nonisolated let abortRequest = AbortRequest()

    final class AbortRequest: Sendable {
        private let flag = Atomic<Bool>(false)
        var isSet: Bool { flag.load(ordering: .acquiring) }
        func set() { flag.store(true, ordering: .releasing) }
    }

    /// Stops handing out records and writing answers.
    func abort() {
        aborted = true
        stop()
    }

    private var mustWait: Bool {
        if counts.inFlight >= settings.concurrency { return true }
        if let output, output.waitingCount >= settings.reorderLimit { return true }
        return false
    }

    private func takePlace() -> Int {
        defer { placesIssued += 1 }
        return placesIssued
    }

    /// A record that cannot be read fails here, without reaching the handler.
    private func finishLocally(place: Int, line: Int, raw: [UInt8], problem: RecordProblem) throws {
        counts.failed += 1
        if settings.failFast { stopping = true }
        guard !settings.dryRun else { return }
        // The message may quote the record (a cell that is not a number), so its tokens are masked.
        let message = Redaction.maskTokens(in: problem.message)
        let error = try LuaJSON.encode(.table(["kind": .string("input"), "message": .string(message)]), options: .init(sortsKeys: true))
        try output?.write(place: place, line: BatchOutput.line(number: line, ok: false, json: error))
        try errors?.write(raw + [UInt8(ascii: "\n")])
    }

    private func wakeWaiters() {
        let waking = waiters
        waiters = []
        for waiter in waking { waiter.resume() }
    }
}
