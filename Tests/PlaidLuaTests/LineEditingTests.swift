@testable import PlaidLua
import Testing
@testable import PlaidLuaREPL

/// The REPL's editor: what the terminal's bytes mean, and what each key does to the line.
@Suite struct LineEditingTests {
    private func keys(_ bytes: [UInt8]) -> [EditorKey] {
        var decoder = KeyDecoder()
        return bytes.flatMap { decoder.feed($0) }
    }

    private func edit(_ keys: [EditorKey], history: [String] = []) -> LineBuffer {
        var buffer = LineBuffer(history: history)
        for key in keys { buffer.apply(key) }
        return buffer
    }

    private func typing(_ text: String) -> [EditorKey] { text.map { .insert($0) } }

    @Test func controlKeysAndEscapeSequencesDecode() {
        #expect(keys([0x01, 0x05, 0x03, 0x04, 0x09, 0x12, 0x0D, 0x7F]) == [.home, .end, .interrupt, .endOfFile, .complete, .search, .enter, .backspace])
        #expect(keys(Array("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D\u{1B}[H\u{1B}[F\u{1B}[3~\u{1B}[1;5C\u{1B}[1;5D".utf8))
            == [.historyUp, .historyDown, .right, .left, .home, .end, .delete, .wordRight, .wordLeft])
        #expect(keys(Array("\u{1B}b\u{1B}f\u{1B}OH".utf8)) == [.wordLeft, .wordRight, .home])
    }

    @Test func multiByteTextArrivesAsCharacters() {
        #expect(keys(Array("é😀".utf8)) == [.insert("é"), .insert("😀")])
    }

    @Test func aLoneEscapeDoesNotSwallowTheNextKey() {
        #expect(keys([0x1B, 0x01]) == [.escape, .home])
    }

    @Test func insertingAndDeletingFollowTheCursor() {
        let buffer = edit(typing("plaid") + [.home, .delete, .insert("P"), .end, .backspace, .insert("D")])
        #expect(buffer.text == "PlaiD")
        #expect(buffer.textBeforeCursor == "PlaiD")
    }

    @Test func wordMovesAndDeletesStopAtWordBoundaries() {
        var buffer = edit(typing("client:processor_auth_get{x}") + [.wordLeft, .wordLeft])
        #expect(buffer.textBeforeCursor == "client:")
        buffer.apply(.wordRight)
        #expect(buffer.textBeforeCursor == "client:processor_auth_get")
        buffer.apply(.deleteWordBack)
        #expect(buffer.text == "client:{x}")
        buffer.apply(.killToStart)
        #expect(buffer.text == "{x}")
        buffer.apply(.right)
        buffer.apply(.killToEnd)
        #expect(buffer.text == "{")
    }

    @Test func historyMovesKeepTheDraft() {
        var buffer = edit(typing("draft"), history: ["first", "second"])
        buffer.apply(.historyUp)
        #expect(buffer.text == "second")
        buffer.apply(.historyUp)
        buffer.apply(.historyUp)
        #expect(buffer.text == "first")
        buffer.apply(.historyDown)
        buffer.apply(.historyDown)
        #expect(buffer.text == "draft")
    }

    @Test func acceptedLinesJoinTheHistoryOnce() {
        var buffer = LineBuffer(history: ["a"])
        buffer.accept(addingToHistory: "b")
        buffer.accept(addingToHistory: "b")
        buffer.accept(addingToHistory: "")
        #expect(buffer.history == ["a", "b"])
        #expect(buffer.text.isEmpty)
    }

    @Test func searchFindsTheNewestMatchThenOlderOnes() {
        let buffer = LineBuffer(history: ["x = 1", "print(x)", "x = 2"])
        let newest = buffer.search("x =")
        #expect(newest?.entry == "x = 2")
        #expect(buffer.search("x =", before: newest?.position)?.entry == "x = 1")
        #expect(buffer.search("nothing") == nil)
    }

    @Test func completionReplacesOnlyTheTextBeforeTheCursor() {
        var buffer = edit(typing("client:proc()") + [.left, .left])
        buffer.replaceBeforeCursor(with: "client:processor_auth_get")
        #expect(buffer.text == "client:processor_auth_get()")
        #expect(buffer.textBeforeCursor == "client:processor_auth_get")
    }

    @Test func historyLinesWithSecretsOrTokensAreNotWritten() {
        let file = HistoryFile(path: "/dev/null") { $0 == "s3cr3tvalue" }
        #expect(file.isSensitive("c = plaid.client{secret = 'x'}"))
        #expect(file.isSensitive("t = 'access-sandbox-de3ce8ef-33f8-452c-a685-8671031f9f2c'"))
        #expect(file.isSensitive("key = \"s3cr3tvalue\""))
        #expect(!file.isSensitive("client:accounts_get{access_token = item.access_token}"))
    }
}
