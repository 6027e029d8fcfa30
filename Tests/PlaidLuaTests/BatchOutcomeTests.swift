@testable import PlaidLua
import Testing
@testable import PlaidLuaBatch

/// How a batch run's ending becomes its last line and exit status.
struct BatchOutcomeTests {
    typealias Ending = BatchRunner.BatchEnding

    @Test(arguments: [
        (Ending(), nil, BatchRunner.succeeded),
        (Ending(failed: 2), nil, BatchRunner.someFailed),
        (Ending(interrupted: true), "stopped before the end of the input; run again with --resume to finish", BatchRunner.stoppedEarly),
        (Ending(aborted: true, failed: 1), "stopped before the end of the input; run again with --resume to finish", BatchRunner.stoppedEarly),
        (Ending(timeout: "2s", interrupted: true, failed: 3),
         "the run passed --timeout 2s; run again with --resume to finish the remaining records", BatchRunner.stoppedEarly),
        (Ending(failure: "handler.lua:1: boom"), "handler.lua:1: boom", BatchRunner.stoppedEarly),
        (Ending(failure: "not enough memory", memoryLimit: 2 << 20),
         "the handler needed more than --memory-limit 2048 KiB: not enough memory", BatchRunner.stoppedEarly),
        (Ending(failure: "cancelled", aborted: true), "stopped before the end of the input; run again with --resume to finish",
         BatchRunner.stoppedEarly),
    ] as [(Ending, String?, Int32)])
    func anEndingGivesItsMessageAndStatus(ending: Ending, message: String?, status: Int32) {
        let outcome = BatchRunner.outcome(of: ending)
        #expect(outcome.message == message)
        #expect(outcome.status == status)
    }
}
