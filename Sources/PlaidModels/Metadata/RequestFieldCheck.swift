/// A value a request field can hold, as the request checks see it: JSON from a body (the
/// sandbox) or a Lua value on its way to becoming JSON (the `plaid` module). Each side says how
/// its values read as JSON, and throws its own errors for what only its values can get wrong;
/// the checks themselves, and the order they run in, are ``RequestField/check(_:against:at:)``.
public protocol RequestFieldValue: Sendable {
    /// Whether this is JSON's `null`.
    var isNull: Bool { get }
    /// The members by name when this value can be sent as a JSON object, else `nil`.
    func members(at path: RequestFieldPath) throws -> [String: Self]?
    /// The elements when this value can be sent as a JSON array, else `nil`.
    var elements: [Self]? { get }
    /// The text when this value is a string, else `nil`.
    func text(at path: RequestFieldPath) throws -> String?
    /// This value as JSON of `type` (`number`, `integer` or `boolean`) when it can be sent as one, else `nil`.
    func scalar(as type: RequestField.JSONType) -> JSONValue?
}

/// Where a value sits in a request: field names from the body down, and positions in arrays.
public struct RequestFieldPath: Hashable, Sendable {
    public enum Step: Hashable, Sendable {
        case field(String)
        /// A position in an array, counted from 0.
        case element(Int)
    }

    public private(set) var steps: [Step]

    public init(_ steps: [Step] = []) { self.steps = steps }

    public func appending(_ step: Step) -> RequestFieldPath { RequestFieldPath(steps + [step]) }

    /// The field names joined with dots, positions left out: `options.account_ids`.
    public var fieldNames: String {
        steps.compactMap { step -> String? in
            if case .field(let name) = step { name } else { nil }
        }.joined(separator: ".")
    }

    /// Whether the path ends at an element of an array rather than at a field.
    public var isElement: Bool {
        if case .element? = steps.last { true } else { false }
    }
}

/// The first thing ``RequestField/check(_:against:at:)`` finds wrong with a request. Each side
/// words it as its own error: a Lua validation error, or the Plaid error the sandbox answers.
public struct RequestFieldFailure<Value: RequestFieldValue>: Error {
    public enum Problem: Sendable {
        /// Keys of the object at ``RequestFieldFailure/path`` that none of `fields` (the
        /// object's) takes, sorted.
        case unknownFields([String], fields: [RequestField])
        /// Required fields of the object at ``RequestFieldFailure/path`` that are absent, or
        /// null without being nullable (those are named in `givenAsNull`), in declared order.
        case missingFields([RequestField], givenAsNull: Set<String>)
        /// `null` for a field, or an array's element, that does not take it.
        case null(RequestField)
        /// A value that is not of the field's type.
        case wrongType(RequestField, Value)
        /// Text that is not one of the field's ``RequestField/allowedValues``.
        case notAllowed(RequestField, String)
    }

    public let problem: Problem
    /// The object that has the unknown or missing fields; for the other problems, the value's own place.
    public let path: RequestFieldPath
}

extension RequestField {
    /// Checks an object's members against `fields` and returns them as the JSON to send.
    ///
    /// The checks run in one order, so every binding and the sandbox report the same first
    /// fault: keys no field takes (all of the object's), then required fields left out or null
    /// (all of them), then each given field in declared order (type, allowed values), nested
    /// objects and array elements as they come. An array's elements are of its
    /// ``elementType`` (a string when it has none) and, when they are objects, take its
    /// ``fields``.
    ///
    /// - Throws: ``RequestFieldFailure`` for a fault of the request, or whatever `Value`'s own
    ///   conversions throw.
    public static func check<Value: RequestFieldValue>(
        _ members: [String: Value], against fields: [RequestField], at path: RequestFieldPath = RequestFieldPath()
    ) throws -> JSONValue {
        let names = Set(fields.map(\.name))
        let unknown = members.keys.filter { !names.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw RequestFieldFailure<Value>(problem: .unknownFields(unknown, fields: fields), path: path)
        }
        let missing = fields.filter { field in
            guard let value = members[field.name] else { return field.isRequired }
            return field.isRequired && value.isNull && !field.isNullable
        }
        guard missing.isEmpty else {
            let givenAsNull = Set(missing.map(\.name).filter { members[$0] != nil })
            throw RequestFieldFailure<Value>(problem: .missingFields(missing, givenAsNull: givenAsNull), path: path)
        }
        var json: [String: JSONValue] = [:]
        for field in fields {
            guard let value = members[field.name] else { continue }
            json[field.name] = try check(value, as: field, at: path.appending(.field(field.name)))
        }
        return .object(json)
    }

    private static func check<Value: RequestFieldValue>(_ value: Value, as field: RequestField, at path: RequestFieldPath) throws -> JSONValue {
        func failure(_ problem: RequestFieldFailure<Value>.Problem) -> RequestFieldFailure<Value> {
            RequestFieldFailure(problem: problem, path: path)
        }
        if value.isNull {
            guard field.isNullable else { throw failure(.null(field)) }
            return .null
        }
        switch field.type {
        case .object:
            guard let members = try value.members(at: path) else { throw failure(.wrongType(field, value)) }
            guard field.fields.isEmpty else { return try check(members, against: field.fields, at: path) }
            // An object of the caller's own keys, such as `metadata`: any key, each value a string.
            let entry = RequestField(name: field.name, type: .string, isRequired: true, summary: field.summary)
            var map: [String: JSONValue] = [:]
            for (key, member) in members { map[key] = try check(member, as: entry, at: path.appending(.field(key))) }
            return .object(map)
        case .array:
            guard let elements = value.elements else { throw failure(.wrongType(field, value)) }
            let element = RequestField(name: field.name, type: field.elementType ?? .string, isRequired: true,
                                       allowedValues: field.allowedValues, fields: field.fields, summary: field.summary)
            return .array(try elements.enumerated().map { offset, value in
                try check(value, as: element, at: path.appending(.element(offset)))
            })
        case .string:
            guard let text = try value.text(at: path) else { throw failure(.wrongType(field, value)) }
            guard field.allowedValues.isEmpty || field.allowedValues.contains(text) else { throw failure(.notAllowed(field, text)) }
            return .string(text)
        case .number, .integer, .boolean:
            guard let scalar = value.scalar(as: field.type) else { throw failure(.wrongType(field, value)) }
            return scalar
        }
    }
}

/// A request body as the sandbox reads it: JSON, taken as it is.
extension JSONValue: RequestFieldValue {
    public var isNull: Bool { self == .null }

    public func members(at path: RequestFieldPath) -> [String: JSONValue]? {
        if case .object(let members) = self { members } else { nil }
    }

    public var elements: [JSONValue]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    public func text(at path: RequestFieldPath) -> String? { stringValue }

    public func scalar(as type: RequestField.JSONType) -> JSONValue? {
        switch (type, self) {
        case (.integer, .integer), (.number, .integer), (.number, .double), (.boolean, .bool): self
        default: nil
        }
    }
}
