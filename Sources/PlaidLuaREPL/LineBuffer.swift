import PlaidLua

/// The line being edited and its history: what each key does, independent of any terminal.
struct LineBuffer {
    private(set) var characters: [Character] = []
    private(set) var cursor = 0
    private(set) var history: [String]
    private var historyPosition: Int
    /// The line as typed before moving into history, restored when moving back down.
    private var draft: [Character] = []

    init(history: [String]) {
        self.history = history
        historyPosition = history.count
    }

    var text: String { String(characters) }
    var textBeforeCursor: String { String(characters[..<cursor]) }

    mutating func replace(with text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    /// Replaces the text before the cursor (a completion), keeping what follows.
    mutating func replaceBeforeCursor(with text: String) {
        let rest = characters[cursor...]
        characters = Array(text) + rest
        cursor = text.count
    }

    mutating func apply(_ key: EditorKey) {
        switch key {
        case .insert(let character):
            characters.insert(character, at: cursor)
            cursor += 1
        case .backspace where cursor > 0:
            cursor -= 1
            characters.remove(at: cursor)
        case .delete where cursor < characters.count:
            characters.remove(at: cursor)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = characters.count
        case .wordLeft: cursor = wordStart(before: cursor)
        case .wordRight:
            while cursor < characters.count, !isWord(characters[cursor]) { cursor += 1 }
            while cursor < characters.count, isWord(characters[cursor]) { cursor += 1 }
        case .killToEnd: characters.removeSubrange(cursor...)
        case .killToStart:
            characters.removeSubrange(..<cursor)
            cursor = 0
        case .deleteWordBack:
            let start = wordStart(before: cursor)
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .historyUp where historyPosition > 0:
            if historyPosition == history.count { draft = characters }
            historyPosition -= 1
            replace(with: history[historyPosition])
        case .historyDown where historyPosition < history.count:
            historyPosition += 1
            if historyPosition == history.count {
                characters = draft
                cursor = characters.count
            } else {
                replace(with: history[historyPosition])
            }
        default:
            break
        }
    }

    /// Starts a fresh line; `entry` (the accepted line) joins the history unless it is empty
    /// or repeats the last one.
    mutating func accept(addingToHistory entry: String?) {
        if let entry, !entry.isEmpty, entry != history.last { history.append(entry) }
        characters = []
        cursor = 0
        draft = []
        historyPosition = history.count
    }

    /// The newest history entry before `position` that contains `query`.
    func search(_ query: String, before position: Int? = nil) -> (entry: String, position: Int)? {
        guard !query.isEmpty else { return nil }
        var index = min(position ?? history.count, history.count) - 1
        while index >= 0 {
            if history[index].contains(query) { return (history[index], index) }
            index -= 1
        }
        return nil
    }

    private func isWord(_ character: Character) -> Bool { character.isLetter || character.isNumber || character == "_" }

    private func wordStart(before position: Int) -> Int {
        var index = position
        while index > 0, !isWord(characters[index - 1]) { index -= 1 }
        while index > 0, isWord(characters[index - 1]) { index -= 1 }
        return index
    }
}
