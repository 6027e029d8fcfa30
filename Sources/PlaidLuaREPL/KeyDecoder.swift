import PlaidLua

/// What a key press means to the line editor.
enum EditorKey: Equatable {
    case insert(Character)
    case enter, backspace, delete, left, right, home, end, wordLeft, wordRight
    case historyUp, historyDown, interrupt, endOfFile, killToEnd, killToStart, deleteWordBack
    case complete, clearScreen, search, escape
}

/// Turns the bytes a terminal sends into keys: control characters, ESC sequences for arrows,
/// Home/End, Delete, Ctrl- and Alt-arrows, and UTF-8 text.
struct KeyDecoder {
    private var pending: [UInt8] = []

    mutating func feed(_ byte: UInt8) -> [EditorKey] {
        pending.append(byte)
        if pending[0] == 0x1B { return escapeSequence() }
        if pending[0] < 0x80 {
            defer { pending = [] }
            return control(pending[0]).map { [$0] } ?? []
        }
        let expected = pending[0] >= 0xF0 ? 4 : pending[0] >= 0xE0 ? 3 : 2
        guard pending.count >= expected else { return [] }
        defer { pending = [] }
        guard let text = String(validating: pending, as: UTF8.self) else { return [] }
        return text.map { .insert($0) }
    }

    private func control(_ byte: UInt8) -> EditorKey? {
        switch byte {
        case 0x0D, 0x0A: .enter
        case 0x7F, 0x08: .backspace
        case 0x01: .home
        case 0x05: .end
        case 0x02: .left
        case 0x06: .right
        case 0x10: .historyUp
        case 0x0E: .historyDown
        case 0x03: .interrupt
        case 0x04: .endOfFile
        case 0x0B: .killToEnd
        case 0x15: .killToStart
        case 0x17: .deleteWordBack
        case 0x09: .complete
        case 0x0C: .clearScreen
        case 0x12: .search
        case 0x20...0x7E: .insert(Character(Unicode.Scalar(byte)))
        default: nil
        }
    }

    private mutating func escapeSequence() -> [EditorKey] {
        guard pending.count >= 2 else { return [] }
        switch pending[1] {
        case UInt8(ascii: "["), UInt8(ascii: "O"):
            guard let last = pending.last, pending.count >= 3, (0x40...0x7E).contains(last) else { return [] }
            let body = String(decoding: pending[2...], as: UTF8.self)
            pending = []
            switch body {
            case "A": return [.historyUp]
            case "B": return [.historyDown]
            case "C": return [.right]
            case "D": return [.left]
            case "H", "1~", "7~": return [.home]
            case "F", "4~", "8~": return [.end]
            case "3~": return [.delete]
            case "1;5C", "1;3C": return [.wordRight]
            case "1;5D", "1;3D": return [.wordLeft]
            default: return []
            }
        case UInt8(ascii: "b"):
            pending = []
            return [.wordLeft]
        case UInt8(ascii: "f"):
            pending = []
            return [.wordRight]
        case 0x7F:
            pending = []
            return [.deleteWordBack]
        default:
            let next = pending[1]
            pending = []
            return [.escape] + feed(next)
        }
    }
}
