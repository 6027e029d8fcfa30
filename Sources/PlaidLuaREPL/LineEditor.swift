import PlaidLua

/// Reads one line from the terminal with editing, history, completion and Ctrl-R search.
final class LineEditor {
    enum Outcome: Equatable {
        case line(String)
        /// Ctrl-C: the line was abandoned.
        case interrupted
        /// Ctrl-D on an empty line, or the input ended.
        case endOfInput
    }

    private let terminal: Terminal
    private var keys: AsyncStream<UInt8>.Iterator
    private var decoder = KeyDecoder()
    private(set) var buffer: LineBuffer
    /// Completions for the text before the cursor: each a full replacement of that text.
    var complete: (String) async -> [String] = { _ in [] }

    init(terminal: Terminal, history: [String]) {
        self.terminal = terminal
        keys = terminal.keys.makeAsyncIterator()
        buffer = LineBuffer(history: history)
    }

    private func nextKey() async -> EditorKey? {
        while let byte = await keys.next() {
            let decoded = decoder.feed(byte)
            if let key = decoded.first { return key }
        }
        return nil
    }

    /// Which row of the line, counted from its first, the cursor was left on.
    private var cursorRow = 0

    /// Rewrites the prompt and line from its first row, wrapping at the terminal's width, and
    /// puts the cursor back where it belongs.
    private func redraw(_ prompt: String) {
        let columns = terminal.columns
        let total = prompt.count + buffer.text.count
        let target = prompt.count + buffer.textBeforeCursor.count
        var output = (cursorRow > 0 ? "\u{1B}[\(cursorRow)A" : "") + "\r\u{1B}[J" + prompt + buffer.text
        var row = total / columns
        if total > 0, total % columns == 0 { output += "\r\n" } else if total % columns == 0 { row = 0 }
        let targetRow = target / columns, targetColumn = target % columns
        if row > targetRow { output += "\u{1B}[\(row - targetRow)A" }
        output += "\r" + (targetColumn > 0 ? "\u{1B}[\(targetColumn)C" : "")
        cursorRow = targetRow
        terminal.write(output)
    }

    /// Leaves the edited line: the cursor goes below its last row.
    private func finishLine(_ prompt: String) {
        let columns = terminal.columns
        let rows = (prompt.count + buffer.text.count) / columns
        if rows > cursorRow { terminal.write("\u{1B}[\(rows - cursorRow)B") }
        terminal.write("\r\n")
        cursorRow = 0
    }

    func readLine(prompt: String) async -> Outcome {
        terminal.setControlCIsSignal(false)
        defer { terminal.setControlCIsSignal(true) }
        cursorRow = 0
        redraw(prompt)
        var lastKeyWasTab = false
        while let key = await nextKey() {
            defer { if key != .complete { lastKeyWasTab = false } }
            switch key {
            case .enter:
                let line = buffer.text
                finishLine(prompt)
                buffer.accept(addingToHistory: line)
                return .line(line)
            case .interrupt:
                buffer.apply(.end)
                redraw(prompt)
                terminal.write("^C")
                finishLine(prompt)
                buffer.accept(addingToHistory: nil)
                return .interrupted
            case .endOfFile where buffer.text.isEmpty:
                finishLine(prompt)
                return .endOfInput
            case .endOfFile:
                buffer.apply(.delete)
            case .clearScreen:
                terminal.write("\u{1B}[H\u{1B}[2J")
                cursorRow = 0
            case .complete:
                await completeWord(prompt: prompt, listing: lastKeyWasTab)
                lastKeyWasTab = true
                continue
            case .search:
                if let outcome = await search(prompt: prompt) { return outcome }
            default:
                buffer.apply(key)
            }
            redraw(prompt)
        }
        finishLine(prompt)
        return .endOfInput
    }

    /// One Tab extends the word to what all candidates share; a second Tab lists them.
    private func completeWord(prompt: String, listing: Bool) async {
        let before = buffer.textBeforeCursor
        let candidates = await complete(before)
        guard !candidates.isEmpty else { return }
        let shared = candidates.dropFirst().reduce(candidates[0]) { common, next in String(common.commonPrefix(with: next)) }
        if shared.count > before.count {
            buffer.replaceBeforeCursor(with: shared)
        } else if listing || candidates.count == 1 {
            let names = candidates.map { candidate -> String in
                let start = candidate.lastIndex { !($0.isLetter || $0.isNumber || $0 == "_") }.map { candidate.index(after: $0) } ?? candidate.startIndex
                return String(candidate[start...])
            }
            finishLine(prompt)
            terminal.write(names.joined(separator: "  ") + "\r\n")
        }
        redraw(prompt)
    }

    /// Ctrl-R: finds the newest history line containing what is typed; Ctrl-R again goes
    /// further back; Enter runs the match; other keys keep it for editing; Ctrl-C gives up.
    private func search(prompt: String) async -> Outcome? {
        var query = ""
        var match: (entry: String, position: Int)?
        func show() {
            terminal.write("\r\u{1B}[J(reverse-i-search)'\(query)': \(match?.entry ?? "")")
        }
        terminal.write(cursorRow > 0 ? "\u{1B}[\(cursorRow)A" : "")
        cursorRow = 0
        show()
        while let key = await nextKey() {
            switch key {
            case .insert(let character):
                query.append(character)
                match = buffer.search(query, before: match.map { $0.position + 1 })
            case .backspace where !query.isEmpty:
                query.removeLast()
                match = buffer.search(query)
            case .search:
                match = buffer.search(query, before: match?.position) ?? match
            case .interrupt:
                redraw(prompt)
                return nil
            case .enter:
                let line = match?.entry ?? buffer.text
                terminal.write("\r\u{1B}[J" + prompt + line + "\r\n")
                buffer.accept(addingToHistory: line)
                return .line(line)
            default:
                if let match { buffer.replace(with: match.entry) }
                if key != .escape { buffer.apply(key) }
                return nil
            }
            show()
        }
        return .endOfInput
    }
}
