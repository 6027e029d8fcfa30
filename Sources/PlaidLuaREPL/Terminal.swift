import Foundation
import PlaidLua

/// Standard input and output as a terminal: raw mode while a line is edited, and the bytes
/// typed, read on a thread of their own so that waiting for a key never blocks Swift's
/// cooperative threads.
final class Terminal: Sendable {
    let keys: AsyncStream<UInt8>
    private let saved: termios

    init() {
        var original = termios()
        tcgetattr(0, &original)
        saved = original
        let (stream, continuation) = AsyncStream<UInt8>.makeStream()
        keys = stream
        let reader = Thread {
            var byte: UInt8 = 0
            while read(0, &byte, 1) == 1 { continuation.yield(byte) }
            continuation.finish()
        }
        reader.start()
    }

    /// For the whole session: keys arrive one by one and unechoed, so keys typed while a chunk
    /// runs wait for the next prompt instead of being lost in the terminal's line buffer.
    func enterSessionMode() {
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(0, TCSANOW, &raw)
    }

    /// While a line is edited Ctrl-C is a key (cancel the line); while a chunk runs it is
    /// SIGINT (interrupt the chunk).
    func setControlCIsSignal(_ isSignal: Bool) {
        var current = termios()
        tcgetattr(0, &current)
        if isSignal { current.c_lflag |= tcflag_t(ISIG) } else { current.c_lflag &= ~tcflag_t(ISIG) }
        tcsetattr(0, TCSANOW, &current)
    }

    /// Back to the terminal's own settings.
    func restore() {
        var original = saved
        tcsetattr(0, TCSANOW, &original)
    }

    /// The terminal's width in columns (80 when it cannot tell).
    var columns: Int {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static var isInteractive: Bool { isatty(0) != 0 && isatty(1) != 0 }
}
