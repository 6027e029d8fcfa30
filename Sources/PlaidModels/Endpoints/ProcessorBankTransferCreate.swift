/// The body of `/processor/bank_transfer/create`. A partner moves money to or from the account
/// behind a processor token.
public struct ProcessorBankTransferCreateRequest: PlaidRequest {
    /// The same key makes the same transfer once, however often it is sent (at most 50 characters).
    public var idempotencyKey: String
    /// Token a partner received for one account.
    public var processorToken: ProcessorToken
    /// `debit` takes money from the account, `credit` pays into it.
    public var type: String
    /// `ach`, `same-day-ach` or `wire`.
    public var network: String
    /// A decimal amount as a string, such as `"10.00"`.
    public var amount: String
    public var isoCurrencyCode: String
    /// What the account holder's statement shows, at most 10 characters.
    public var description: String
    /// `ccd`, `ppd`, `tel` or `web`; required on ACH.
    public var achClass: String?
    public var user: BankTransferUser
    public var customTag: Nullable<String>?
    public var metadata: [String: String]?
    public var originationAccountID: Nullable<String>?

    public init(idempotencyKey: String, processorToken: ProcessorToken, type: String, network: String, amount: String,
                isoCurrencyCode: String, description: String, achClass: String? = nil, user: BankTransferUser,
                customTag: Nullable<String>? = nil, metadata: [String: String]? = nil, originationAccountID: Nullable<String>? = nil) {
        self.idempotencyKey = idempotencyKey
        self.processorToken = processorToken
        self.type = type
        self.network = network
        self.amount = amount
        self.isoCurrencyCode = isoCurrencyCode
        self.description = description
        self.achClass = achClass
        self.user = user
        self.customTag = customTag
        self.metadata = metadata
        self.originationAccountID = originationAccountID
    }

    enum CodingKeys: String, CodingKey {
        case idempotencyKey = "idempotency_key"
        case processorToken = "processor_token"
        case type, network, amount
        case isoCurrencyCode = "iso_currency_code"
        case description
        case achClass = "ach_class"
        case user
        case customTag = "custom_tag"
        case metadata
        case originationAccountID = "origination_account_id"
    }

    public static let types = ["debit", "credit"]
    public static let networks = ["ach", "same-day-ach", "wire"]
    public static let achClasses = ["ccd", "ppd", "tel", "web"]

    public typealias Response = ProcessorBankTransferCreateResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/bank_transfer/create",
        effect: .write,
        caller: .partner,
        summary: "Moves money to or from the account behind a processor token.",
        requestFields: [
            RequestField(name: "idempotency_key", type: .string, isRequired: true,
                         summary: "The same key makes the same transfer once (at most 50 characters)."),
            .processorToken,
            RequestField(name: "type", type: .string, isRequired: true, allowedValues: types,
                         summary: "debit takes money from the account, credit pays into it."),
            RequestField(name: "network", type: .string, isRequired: true, allowedValues: networks, summary: "How the money moves."),
            RequestField(name: "amount", type: .string, isRequired: true, summary: "A decimal amount as a string, such as \"10.00\"."),
            RequestField(name: "iso_currency_code", type: .string, isRequired: true, summary: "The currency; USD."),
            RequestField(name: "description", type: .string, isRequired: true,
                         summary: "What the account holder's statement shows, at most 10 characters."),
            RequestField(name: "ach_class", type: .string, isRequired: false, allowedValues: achClasses,
                         summary: "The ACH entry class; required on ach and same-day-ach."),
            RequestField(name: "user", type: .object, isRequired: true, fields: [
                RequestField(name: "legal_name", type: .string, isRequired: true, summary: "The account holder's name."),
                RequestField(name: "email_address", type: .string, isRequired: false, isNullable: true, summary: "Their email address."),
                RequestField(name: "routing_number", type: .string, isRequired: false, isNullable: true, summary: "Their routing number."),
            ], summary: "The account holder."),
            RequestField(name: "custom_tag", type: .string, isRequired: false, isNullable: true, summary: "Your tag, at most 100 characters."),
            RequestField(name: "metadata", type: .object, isRequired: false, summary: "Up to 50 string keys and values of your own."),
            RequestField(name: "origination_account_id", type: .string, isRequired: false, isNullable: true,
                         summary: "Your account the money moves from or to."),
        ]
    )
}

