import Foundation
import LuaBridge
@testable import PlaidLua
import Testing
@testable import PlaidLuaBatch

/// Batch input is read one record at a time, numbered by the line it starts on.
@Suite struct RecordReaderTests {
    /// Every record of `text`, read through a pipe in chunks as a real input would be.
    private func records(_ text: String, format: InputFormat, types: [String: FieldType] = [:]) throws -> [InputRecord] {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let bytes = Array(text.utf8)
        let writeEnd = ends[1]
        let writer = Thread {
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(writeEnd, buffer.baseAddress! + offset, min(7, buffer.count - offset))
                    if written <= 0 { break }
                    offset += written
                }
            }
            close(writeEnd)
        }
        writer.start()
        let readEnd = ends[0]
        defer {
            // Read what is left, so the writer never writes into a closed pipe (SIGPIPE).
            var scratch = [UInt8](repeating: 0, count: 4096)
            while scratch.withUnsafeMutableBytes({ read(readEnd, $0.baseAddress, $0.count) }) > 0 {}
            close(readEnd)
        }
        let reader = RecordReader(descriptor: readEnd, format: format, types: types)
        try reader.readHeader()
        var all: [InputRecord] = []
        while let record = try reader.next() { all.append(record) }
        return all
    }

    private func problem(_ record: InputRecord) -> String? {
        if case .failure(let problem) = record.value { return problem.message }
        return nil
    }

    @Test func jsonLinesKeepTheirLineNumbersAcrossBlankLinesAndCRLF() throws {
        let read = try records("{\"a\": 1}\r\n\n  \n{\"b\": 2.5}\n[1]\nnope\n{\"c\": null}", format: .jsonl)
        #expect(read.map(\.line) == [1, 4, 5, 6, 7])
        #expect(try read[0].value.get() == .table(["a": .integer(1)]))
        #expect(try read[1].value.get() == .table(["b": .number(2.5)]))
        #expect(problem(read[2]) == "the line is JSON but not an object")
        #expect(problem(read[3])?.hasPrefix("the line is not valid JSON") == true)
        #expect(try read[4].value.get() == .table(["c": .null]))
        #expect(read[3].raw == Array("nope".utf8))
    }

    @Test func csvFieldsAreUnquotedAndKeyedByTheHeader() throws {
        let read = try records("\u{FEFF}id,note\n1,\"a, \"\"quoted\"\"\nnote\"\n2,\n3,x,extra\n", format: .csv)
        #expect(read.map(\.line) == [1, 3, 4])
        #expect(try read[0].value.get() == .table(["id": .string("1"), "note": .string("a, \"quoted\"\nnote")]))
        #expect(try read[1].value.get() == .table(["id": .string("2")]))
        #expect(problem(read[2]) == "the record has 3 fields; the header has 2")
        #expect(read[0].raw == Array("1,\"a, \"\"quoted\"\"\nnote\"".utf8))
    }

    @Test func csvTypesConvertOrFailTheRecordNamingTheField() throws {
        let read = try records("n,x,ok\n7,2.5,yes\n7.5,1,no\n", format: .csv, types: ["n": .integer, "x": .number, "ok": .boolean])
        #expect(try read[0].value.get() == .table(["n": .integer(7), "x": .number(2.5), "ok": .boolean(true)]))
        #expect(problem(read[1]) == "field 'n' is '7.5', which is not an integer")
    }

    @Test func aBrokenCSVHeaderStopsTheRunBeforeItStarts() throws {
        #expect(throws: InputError.self) { try records("", format: .csv) }
        #expect(throws: InputError.self) { try records("a,a\n1,2\n", format: .csv) }
        #expect(throws: InputError.self) { try records("a,b\n1,2\n", format: .csv, types: ["c": .integer]) }
    }

    @Test func anUnclosedQuoteAtTheEndFailsOnlyThatRecord() throws {
        let read = try records("a\n1\n\"open\n", format: .csv)
        #expect(read.count == 2)
        #expect(problem(read[1]) == "the record has an unclosed quote at the end of the input")
    }

    @Test func shardsSplitLinesByRemainder() throws {
        let shards = (0..<3).map { Shard(parsing: "\($0)/3")! }
        for line in 1...30 {
            #expect(shards.filter { $0.contains(line: line) }.count == 1)
        }
        #expect(Shard(parsing: "3/3") == nil)
        #expect(Shard(parsing: "-1/3") == nil)
        #expect(Shard(parsing: "1/0") == nil)
        #expect(Shard(parsing: "1") == nil)
    }

    @Test func answersAreReadBackAndACutLastLineIsRemoved() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("answers-\(UUID().uuidString).jsonl").path
        try "{\"line\":3,\"ok\":true,\"result\":1}\n{\"line\":70,\"ok\":false,\"error\":{}}\n{\"line\":1,\"ok\":tr".write(toFile: path, atomically: true, encoding: .utf8)
        let answers = try BatchOutput.readAnswers(path: path, cutsUnfinishedLine: true)
        #expect(answers.count == 2)
        #expect(answers.answer(for: 3) == true)
        #expect(answers.answer(for: 70) == false)
        #expect(answers.answer(for: 1) == nil)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"line\":3,\"ok\":true,\"result\":1}\n{\"line\":70,\"ok\":false,\"error\":{}}\n")
    }

    @Test func orderedOutputHoldsLinesUntilTheirTurn() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ordered-\(UUID().uuidString).jsonl").path
        let output = BatchOutput(file: try AppendedFile(path: path, truncating: true), ordered: true)
        try output.write(place: 1, line: Array("b\n".utf8))
        try output.write(place: 2, line: Array("c\n".utf8))
        #expect(output.waitingCount == 2)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "")
        try output.write(place: 0, line: Array("a\n".utf8))
        #expect(output.waitingCount == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a\nb\nc\n")
    }
}
