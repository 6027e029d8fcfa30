import PlaidModels

/// Checks a request body against the field list PlaidModels publishes for its endpoint, so a
/// bad request gets the specific Plaid error (missing, unknown or invalid field) instead of a
/// generic decoding failure.
enum RequestValidator {
    static func validate(_ body: [String: JSONValue], against fields: [RequestField], prefix: String = "") throws {
        let known = Set(fields.map(\.name))
        let unknown = body.keys.filter { !known.contains($0) }.sorted()
        if !unknown.isEmpty { throw SandboxError.unknownFields(unknown.map { prefix + $0 }) }

        let missing = fields.filter { field in
            field.isRequired && (body[field.name] == nil || (body[field.name] == .null && !field.isNullable))
        }
        if !missing.isEmpty { throw SandboxError.missingFields(missing.map { prefix + $0.name }) }

        for field in fields {
            guard let value = body[field.name] else { continue }
            try validate(value, as: field, name: prefix + field.name)
        }
    }

    private static func validate(_ value: JSONValue, as field: RequestField, name: String) throws {
        if value == .null {
            if field.isNullable { return }
            throw SandboxError.invalidField("\(name) must not be null; leave it out instead")
        }
        try checkType(value, is: field.type, name: name)
        switch value {
        case .string(let string):
            try checkAllowed(string, field: field, name: name)
        case .array(let elements):
            guard let elementType = field.elementType else { return }
            for element in elements {
                try checkType(element, is: elementType, name: "each element of \(name)")
                if case .string(let string) = element { try checkAllowed(string, field: field, name: name) }
            }
        case .object(let members):
            try validate(members, against: field.fields, prefix: name + ".")
        default:
            return
        }
    }

    private static func checkType(_ value: JSONValue, is type: RequestField.JSONType, name: String) throws {
        let matches = switch (type, value) {
        case (.string, .string), (.boolean, .bool), (.array, .array), (.object, .object), (.integer, .integer),
             (.number, .integer), (.number, .double):
            true
        default:
            false
        }
        if !matches {
            throw SandboxError.invalidField("\(name) must be \(article(type)) \(type.rawValue), not \(describe(value))")
        }
    }

    private static func checkAllowed(_ string: String, field: RequestField, name: String) throws {
        guard !field.allowedValues.isEmpty, !field.allowedValues.contains(string) else { return }
        if field.name == "processor" { throw SandboxError.invalidProcessor(string) }
        let listed = field.allowedValues.count <= 12
            ? "one of " + field.allowedValues.joined(separator: ", ")
            : "a value listed for it in Plaid's API reference"
        throw SandboxError.invalidField("\(name) has the value \"\(string)\", which is not valid; use \(listed)")
    }

    private static func article(_ type: RequestField.JSONType) -> String {
        type == .integer || type == .object || type == .array ? "an" : "a"
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
