import Foundation
import PlaidLuaTesting
import Testing

/// Every saved fuzzing input — the seeds and each input that once broke a promise — is checked
/// again by every test run, through the same `plaidlua-fuzz` checks the fuzzer uses.
@Suite struct FuzzCorpusTests {
    static let targets = ["json-lua", "request-validation", "sandbox-request", "batch-records"]

    @Test(arguments: targets)
    func savedInputsStillPass(target: String) throws {
        let corpus = CommandRun.packageRoot.appendingPathComponent("Tests/Fuzz/Corpus/\(target)")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted().map {
            corpus.appendingPathComponent($0).path
        }
        #expect(!inputs.isEmpty, "no saved inputs for \(target)")
        // Files, not the folder: a fuzzing build given a folder would start fuzzing it.
        let run = try CommandRun.program("plaidlua-fuzz", [target] + inputs, environment: ["ASAN_OPTIONS": "detect_leaks=0"])
        #expect(run.status == 0, "\(target): \(run.standardError.suffix(2000))")
    }

    @Test func anUnknownTargetIsAUsageError() throws {
        let run = try CommandRun.program("plaidlua-fuzz", ["no-such-target"])
        #expect(run.status == 2)
        #expect(run.standardError.contains("json-lua") && run.standardError.contains("batch-records"))
    }
}
