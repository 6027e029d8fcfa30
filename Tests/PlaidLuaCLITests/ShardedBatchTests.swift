import Foundation
import PlaidLuaTesting
import Testing

/// One run split across processes as a scheduler splits it (`--shard auto`), and joined again
/// by `plaidlua batch merge`, which writes nothing unless every record is answered exactly once.
@Suite struct ShardedBatchTests {
    /// Balances from the embedded sandbox, which the four processes share.
    static let balanceHandler = """
        return function(record, ctx)
          return ctx.partner("dwolla"):processor_balance_get({ processor_token = record.processor_token }).account.account_id
        end
        """

    /// Four processes of a Kubernetes Indexed Job at once over one input with a blank line and
    /// a token the sandbox does not know; the merge is the output of one run, in input order.
    @Test func fourShardsOfAnIndexedJobMergeIntoOneRunsOutput() throws {
        let workspace = try BatchWorkspace()
        let tokens = try workspace.processorTokens(3)
        var input = workspace.tokenRecords(41, tokens: tokens)
        input = input.replacingOccurrences(of: "\n", with: "\n\n", options: [], range: input.range(of: "\n"))
        input += #"{"processor_token": "processor-sandbox-00000000-0000-0000-0000-000000000000"}"# + "\n"
        try workspace.write("tokens.jsonl", input)
        try workspace.write("handler.lua", Self.balanceHandler)

        let shards = try (0..<4).map { index in
            try RunningCommand(["batch", "handler.lua", "--input", "tokens.jsonl", "--output", "out.\(index).jsonl", "--shard", "auto"],
                               environment: workspace.environment.merging(["JOB_COMPLETION_INDEX": "\(index)", "PLAIDLUA_SHARDS": "4"]) { $1 },
                               directory: workspace.folder)
        }
        var answered: [Int] = []
        for (index, shard) in shards.enumerated() {
            let run = shard.finish()
            #expect(run.status == (index == 2 ? 3 : 0), "shard \(index): \(run.standardError)")
            #expect(run.standardError.contains("shard \(index)/4 (from JOB_COMPLETION_INDEX=\(index), PLAIDLUA_SHARDS=4)"), "\(run.standardError)")
            let lines = try OutputLine.parse(try workspace.read("out.\(index).jsonl"))
            #expect(lines.allSatisfy { ($0.line - 1) % 4 == index }, "shard \(index) took only its own lines")
            answered += lines.map(\.line)
        }
        // 43 input lines: line 2 is blank and takes no output; line 43, in shard 2, is the unknown token.
        let records = [1] + Array(3...43)
        #expect(answered.sorted() == records)

        let outputs = (0..<4).map { "out.\($0).jsonl" }
        let merged = try workspace.batch(["merge"] + outputs + ["--input", "tokens.jsonl", "--output", "merged.jsonl"])
        #expect(merged.status == 3, "one record failed in its run: \(merged.standardError)")
        #expect(merged.standardError.contains("42 records from 4 outputs, each answered once (41 ok, 1 failed)"), "\(merged.standardError)")
        let text = try workspace.read("merged.jsonl")
        #expect(try OutputLine.parse(text).map(\.line) == records, "in input order")
        let unchanged = try outputs.flatMap { try workspace.read($0).split(separator: "\n") }
        #expect(text.split(separator: "\n").sorted() == unchanged.sorted(), "every line copied byte for byte")
        let mode = try FileManager.default.attributesOfItem(atPath: workspace.path("merged.jsonl"))[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let again = try workspace.batch(["merge"] + outputs + ["--input", "tokens.jsonl", "--output", "merged.jsonl"])
        #expect(again.status == 1 && again.standardError.contains("merged.jsonl already holds output"), "\(again.standardError)")
        #expect(try workspace.read("merged.jsonl") == text)
    }

    /// Every way the outputs can fail to answer the input exactly once is named, and then
    /// nothing is written.
    @Test func mergeNamesWhatIsMissingOrTwiceAndWritesNothing() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", (1...30).map { "{\"n\": \($0)}\n" }.joined())
        try workspace.write("handler.lua", "return function(record) return record.n end")
        for index in 0..<3 {
            let run = try workspace.batch(["handler.lua", "--input", "records.jsonl", "--output", "out.\(index).jsonl", "--shard", "\(index)/3", "--ordered"])
            #expect(run.status == 0, "\(run.standardError)")
        }
        let whole = try workspace.read("out.2.jsonl")
        try workspace.write("cut.jsonl", String(whole.dropLast(3)))
        try workspace.write("foreign.jsonl", whole + "{\"hello\": 1}\n")
        try workspace.write("beyond.jsonl", whole + "{\"line\":31,\"ok\":true,\"result\":31}\n")

