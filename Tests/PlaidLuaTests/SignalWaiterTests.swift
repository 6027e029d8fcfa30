import Foundation
import PlaidLua
import Testing

/// The waiter `plaidlua sandbox serve` stops on.
struct SignalWaiterTests {
    /// Making the waiter sets the signal to be ignored; a signal that came before its source was
    /// registered would be dropped, and the waiter would wait for ever.
    @Test(.timeLimit(.minutes(1))) func aSignalSentAsSoonAsTheWaiterExistsIsReceived() async {
        let waiter = SignalWaiter(signals: [SIGUSR2], label: "test.signals")
        kill(getpid(), SIGUSR2)
        #expect(await waiter.next() == SIGUSR2)
    }
}
