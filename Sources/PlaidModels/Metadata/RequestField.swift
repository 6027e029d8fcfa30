/// One field of a request body, described as data so that a binding (the Lua module) can check
/// a request before sending it, suggest the closest name for a misspelt key and describe a
/// method to its user.
public struct RequestField: Hashable, Sendable {
    /// The JSON type a field's value must have.
    public enum JSONType: String, Hashable, Sendable {
        case string, number, integer, boolean, object, array
    }

    /// The key as sent on the wire.
    public let name: String
    public let type: JSONType
    /// For arrays: the type of each element.
    public let elementType: JSONType?
    public let isRequired: Bool
    /// Whether `null` is an accepted value.
    public let isNullable: Bool
    /// The values Plaid lists for an enum field (for arrays, for each element); empty when any
    /// value of ``type`` goes. Plaid may accept values added after these models were written.
    public let allowedValues: [String]
    /// For objects: the fields the object takes.
    public let fields: [RequestField]
    /// A one-line explanation for help text.
    public let summary: String

    public init(
        name: String,
        type: JSONType,
        elementType: JSONType? = nil,
        isRequired: Bool,
        isNullable: Bool = false,
        allowedValues: [String] = [],
        fields: [RequestField] = [],
        summary: String
    ) {
        self.name = name
        self.type = type
        self.elementType = elementType
        self.isRequired = isRequired
        self.isNullable = isNullable
        self.allowedValues = allowedValues
        self.fields = fields
        self.summary = summary
    }
}

extension RequestField {
    /// The field every processor endpoint reads its account through.
    public static let processorToken = RequestField(
        name: "processor_token", type: .string, isRequired: true, summary: "Token a partner received for one account.")

    /// The field every Item endpoint reads its Item through.
    public static let accessToken = RequestField(
        name: "access_token", type: .string, isRequired: true, summary: "Access token of the Item.")
}
