/// The body of `/processor/identity/match`. Scores how well the details a user gave match the
/// account holder's, 0 to 100 for each.
public struct ProcessorIdentityMatchRequest: PlaidRequest {
    /// Token a partner received for one account.
    public var processorToken: ProcessorToken
    /// The details to compare; a field left out gets a null score.
    public var user: IdentityMatchUser?

    public init(processorToken: ProcessorToken, user: IdentityMatchUser? = nil) {
        self.processorToken = processorToken
        self.user = user
    }

    enum CodingKeys: String, CodingKey {
        case processorToken = "processor_token"
        case user
    }

    public typealias Response = ProcessorIdentityMatchResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/identity/match",
        effect: .read,
        caller: .partner,
        summary: "Scores how well a user's name, phone, email and address match the account holder's.",
        requestFields: [
            .processorToken,
            RequestField(name: "user", type: .object, isRequired: false, fields: [
                RequestField(name: "legal_name", type: .string, isRequired: false, isNullable: true, summary: "The user's full name."),
                RequestField(name: "phone_number", type: .string, isRequired: false, isNullable: true,
                             summary: "The user's phone number, such as +14155550011."),
                RequestField(name: "email_address", type: .string, isRequired: false, isNullable: true, summary: "The user's email address."),
                RequestField(name: "address", type: .object, isRequired: false, fields: [
                    RequestField(name: "street", type: .string, isRequired: false, summary: "Street and number."),
                    RequestField(name: "city", type: .string, isRequired: false, isNullable: true, summary: "City."),
                    RequestField(name: "region", type: .string, isRequired: false, isNullable: true, summary: "State or province code."),
                    RequestField(name: "postal_code", type: .string, isRequired: false, isNullable: true, summary: "Postal code."),
                    RequestField(name: "country", type: .string, isRequired: false, isNullable: true, summary: "Two-letter country code."),
                ], summary: "The user's address."),
            ], summary: "The details to compare with the account holder's."),
        ],
        rateLimitCode: "IDENTITY_LIMIT"
    )
}

/// What a user told the partner about themselves, to match against the bank's records.
public struct IdentityMatchUser: Codable, Hashable, Sendable {
    public var legalName: Nullable<String>?
    public var phoneNumber: Nullable<String>?
    public var emailAddress: Nullable<String>?
    public var address: IdentityMatchAddress?

    public init(legalName: Nullable<String>? = nil, phoneNumber: Nullable<String>? = nil, emailAddress: Nullable<String>? = nil,
                address: IdentityMatchAddress? = nil) {
        self.legalName = legalName
        self.phoneNumber = phoneNumber
        self.emailAddress = emailAddress
        self.address = address
    }

    enum CodingKeys: String, CodingKey {
        case legalName = "legal_name"
        case phoneNumber = "phone_number"
        case emailAddress = "email_address"
        case address
    }
}

/// An address to match, every part optional.
public struct IdentityMatchAddress: Codable, Hashable, Sendable {
    public var street: String?
    public var city: Nullable<String>?
    public var region: Nullable<String>?
    public var postalCode: Nullable<String>?
    public var country: Nullable<String>?

    public init(street: String? = nil, city: Nullable<String>? = nil, region: Nullable<String>? = nil,
                postalCode: Nullable<String>? = nil, country: Nullable<String>? = nil) {
        self.street = street
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.country = country
    }

    enum CodingKeys: String, CodingKey {
        case street, city, region
        case postalCode = "postal_code"
        case country
    }
}

/// The successful response of `/processor/identity/match`.
public struct ProcessorIdentityMatchResponse: PlaidResponse {
    public var account: AccountIdentityMatchScore
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(account: AccountIdentityMatchScore, requestID: String) {
        self.account = account
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case account
        case requestID = "request_id"
    }
}

/// An account with the match score of each detail given: the account's own fields, and
/// `legal_name`, `phone_number`, `email_address` and `address` beside them.
public struct AccountIdentityMatchScore: Codable, Hashable, Sendable {
    public var account: Account
    public var legalName: NameMatchScore
    public var phoneNumber: MatchScore
    public var emailAddress: MatchScore
    public var address: AddressMatchScore

    public init(account: Account, legalName: NameMatchScore, phoneNumber: MatchScore, emailAddress: MatchScore, address: AddressMatchScore) {
        self.account = account
        self.legalName = legalName
        self.phoneNumber = phoneNumber
        self.emailAddress = emailAddress
        self.address = address
    }

    enum CodingKeys: String, CodingKey {
        case legalName = "legal_name"
        case phoneNumber = "phone_number"
        case emailAddress = "email_address"
        case address
    }

    public init(from decoder: any Decoder) throws {
        account = try Account(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        legalName = try container.decode(NameMatchScore.self, forKey: .legalName)
        phoneNumber = try container.decode(MatchScore.self, forKey: .phoneNumber)
        emailAddress = try container.decode(MatchScore.self, forKey: .emailAddress)
        address = try container.decode(AddressMatchScore.self, forKey: .address)
    }

    public func encode(to encoder: any Encoder) throws {
        try account.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(legalName, forKey: .legalName)
        try container.encode(phoneNumber, forKey: .phoneNumber)
        try container.encode(emailAddress, forKey: .emailAddress)
        try container.encode(address, forKey: .address)
    }
}

/// A score from 0 (nothing alike) to 100 (the same); null when the detail was not given.
public struct MatchScore: Codable, Hashable, Sendable {
    public var score: Nullable<Int>

    public init(score: Nullable<Int>) {
        self.score = score
    }
}

/// A name's match score, and what kind of match it was.
public struct NameMatchScore: Codable, Hashable, Sendable {
    public var score: Nullable<Int>
    public var isFirstNameOrLastNameMatch: Nullable<Bool>
    public var isNicknameMatch: Nullable<Bool>
    public var isBusinessNameDetected: Nullable<Bool>

    public init(score: Nullable<Int>, isFirstNameOrLastNameMatch: Nullable<Bool> = .null, isNicknameMatch: Nullable<Bool> = .null,
                isBusinessNameDetected: Nullable<Bool> = .null) {
        self.score = score
        self.isFirstNameOrLastNameMatch = isFirstNameOrLastNameMatch
        self.isNicknameMatch = isNicknameMatch
        self.isBusinessNameDetected = isBusinessNameDetected
    }

    enum CodingKeys: String, CodingKey {
        case score
        case isFirstNameOrLastNameMatch = "is_first_name_or_last_name_match"
        case isNicknameMatch = "is_nickname_match"
        case isBusinessNameDetected = "is_business_name_detected"
    }
}

/// An address's match score, and whether the postal code was the same.
public struct AddressMatchScore: Codable, Hashable, Sendable {
    public var score: Nullable<Int>
    public var isPostalCodeMatch: Nullable<Bool>

    public init(score: Nullable<Int>, isPostalCodeMatch: Nullable<Bool> = .null) {
        self.score = score
        self.isPostalCodeMatch = isPostalCodeMatch
    }

    enum CodingKeys: String, CodingKey {
        case score
        case isPostalCodeMatch = "is_postal_code_match"
    }
}
