/// The body of `/sandbox/public_token/create`. Sandbox only: links a test Item without Link and returns its public token.
public struct SandboxPublicTokenCreateRequest: PlaidRequest {
    /// Test institution to link, such as `ins_109508`.
    public var institutionID: String
    /// Products to enable on the Item (at least one).
    public var initialProducts: [Product]
    /// Test login and generated data.
    public var options: SandboxPublicTokenCreateOptions?
    /// User token, for income and check products.
    public var userToken: String?
    /// User id, for income and check products.
    public var userID: String?

    public init(
        institutionID: String,
        initialProducts: [Product],
        options: SandboxPublicTokenCreateOptions? = nil,
        userToken: String? = nil,
        userID: String? = nil
    ) {
        self.institutionID = institutionID
        self.initialProducts = initialProducts
        self.options = options
        self.userToken = userToken
        self.userID = userID
    }

    enum CodingKeys: String, CodingKey {
        case institutionID = "institution_id"
        case initialProducts = "initial_products"
        case options
        case userToken = "user_token"
        case userID = "user_id"
    }

    public typealias Response = SandboxPublicTokenCreateResponse

    public static let endpoint = PlaidEndpoint(
        path: "/sandbox/public_token/create",
        effect: .write,
        caller: .developer,
        summary: "Sandbox only: links a test Item without Link and returns its public token.",
        requestFields: [
            RequestField(
                name: "institution_id",
                type: .string,
                isRequired: true,
                summary: "Test institution to link, such as `ins_109508`."
            ),
            RequestField(
                name: "initial_products",
                type: .array,
                elementType: .string,
                isRequired: true,
                allowedValues: Product.knownRawValues,
                summary: "Products to enable on the Item (at least one)."
            ),
            RequestField(
                name: "options",
                type: .object,
                isRequired: false,
                fields: [
                    RequestField(
                        name: "webhook",
                        type: .string,
                        isRequired: false,
                        summary: "URL to receive the Item's webhooks."
                    ),
                    RequestField(
                        name: "override_username",
                        type: .string,
                        isRequired: false,
                        isNullable: true,
                        summary: "Test username to log in with (default `user_good`)."
                    ),
                    RequestField(
                        name: "override_password",
                        type: .string,
                        isRequired: false,
                        isNullable: true,
                        summary: "Test password to log in with (default `pass_good`)."
                    ),
                    RequestField(
                        name: "transactions",
                        type: .object,
                        isRequired: false,
                        isNullable: true,
                        fields: [
                            RequestField(
                                name: "start_date",
                                type: .string,
                                isRequired: false,
                                summary: "First day of generated history (YYYY-MM-DD)."
                            ),
                            RequestField(
                                name: "end_date",
                                type: .string,
                                isRequired: false,
                                summary: "Last day of generated history (YYYY-MM-DD)."
                            ),
                            RequestField(
                                name: "days_requested",
                                type: .integer,
                                isRequired: false,
                                summary: "How many days of history to generate."
                            ),
                        ],
                        summary: "Transactions history to generate."
                    ),
                    RequestField(
                        name: "statements",
                        type: .object,
                        isRequired: false,
                        isNullable: true,
                        fields: [
                            RequestField(
                                name: "start_date",
                                type: .string,
                                isRequired: true,
                                summary: "First day covered (YYYY-MM-DD)."
                            ),
                            RequestField(
                                name: "end_date",
                                type: .string,
                                isRequired: true,
                                summary: "Last day covered (YYYY-MM-DD)."
                            ),
                        ],
                        summary: "Statement range to generate."
                    ),
                    RequestField(
                        name: "income_verification",
                        type: .object,
                        isRequired: false,
                        fields: [
                            RequestField(
                                name: "income_source_types",
                                type: .array,
                                elementType: .string,
                                isRequired: false,
                                allowedValues: ["bank", "payroll"],
                                summary: "Where income comes from: `bank` or `payroll`."
                            ),
                            RequestField(
                                name: "bank_income",
                                type: .object,
                                isRequired: false,
                                fields: [
                                    RequestField(
                                        name: "days_requested",
                                        type: .integer,
                                        isRequired: false,
                                        summary: "Days of history to base income on."
                                    ),
                                ],
                                summary: "Bank income settings."
                            ),
                        ],
                        summary: "Income verification settings."
                    ),
                ],
                summary: "Test login and generated data."
            ),
            RequestField(
                name: "user_token",
                type: .string,
                isRequired: false,
                summary: "User token, for income and check products."
            ),
            RequestField(
                name: "user_id",
                type: .string,
                isRequired: false,
                summary: "User id, for income and check products."
            ),
        ]
    )
}

/// The successful response of `/sandbox/public_token/create`.
public struct SandboxPublicTokenCreateResponse: PlaidResponse {
    public var publicToken: PublicToken
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(
        publicToken: PublicToken,
        requestID: String
    ) {
        self.publicToken = publicToken
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case publicToken = "public_token"
        case requestID = "request_id"
    }
}
