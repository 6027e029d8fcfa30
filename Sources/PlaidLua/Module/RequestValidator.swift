package import LuaBridge
package import PlaidModels

/// A request table that does not match its endpoint's fields; raised before anything is sent.
package struct RequestValidationError: Error, LuaErrorConvertible, CustomStringConvertible {
    package let method: String
    /// The field at fault as a path (`options.min_last_updated_datetime`), or empty.
    package let field: String
    package let problem: String

    /// Tokens the script passed by mistake (a token where a table or an enum value belongs) are
    /// quoted masked: this text ends up in logs, batch error lines and the REPL's screen.
    package var description: String { Redaction.maskTokens(in: "\(method): \(problem)") }
    package var luaErrorMessage: String { description }
    package var luaErrorFields: [String: LuaValue] {
        ["kind": .string("validation"), "method": .string(method), "field": .string(field), "message": .string(description),
         "retryable": .boolean(false)]
    }
}

/// Checks a Lua request table against an endpoint's ``RequestField``s and turns it into JSON.
package struct RequestValidator {
    package let method: String

    package init(method: String) { self.method = method }

    package func validate(_ request: LuaValue, against fields: [RequestField]) throws -> JSONValue {
        switch request {
        case .nil: return try object([:], fields: fields, path: "")
        case .table(let entries): return try object(entries, fields: fields, path: "")
        case .array(let elements) where elements.isEmpty: return try object([:], fields: fields, path: "")
        default: throw failure("", "the request must be a table of fields, got \(Self.describe(request))")
        }
    }

    private func failure(_ field: String, _ problem: String) -> RequestValidationError {
        RequestValidationError(method: method, field: field, problem: problem)
    }

    private func object(_ entries: [LuaKey: LuaValue], fields: [RequestField], path: String) throws -> JSONValue {
        var members: [String: JSONValue] = [:]
        let byName = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) })
        for (key, value) in entries.sorted(by: { $0.key < $1.key }) {
            guard case .string(let bytes) = key, let name = bytes.string else {
                throw failure(path, "field names must be strings, got the key \(key)\(Self.place(path))")
            }
            let fieldPath = path.isEmpty ? name : "\(path).\(name)"
            guard let field = byName[name] else {
                if path.isEmpty, name == "client_id" || name == "secret" {
                    throw failure(fieldPath, "'\(name)' is not sent per request: give it to plaid.client{\(name) = ...}")
                }
                var problem = "unknown field '\(fieldPath)'"
                if let suggestion = Self.closest(to: name, among: fields.map(\.name)) {
                    problem += " (did you mean '\(path.isEmpty ? suggestion : "\(path).\(suggestion)")'?)"
                }
                problem += "; fields: " + fields.map(\.name).joined(separator: ", ")
                throw failure(fieldPath, problem)
            }
            members[name] = try convert(value, for: field, path: fieldPath)
        }
        for field in fields where field.isRequired && members[field.name] == nil {
            let fieldPath = path.isEmpty ? field.name : "\(path).\(field.name)"
            throw failure(fieldPath, "missing required field '\(fieldPath)' (\(Self.typeName(field)))")
        }
        return .object(members)
    }

    private func convert(_ value: LuaValue, for field: RequestField, path: String) throws -> JSONValue {
        if case .null = value {
            guard field.isNullable else { throw failure(path, "field '\(path)' cannot be null; expected \(Self.typeName(field))") }
            return .null
        }
        switch field.type {
        case .object:
            let entries: [LuaKey: LuaValue]
            switch value {
            case .table(let table): entries = table
            case .array(let elements) where elements.isEmpty: entries = [:]
            default: throw mismatch(value, field, path)
            }
            if field.fields.isEmpty { return try Self.json(from: .table(entries), path: path, method: method) }
            return try object(entries, fields: field.fields, path: path)
        case .array:
            let elements: [LuaValue]
            switch value {
            case .array(let list): elements = list
            case .table(let table) where table.isEmpty: elements = []
            default: throw mismatch(value, field, path)
            }
            let elementField = RequestField(name: field.name, type: field.elementType ?? .string, isRequired: true,
                                            allowedValues: field.allowedValues, summary: field.summary)
            return .array(try elements.enumerated().map { offset, element in
                try convert(element, for: elementField, path: "\(path)[\(offset + 1)]")
            })
        case .string:
            guard case .string(let bytes) = value else { throw mismatch(value, field, path) }
            guard let text = bytes.string else { throw failure(path, "field '\(path)' is not valid UTF-8 text") }
            if !field.allowedValues.isEmpty, !field.allowedValues.contains(text) {
                var problem = "field '\(path)' is '\(text)', which is not one of its values"
                if let suggestion = Self.closest(to: text, among: field.allowedValues) { problem += " (did you mean '\(suggestion)'?)" }
                throw failure(path, problem + "; valid values: " + field.allowedValues.joined(separator: ", "))
            }
            return .string(text)
        case .integer:
            switch value {
            case .integer(let number): return .integer(number)
            case .number(let number) where number.rounded() == number && abs(number) < 9.2e18: return .integer(Int64(number))
            default: throw mismatch(value, field, path)
            }
        case .number:
            switch value {
            case .integer(let number): return .integer(number)
            case .number(let number) where number.isFinite: return .double(number)
            default: throw mismatch(value, field, path)
            }
        case .boolean:
            guard case .boolean(let flag) = value else { throw mismatch(value, field, path) }
            return .bool(flag)
        }
    }

    private func mismatch(_ value: LuaValue, _ field: RequestField, _ path: String) -> RequestValidationError {
        failure(path, "field '\(path)' must be \(Self.typeName(field)), got \(Self.describe(value))")
    }

    /// Any table as JSON, for fields and raw calls without a schema.
    static func json(from value: LuaValue, path: String = "", method: String) throws -> JSONValue {
        func fail(_ problem: String) -> RequestValidationError { RequestValidationError(method: method, field: path, problem: problem) }
        switch value {
        case .nil, .null: return .null
        case .boolean(let flag): return .bool(flag)
        case .integer(let number): return .integer(number)
        case .number(let number):
            guard number.isFinite else { throw fail("'\(path)' is \(number), which JSON cannot hold") }
            return .double(number)
        case .string(let bytes):
            guard let text = bytes.string else { throw fail("'\(path)' is not valid UTF-8 text") }
            return .string(text)
        case .array(let elements):
            return .array(try elements.enumerated().map { try json(from: $1, path: "\(path)[\($0 + 1)]", method: method) })
        case .table(let entries):
            var members: [String: JSONValue] = [:]
            for (key, element) in entries {
                guard case .string(let bytes) = key, let name = bytes.string else {
                    throw fail("the table\(place(path)) has the key \(key); JSON objects need string keys")
                }
                members[name] = try json(from: element, path: path.isEmpty ? name : "\(path).\(name)", method: method)
            }
            return .object(members)
        case .userdata(let object):
            throw fail("a \(type(of: object).luaTypeName)\(place(path)) cannot be sent as JSON")
        }
    }

    private static func place(_ path: String) -> String { path.isEmpty ? "" : " at '\(path)'" }

    static func typeName(_ field: RequestField) -> String {
        let base: String
        switch field.type {
        case .array: base = "an array of \(field.elementType?.rawValue ?? "values")s"
        case .object: base = "a table"
        case .integer: base = "an integer"
        default: base = "a \(field.type.rawValue)"
        }
        return field.isNullable ? base + " or plaid.null" : base
    }

    static func describe(_ value: LuaValue) -> String {
        switch value {
        case .nil: "nil"
        case .boolean: "a boolean"
        case .integer: "an integer"
        case .number: "a float"
        case .string(let bytes): "the string '\(bytes)'"
        case .array: "an array"
        case .table: "a table"
        case .null: "plaid.null"
        case .userdata(let object): "a \(type(of: object).luaTypeName)"
        }
    }

    /// The candidate nearest to `word` by edit distance, when it is near enough to be a typo.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        return candidates
            .map { ($0, editDistance(word, $0)) }
            .filter { $0.1 <= limit }
            .min { $0.1 < $1.1 }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
