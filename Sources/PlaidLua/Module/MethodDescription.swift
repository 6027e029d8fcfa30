import LuaBridge
import PlaidModels

/// `plaid.describe(name)`: an endpoint's fields as a table, for help and for scripts that
/// build requests generically.
enum MethodDescription {
    static func describe(_ name: String) throws -> LuaValue {
        guard let endpoint = PlaidAPI.endpoints.first(where: { $0.methodName == name }) else {
            let names = PlaidAPI.endpoints.map(\.methodName)
            var problem = "no method '\(name)'"
            if let suggestion = Spelling.closest(to: name, among: names) { problem += " (did you mean '\(suggestion)'?)" }
            throw RequestValidationError(method: "plaid.describe", field: "", problem: problem + "; methods: " + names.joined(separator: ", "))
        }
        return .table([
            "method": .string(endpoint.methodName),
            "path": .string(endpoint.path),
            "summary": .string(endpoint.summary),
            "effect": .string(endpoint.effect.rawValue),
            "caller": .string(endpoint.caller.rawValue),
            "fields": fields(endpoint.requestFields),
        ])
    }

    private static func fields(_ list: [RequestField]) -> LuaValue {
        .array(list.map { field in
            var entry: [LuaKey: LuaValue] = [
                "name": .string(field.name),
                "type": .string(field.type.rawValue),
                "required": .boolean(field.isRequired),
                "nullable": .boolean(field.isNullable),
                "summary": .string(field.summary),
            ]
            if let element = field.elementType { entry["element_type"] = .string(element.rawValue) }
            if !field.allowedValues.isEmpty { entry["values"] = .array(field.allowedValues.map { .string($0) }) }
            if !field.fields.isEmpty { entry["fields"] = fields(field.fields) }
            return .table(entry)
        })
    }
}
