/// The body of `/institutions/get_by_id`. Looks up one institution by id.
public struct InstitutionsGetByIDRequest: PlaidRequest {
    /// Institution id, such as `ins_109508`.
    public var institutionID: String
    /// Countries the caller operates in.
    public var countryCodes: [CountryCode]
    /// Extra data to include.
    public var options: InstitutionsGetByIDOptions?

    public init(
        institutionID: String,
        countryCodes: [CountryCode],
        options: InstitutionsGetByIDOptions? = nil
    ) {
        self.institutionID = institutionID
        self.countryCodes = countryCodes
        self.options = options
    }

    enum CodingKeys: String, CodingKey {
        case institutionID = "institution_id"
        case countryCodes = "country_codes"
        case options
    }

    public typealias Response = InstitutionsGetByIDResponse

    public static let endpoint = PlaidEndpoint(
        path: "/institutions/get_by_id",
        effect: .read,
        caller: .either,
        summary: "Looks up one institution by id.",
        requestFields: [
            RequestField(
                name: "institution_id",
                type: .string,
                isRequired: true,
                summary: "Institution id, such as `ins_109508`."
            ),
            RequestField(
                name: "country_codes",
                type: .array,
                elementType: .string,
                isRequired: true,
                allowedValues: CountryCode.knownRawValues,
                summary: "Countries the caller operates in."
            ),
            RequestField(
                name: "options",
                type: .object,
                isRequired: false,
                fields: [
                    RequestField(
                        name: "include_optional_metadata",
                        type: .boolean,
                        isRequired: false,
                        summary: "Add URL, colour and logo."
                    ),
                    RequestField(
                        name: "include_status",
                        type: .boolean,
                        isRequired: false,
                        summary: "Add health status per product."
                    ),
                    RequestField(
                        name: "include_auth_metadata",
                        type: .boolean,
                        isRequired: false,
                        summary: "Add supported Auth methods."
                    ),
                    RequestField(
                        name: "include_payment_initiation_metadata",
                        type: .boolean,
                        isRequired: false,
                        summary: "Add payment initiation support."
                    ),
                ],
                summary: "Extra data to include."
            ),
        ],
        rateLimitCode: "INSTITUTIONS_GET_BY_ID_LIMIT"
    )
}

/// The successful response of `/institutions/get_by_id`.
public struct InstitutionsGetByIDResponse: PlaidResponse {
    public var institution: Institution
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(
        institution: Institution,
        requestID: String
    ) {
        self.institution = institution
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case institution
        case requestID = "request_id"
    }
}
