import PlaidModels

/// Checks a request body against the field list PlaidModels publishes for its endpoint, so a
/// bad request gets the specific Plaid error (missing, unknown or invalid field) instead of a
/// generic decoding failure. The checks are the ones the `plaid` module runs
/// (``RequestField/check(_:against:at:)``); only the wording is the sandbox's.
enum RequestValidator {
    static func validate(_ body: [String: JSONValue], against fields: [RequestField]) throws {
        try refuseNULCharacters(in: .object(body), at: "")
        do {
            _ = try RequestField.check(body, against: fields)
        } catch let failure as RequestFieldFailure<JSONValue> {
            throw error(for: failure)
        }
    }

    /// Text the sandbox stores never holds U+0000, which PostgreSQL's text cannot keep: a body
    /// with one is refused on either store alike, naming the field.
    private static func refuseNULCharacters(in value: JSONValue, at path: String) throws {
        switch value {
        case .string(let text) where text.utf8.contains(0):
            throw SandboxError.invalidField("\(path) must not contain the character U+0000")
        case .object(let members):
            for (key, member) in members {
                let memberPath = path.isEmpty ? key : "\(path).\(key)"
                if key.utf8.contains(0) {
                    throw SandboxError.invalidField("the field names in \(path.isEmpty ? "the body" : path) must not contain the character U+0000")
                }
                try refuseNULCharacters(in: member, at: memberPath)
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() { try refuseNULCharacters(in: element, at: "\(path)[\(index)]") }
        default:
            break
        }
    }

    private static func error(for failure: RequestFieldFailure<JSONValue>) -> SandboxError {
        let name = failure.path.fieldNames
        func qualified(_ field: String) -> String { name.isEmpty ? field : "\(name).\(field)" }
        switch failure.problem {
        case .unknownFields(let names, _):
            return .unknownFields(names.map(qualified))
        case .missingFields(let fields, _):
            return .missingFields(fields.map { qualified($0.name) })
        case .null(let field) where failure.path.isElement:
            return .invalidField("each element of \(name) must be \(article(field.type)) \(field.type.rawValue), not null")
        case .null:
            return .invalidField("\(name) must not be null; leave it out instead")
        case .wrongType(let field, let value):
            let subject = failure.path.isElement ? "each element of \(name)" : name
            return .invalidField("\(subject) must be \(article(field.type)) \(field.type.rawValue), not \(describe(value))")
        case .notAllowed(let field, let value):
            if field.name == "processor" { return .invalidProcessor(value) }
            let listed = field.allowedValues.count <= 12
                ? "one of " + field.allowedValues.joined(separator: ", ")
                : "a value listed for it in Plaid's API reference"
            return .invalidField("\(name) has the value \"\(value)\", which is not valid; use \(listed)")
        }
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