/// The account holder of a bank transfer.
public struct BankTransferUser: Codable, Hashable, Sendable {
    public var legalName: String
    public var emailAddress: Nullable<String>?
    public var routingNumber: Nullable<String>?

    public init(legalName: String, emailAddress: Nullable<String>? = nil, routingNumber: Nullable<String>? = nil) {
        self.legalName = legalName
        self.emailAddress = emailAddress
        self.routingNumber = routingNumber
    }

    enum CodingKeys: String, CodingKey {
        case legalName = "legal_name"
        case emailAddress = "email_address"
        case routingNumber = "routing_number"
    }
}

/// The successful response of `/processor/bank_transfer/create`.
public struct ProcessorBankTransferCreateResponse: PlaidResponse {
    public var bankTransfer: BankTransfer
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(bankTransfer: BankTransfer, requestID: String) {
        self.bankTransfer = bankTransfer
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case bankTransfer = "bank_transfer"
        case requestID = "request_id"
    }
}

/// A transfer of money to or from an account, as made.
public struct BankTransfer: Codable, Hashable, Sendable {
    public var id: String
    public var achClass: String
    public var accountID: String
    public var type: String
    public var user: BankTransferUser
    public var amount: String
    public var isoCurrencyCode: String
    public var description: String
    public var created: String
    /// `pending`, `posted`, `cancelled`, `failed` or `reversed`.
    public var status: String
    public var network: String
    public var cancellable: Bool
    public var failureReason: Nullable<BankTransferFailure>
    public var customTag: Nullable<String>
    public var metadata: Nullable<[String: String]>
    public var originationAccountID: String
    /// `outbound` or `inbound`, as seen from the partner's side; null when not known.
    public var direction: Nullable<String>

    public init(id: String, achClass: String, accountID: String, type: String, user: BankTransferUser, amount: String,
                isoCurrencyCode: String, description: String, created: String, status: String, network: String, cancellable: Bool,
                failureReason: Nullable<BankTransferFailure>, customTag: Nullable<String>, metadata: Nullable<[String: String]>,
                originationAccountID: String, direction: Nullable<String>) {
        self.id = id
        self.achClass = achClass
        self.accountID = accountID
        self.type = type
        self.user = user
        self.amount = amount
        self.isoCurrencyCode = isoCurrencyCode
        self.description = description
        self.created = created
        self.status = status
        self.network = network
        self.cancellable = cancellable
        self.failureReason = failureReason
        self.customTag = customTag
        self.metadata = metadata
        self.originationAccountID = originationAccountID
        self.direction = direction
    }

    enum CodingKeys: String, CodingKey {
        case id
        case achClass = "ach_class"
        case accountID = "account_id"
        case type, user, amount
        case isoCurrencyCode = "iso_currency_code"
        case description, created, status, network, cancellable
        case failureReason = "failure_reason"
        case customTag = "custom_tag"
        case metadata
        case originationAccountID = "origination_account_id"
        case direction
    }
}

/// Why a transfer failed: its ACH return code and a description.
public struct BankTransferFailure: Codable, Hashable, Sendable {
    public var achReturnCode: Nullable<String>?
    public var description: Nullable<String>?

    public init(achReturnCode: Nullable<String>? = nil, description: Nullable<String>? = nil) {
        self.achReturnCode = achReturnCode
        self.description = description
    }

    enum CodingKeys: String, CodingKey {
        case achReturnCode = "ach_return_code"
        case description
    }
}
