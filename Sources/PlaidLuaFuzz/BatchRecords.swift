#if canImport(Glibc)
import Glibc
#endif
import LuaBridge
import PlaidLua
import PlaidLuaBatch

extension FuzzTarget {
    /// The batch runner's input, as JSON Lines, as CSV, and as CSV with typed columns: the
    /// reader ends, numbers records in input order, and reads a JSON line to a record exactly
    /// when the line is a JSON object.
    static let batchRecords = FuzzTarget(
        name: "batch-records",
        summary: "batch input records, JSON Lines and CSV with and without --types"
    ) { bytes in
        let typedColumns: [String: FieldType] = ["amount": .number, "count": .integer, "ok": .boolean, "name": .string]
        for (format, types) in [(InputFormat.jsonl, [:]), (.csv, [:]), (.csv, typedColumns)] {
            let file = InputFile.shared
            file.replaceContents(with: bytes)
            let reader = RecordReader(descriptor: file.descriptor, format: format, types: types)
            do {
                try reader.readHeader()
            } catch let refusal as InputError {
                precondition(format == .csv && !refusal.description.isEmpty, "a refused input without a reason")
                continue
            } catch {
                preconditionFailure("the header refused with \(type(of: error)): \(error)")
            }
            var previousLine = 0
            var count = 0
            do {
                while let record = try reader.next() {
                    count += 1
                    precondition(count <= bytes.count + 1, "more records than the input has bytes")
                    precondition(record.line > previousLine, "record lines go \(previousLine) then \(record.line)")
                    previousLine = record.line
                    if format == .jsonl {
                        let isObject = if case .table = try? LuaJSON.decode(record.raw) { true } else { false }
                        let wasRead = if case .success = record.value { true } else { false }
                        precondition(isObject == wasRead, "line \(record.line): read \(wasRead) but is an object: \(isObject)")
                    }
                    if case .failure(let problem) = record.value {
                        precondition(!problem.message.isEmpty, "line \(record.line) refused without a reason")
                    }
                }
            } catch {
                preconditionFailure("reading records threw \(error) instead of refusing one record")
            }
        }
    }
}

/// One scratch file the reader reads inputs from, as it reads the batch runner's input file.
private final class InputFile: @unchecked Sendable {
    static let shared = InputFile()
    let descriptor: Int32

    private init() {
        guard let stream = tmpfile() else { fatalError("cannot create a scratch file") }
        descriptor = dup(fileno(stream))
        fclose(stream)
    }

    func replaceContents(with bytes: [UInt8]) {
        precondition(ftruncate(descriptor, 0) == 0 && lseek(descriptor, 0, SEEK_SET) == 0)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            precondition(result > 0, "cannot write the scratch file")
            written += result
        }
        precondition(lseek(descriptor, 0, SEEK_SET) == 0)
    }
}
