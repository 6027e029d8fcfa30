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
/// The checks are the ones the sandbox runs (``RequestField/check(_:against:at:)``); this adds
/// reading Lua values as JSON and the wording of the module's errors.
package struct RequestValidator {
    package let method: String

    package init(method: String) { self.method = method }

    package func validate(_ request: LuaValue, against fields: [RequestField]) throws -> JSONValue {
        let value = RequestValue(value: request == .nil ? .table([:]) : request, method: method)
        guard let members = try value.members(at: RequestFieldPath()) else {
            throw failure("", "the request must be a table of fields, got \(Self.describe(request))")
        }
        do {
            return try RequestField.check(members, against: fields)
        } catch let failure as RequestFieldFailure<RequestValue> {
            throw error(for: failure)
        }
    }

    private func failure(_ field: String, _ problem: String) -> RequestValidationError {
        RequestValidationError(method: method, field: field, problem: problem)
    }

    private func error(for failure: RequestFieldFailure<RequestValue>) -> RequestValidationError {
        let path = Self.name(failure.path)
        func qualified(_ field: String) -> String { path.isEmpty ? field : "\(path).\(field)" }
        switch failure.problem {
        case .unknownFields(let names, let fields):
            let name = names[0]
            if path.isEmpty, name == "client_id" || name == "secret" {
                return self.failure(name, "'\(name)' is not sent per request: give it to plaid.client{\(name) = ...}")
            }
            var problem = "unknown field '\(qualified(name))'"
            if let suggestion = Spelling.closest(to: name, among: fields.map(\.name)) {
                problem += " (did you mean '\(qualified(suggestion))'?)"
            }
            return self.failure(qualified(name), problem + "; fields: " + fields.map(\.name).joined(separator: ", "))
        case .missingFields(let fields, let givenAsNull):
            let field = fields[0]
            if givenAsNull.contains(field.name) {
                return self.failure(qualified(field.name), "field '\(qualified(field.name))' cannot be null; expected \(Self.typeName(field))")
            }
            return self.failure(qualified(field.name), "missing required field '\(qualified(field.name))' (\(Self.typeName(field)))")
        case .null(let field):
            return self.failure(path, "field '\(path)' cannot be null; expected \(Self.typeName(field))")
        case .wrongType(let field, let value):
            return self.failure(path, "field '\(path)' must be \(Self.typeName(field)), got \(Self.describe(value.value))")
        case .notAllowed(let field, let text):
            var problem = "field '\(path)' is '\(text)', which is not one of its values"
            if let suggestion = Spelling.closest(to: text, among: field.allowedValues) { problem += " (did you mean '\(suggestion)'?)" }
            return self.failure(path, problem + "; valid values: " + field.allowedValues.joined(separator: ", "))
        }
    }

    /// A path as scripts write it: `options.account_ids[2]`, counting from 1.
    private static func name(_ path: RequestFieldPath) -> String {
        path.steps.reduce(into: "") { name, step in
            switch step {
            case .field(let field): name += name.isEmpty ? field : ".\(field)"
            case .element(let offset): name += "[\(offset + 1)]"
            }
        }
    }

    /// A Lua value as the request checks read it. An empty table is an empty object or an empty
    /// array, whichever the field takes (Lua cannot tell them apart), and a whole float is an
    /// integer where one is wanted.
    struct RequestValue: RequestFieldValue {
        let value: LuaValue
        /// For the errors only Lua values cause: keys that are not text, text that is not UTF-8.
        let method: String

        var isNull: Bool { value == .null }

        func members(at path: RequestFieldPath) throws -> [String: RequestValue]? {
            let entries: [LuaKey: LuaValue]
            switch value {
            case .table(let table): entries = table
            case .array(let elements) where elements.isEmpty: entries = [:]
            default: return nil
            }
            var members: [String: RequestValue] = [:]
            var badKey: LuaKey?
            for (key, element) in entries {
                if case .string(let bytes) = key, let name = bytes.string {
                    members[name] = RequestValue(value: element, method: method)
                } else {
                    badKey = min(badKey ?? key, key)
                }
            }
            if let badKey {
                let place = RequestValidator.name(path)
                throw RequestValidationError(method: method, field: place,
                                             problem: "field names must be strings, got the key \(badKey)\(RequestValidator.place(place))")
            }
            return members
        }

        var elements: [RequestValue]? {
            switch value {
            case .array(let list): list.map { RequestValue(value: $0, method: method) }
            case .table(let table) where table.isEmpty: []
            default: nil
            }
        }

        func text(at path: RequestFieldPath) throws -> String? {
            guard case .string(let bytes) = value else { return nil }
            guard let text = bytes.string else {
                let place = RequestValidator.name(path)
                throw RequestValidationError(method: method, field: place, problem: "field '\(place)' is not valid UTF-8 text")
            }
            return text
        }

        func scalar(as type: RequestField.JSONType) -> JSONValue? {
            switch (type, value) {
            case (.integer, .integer(let number)), (.number, .integer(let number)): .integer(number)
            case (.integer, .number(let number)) where number.rounded() == number && abs(number) < 9.2e18: .integer(Int64(number))
            case (.number, .number(let number)) where number.isFinite: .double(number)
            case (.boolean, .boolean(let flag)): .bool(flag)
            default: nil
            }
        }
    }

    /// Any table as JSON, for raw calls (`client:request`), which have no fields to check.
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
}
