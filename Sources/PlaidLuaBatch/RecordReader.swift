import Foundation
package import LuaBridge
import PlaidLua

/// How the input's records are written.
public enum InputFormat: String, Sendable, CaseIterable {
    /// One JSON object per line; blank lines are skipped.
    case jsonl
    /// A header row naming the fields, then one record per row (RFC 4180 quoting, so a quoted
    /// field may hold commas, quotes and line breaks).
    case csv

    /// The format a file's extension names (`.jsonl`, `.ndjson`, `.json`, `.csv`), if any.
    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "jsonl", "ndjson", "json": self = .jsonl
        case "csv": self = .csv
        default: return nil
        }
    }

    /// The format of the input at `path`: the one given, else what its extension names; standard
    /// input (`-`) is JSON Lines.
    public init?(given: InputFormat?, path: String) {
        guard let format = given ?? (path == "-" ? .jsonl : InputFormat(pathExtension: (path as NSString).pathExtension)) else { return nil }
        self = format
    }
}

/// The type a CSV column is converted to before the handler sees it (`--types amount=number`).
public enum FieldType: String, Sendable, CaseIterable {
    case string, integer, number, boolean
}

/// One record of the input.
package struct InputRecord {
    /// The 1-based input line the record starts on; for CSV, counted after the header.
    package let line: Int
    /// The record's bytes as read, without its final line break, for the errors file.
    package let raw: [UInt8]
    /// The record as the handler gets it, or why it cannot be read.
    package let value: Result<LuaValue, RecordProblem>
}

/// Why one record cannot reach the handler; the run goes on without it.
package struct RecordProblem: Error {
    package let message: String
}

/// An input that cannot be read at all (an unreadable file, a CSV without a header).
public struct InputError: Error, CustomStringConvertible {
    public let description: String
}

