/// The body of `/processor/token/permissions/set`. Limits the products a partner may read with a
/// processor token; an empty list gives back every product.
public struct ProcessorTokenPermissionsSetRequest: PlaidRequest {
    /// The processor token whose access is set.
    public var processorToken: ProcessorToken
    /// The products the partner may use; empty for all of them.
    public var products: [Product]

    public init(processorToken: ProcessorToken, products: [Product]) {
        self.processorToken = processorToken
        self.products = products
    }

    enum CodingKeys: String, CodingKey {
        case processorToken = "processor_token"
        case products
    }

    public typealias Response = ProcessorTokenPermissionsSetResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/token/permissions/set",
        effect: .write,
        caller: .developer,
        summary: "Limits the products a partner may read with a processor token; an empty list allows all.",
        requestFields: [
            RequestField(name: "processor_token", type: .string, isRequired: true,
                         summary: "The processor token, as the developer made it for the partner."),
            RequestField(name: "products", type: .array, elementType: .string, isRequired: true,
                         allowedValues: Product.knownRawValues, summary: "The products the partner may use; empty for all."),
        ]
    )
}

/// The successful response of `/processor/token/permissions/set`.
public struct ProcessorTokenPermissionsSetResponse: PlaidResponse {
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(requestID: String) {
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id"
    }
}
