/// The body of `/processor/token/permissions/get`. Reads the products a partner may use with a
/// processor token.
public struct ProcessorTokenPermissionsGetRequest: PlaidRequest {
    /// The processor token whose access is read.
    public var processorToken: ProcessorToken

    public init(processorToken: ProcessorToken) {
        self.processorToken = processorToken
    }

    enum CodingKeys: String, CodingKey {
        case processorToken = "processor_token"
    }

    public typealias Response = ProcessorTokenPermissionsGetResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/token/permissions/get",
        effect: .read,
        caller: .developer,
        summary: "Reads the products a partner may use with a processor token; empty means all.",
        requestFields: [
            RequestField(name: "processor_token", type: .string, isRequired: true,
                         summary: "The processor token, as the developer made it for the partner."),
        ]
    )
}

/// The successful response of `/processor/token/permissions/get`.
public struct ProcessorTokenPermissionsGetResponse: PlaidResponse {
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String
    /// The products the partner may use; empty when it may use all of them.
    public var products: [Product]

    public init(requestID: String, products: [Product]) {
        self.requestID = requestID
        self.products = products
    }

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id"
        case products
    }
}