/// Reads records one at a time from a file descriptor, holding only the current record and
/// one read buffer, so inputs of any size stream through in constant memory.
package final class RecordReader {
    private let descriptor: Int32
    private let format: InputFormat
    private let types: [String: FieldType]
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    /// Physical lines consumed so far.
    private var linesRead = 0
    private var header: [String]?
    /// The physical line the header was on; CSV record lines count from it.
    private var headerLine = 0
    /// The header row as read, written first into a CSV errors file.
    private(set) var headerBytes: [UInt8]?

    private static let chunkSize = 1 << 16

    package init(descriptor: Int32, format: InputFormat, types: [String: FieldType]) {
        self.descriptor = descriptor
        self.format = format
        self.types = types
    }

    /// The next record, or `nil` at the end of the input.
    package func next() throws -> InputRecord? {
        switch format {
        case .jsonl: try nextJSONLine()
        case .csv: try nextCSVRecord()
        }
    }

    /// For CSV, reads the header now, so a missing or broken one stops the run before it starts.
    package func readHeader() throws {
        guard format == .csv, header == nil else { return }
        while let line = try readLine() {
            if isBlank(line) { continue }
            var record = line
            var fields = CSVRow.split(record)
            while fields == nil, let more = try readLine() {
                record += [UInt8(ascii: "\n")] + more
                fields = CSVRow.split(record)
            }
            guard let names = fields else { throw InputError(description: "the CSV header has an unclosed quote") }
            var columns = names.map { String(decoding: $0, as: UTF8.self) }
            if let first = columns.first, first.hasPrefix("\u{FEFF}") { columns[0] = String(first.dropFirst()) }
            var seen = Set<String>()
            for column in columns where !seen.insert(column).inserted {
                throw InputError(description: "the CSV header names '\(column)' twice")
            }
            if let unknown = types.keys.sorted().first(where: { !seen.contains($0) }) {
                throw InputError(description: "--types names '\(unknown)', which is not a column of the CSV header (\(columns.joined(separator: ", ")))")
            }
            header = columns
            headerLine = linesRead
            headerBytes = record
            return
        }
        throw InputError(description: "the CSV input is empty: it needs a header row naming the fields")
    }

    // MARK: JSON Lines

    private func nextJSONLine() throws -> InputRecord? {
        while let line = try readLine() {
            if isBlank(line) { continue }
            let value: Result<LuaValue, RecordProblem>
            do {
                let decoded = try LuaJSON.decode(line)
                if case .table = decoded {
                    value = .success(decoded)
                } else {
                    value = .failure(RecordProblem(message: "the line is JSON but not an object"))
                }
            } catch {
                value = .failure(RecordProblem(message: "the line is not valid JSON: \(error)"))
            }
            return InputRecord(line: linesRead, raw: line, value: value)
        }
        return nil
    }

    // MARK: CSV

    private func nextCSVRecord() throws -> InputRecord? {
        try readHeader()
        guard let header else { return nil }
        while let first = try readLine() {
            if isBlank(first) { continue }
            let startLine = linesRead - headerLine
            var record = first
            var fields = CSVRow.split(record)
            while fields == nil, let more = try readLine() {
                record += [UInt8(ascii: "\n")] + more
                fields = CSVRow.split(record)
            }
            guard let fields else {
                return InputRecord(line: startLine, raw: record,
                                   value: .failure(RecordProblem(message: "the record has an unclosed quote at the end of the input")))
            }
            return InputRecord(line: startLine, raw: record, value: table(header: header, fields: fields))
        }
        return nil
    }

    private func table(header: [String], fields: [[UInt8]]) -> Result<LuaValue, RecordProblem> {
        guard fields.count == header.count else {
            return .failure(RecordProblem(message: "the record has \(fields.count) fields; the header has \(header.count)"))
        }
        var entries: [LuaKey: LuaValue] = [:]
        for (name, field) in zip(header, fields) where !field.isEmpty {
            switch convert(field, to: types[name] ?? .string) {
            case .some(let value): entries[.string(LuaBytes(name))] = value
            case .none:
                let text = String(decoding: field, as: UTF8.self)
                return .failure(RecordProblem(message: "field '\(name)' is '\(text)', which is not \(article(types[name] ?? .string))"))
            }
        }
        return .success(.table(entries))
    }

    private func convert(_ field: [UInt8], to type: FieldType) -> LuaValue? {
        func trimmed() -> String { String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespaces) }
        switch type {
        case .string: return .string(LuaBytes(field))
        case .integer: return Int64(trimmed()).map { .integer($0) }
        case .number:
            guard let number = Double(trimmed()), number.isFinite else { return nil }
            return .number(number)
        case .boolean:
            switch trimmed().lowercased() {
            case "true", "yes", "1": return .boolean(true)
            case "false", "no", "0": return .boolean(false)
            default: return nil
            }
        }
    }

    private func article(_ type: FieldType) -> String {
        type == .integer ? "an integer" : "a \(type.rawValue)"
    }

    // MARK: Lines

    private func isBlank(_ line: [UInt8]) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// The next line without its `\n` (or `\r\n`), or `nil` at the end of the input.
    private func readLine() throws -> [UInt8]? {
        while true {
            if let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > position, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = Array(buffer[position..<end])
                position = newline + 1
                linesRead += 1
                return line
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                var line = Array(buffer[position...])
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                position = buffer.count
                linesRead += 1
                return line
            }
            try fill()
        }
    }

    private func fill() throws {
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, Self.chunkSize) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw InputError(description: "cannot read the input: \(String(cString: strerror(errno)))") }
            if count == 0 { atEnd = true } else { buffer += chunk[0..<count] }
            return
        }
    }
}

/// Splits one CSV record into its fields' bytes, undoing RFC 4180 quoting.
enum CSVRow {
    /// The fields, or `nil` when a quoted field is still open at the end (the record goes on
    /// on the next line).
    static func split(_ record: [UInt8]) -> [[UInt8]]? {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var quoted = false
        var index = record.startIndex
        while index < record.endIndex {
            let byte = record[index]
            if quoted {
                if byte == quote {
                    if index + 1 < record.endIndex, record[index + 1] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == comma {
                fields.append(field)
                field = []
            } else if byte == quote {
                quoted = true
            } else {
                field.append(byte)
            }
            index += 1
        }
        if quoted { return nil }
        fields.append(field)
        return fields
    }
}