        let cases: [([String], String)] = [
            (["out.0.jsonl", "out.2.jsonl"], "records with no answer (10 of 30): line 2, line 5, line 8, line 11, line 14 and 5 more; "
                + "they are exactly shard 1/3's records"),
            (["out.0.jsonl", "out.1.jsonl", "out.2.jsonl", "out.1.jsonl"], "records answered more than once (10): "
                + "line 2 (out.1.jsonl line 1 and out.1.jsonl line 1)"),
            (["out.0.jsonl", "out.1.jsonl", "out.2.jsonl", "out.1.jsonl", "out.1.jsonl"], "records answered more than once (10): "),
            (["out.0.jsonl", "out.1.jsonl", "out.3.jsonl"], "out.3.jsonl does not exist"),
            (["out.0.jsonl", "out.1.jsonl", "cut.jsonl"], "cut.jsonl ends with a line cut short"),
            (["out.0.jsonl", "out.1.jsonl", "foreign.jsonl"], "foreign.jsonl line 11 is not a line of batch output"),
            (["out.0.jsonl", "out.1.jsonl", "beyond.jsonl"], "answers for lines the input does not have (1): line 31 (beyond.jsonl line 11)"),
        ]
        for (outputs, problem) in cases {
            let run = try workspace.batch(["merge"] + outputs + ["--input", "records.jsonl", "--output", "merged.jsonl"])
            #expect(run.status == 1, "\(outputs): \(run.standardError)")
            #expect(run.standardError.contains(problem), "\(outputs): \(run.standardError)")
            #expect(run.standardError.hasSuffix("plaidlua batch merge: nothing written\n"), "\(run.standardError)")
            #expect(!workspace.exists("merged.jsonl"))
        }
        let toStandardOutput = try workspace.batch(["merge", "out.0.jsonl", "out.1.jsonl", "out.2.jsonl", "--input", "records.jsonl", "--output", "-"])
        #expect(toStandardOutput.status == 0, "\(toStandardOutput.standardError)")
        #expect(try OutputLine.parse(toStandardOutput.standardOutput).map(\.line) == Array(1...30))
    }

    /// A Slurm array numbered 1, 3, 5, 7 is the shards 0/4 to 3/4.
    @Test func aSlurmArrayWithAStepIsFourShards() throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", (1...20).map { "{\"n\": \($0)}\n" }.joined())
        try workspace.write("handler.lua", "return function(record) return record.n end")
        for (index, id) in [1, 3, 5, 7].enumerated() {
            var environment = workspace.environment
            environment.merge(["SLURM_ARRAY_TASK_ID": "\(id)", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "7",
                               "SLURM_ARRAY_TASK_STEP": "2", "SLURM_ARRAY_TASK_COUNT": "4"]) { $1 }
            let run = try CommandRun.plaidlua(["batch", "handler.lua", "--input", "records.jsonl", "--output", "task.\(id).jsonl", "--shard", "auto"],
                                              environment: environment, directory: workspace.folder)
            #expect(run.status == 0, "\(run.standardError)")
            #expect(run.standardError.contains("shard \(index)/4 (from SLURM_ARRAY_TASK_ID=\(id)"), "\(run.standardError)")
        }
        let merged = try workspace.batch(["merge", "task.1.jsonl", "task.3.jsonl", "task.5.jsonl", "task.7.jsonl",
                                          "--input", "records.jsonl", "--output", "merged.jsonl"])
        #expect(merged.status == 0, "\(merged.standardError)")
        #expect(try OutputLine.parse(try workspace.read("merged.jsonl")).map(\.line) == Array(1...20))
    }

    /// Without a scheduler's variables, or with only part of them, `--shard auto` stops before
    /// it reads a record or writes a file, in one line that names what is missing.
    @Test(arguments: [
        ([:] as [String: String], "--shard auto found no scheduler: it reads JOB_COMPLETION_INDEX with PLAIDLUA_SHARDS"),
        (["JOB_COMPLETION_INDEX": "1"], "JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job) but PLAIDLUA_SHARDS is not"),
        (["JOB_COMPLETION_INDEX": "4", "PLAIDLUA_SHARDS": "4"], "JOB_COMPLETION_INDEX 4 is not from 0 to PLAIDLUA_SHARDS - 1"),
        (["JOB_COMPLETION_INDEX": "one", "PLAIDLUA_SHARDS": "4"], "JOB_COMPLETION_INDEX is 'one', not a whole number"),
        (["SLURM_ARRAY_TASK_ID": "3"], "SLURM_ARRAY_TASK_MIN or SLURM_ARRAY_TASK_COUNT is not"),
        (["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "7", "SLURM_ARRAY_TASK_COUNT": "3"],
         "the Slurm array's task ids are not evenly spaced"),
        (["JOB_COMPLETION_INDEX": "0", "PLAIDLUA_SHARDS": "2", "SLURM_ARRAY_TASK_ID": "0"], "both JOB_COMPLETION_INDEX and SLURM_ARRAY_TASK_ID are set"),
    ])
    func autoWithoutASchedulerIsAUsageError(variables: [String: String], message: String) throws {
        let workspace = try BatchWorkspace()
        try workspace.write("records.jsonl", "{\"n\": 1}\n")
        try workspace.write("handler.lua", "return function(record) return record.n end")
        let run = try CommandRun.plaidlua(["batch", "handler.lua", "--input", "records.jsonl", "--output", "out.jsonl", "--shard", "auto"],
                                          environment: workspace.environment.merging(variables) { $1 }, directory: workspace.folder)
        #expect(run.status == 2)
        #expect(run.standardError.contains(message) && run.standardError.split(separator: "\n").count == 1, "\(run.standardError)")
        #expect(!workspace.exists("out.jsonl"))
    }
}
