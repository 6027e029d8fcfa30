/// The body of `/processor/signal/decision/report`. Tells Signal what the partner did with a
/// payment it scored.
public struct ProcessorSignalDecisionReportRequest: PlaidRequest {
    /// Token a partner received for one account.
    public var processorToken: ProcessorToken
    /// The id the payment was evaluated under.
    public var clientTransactionID: String
    /// Whether the payment was sent.
    public var initiated: Bool
    public var daysFundsOnHold: Nullable<Int>?
    public var decisionOutcome: Nullable<SignalDecisionOutcome>?
    public var paymentMethod: Nullable<SignalPaymentMethod>?
    public var amountInstantlyAvailable: Nullable<Double>?

    public init(processorToken: ProcessorToken, clientTransactionID: String, initiated: Bool, daysFundsOnHold: Nullable<Int>? = nil,
                decisionOutcome: Nullable<SignalDecisionOutcome>? = nil, paymentMethod: Nullable<SignalPaymentMethod>? = nil,
                amountInstantlyAvailable: Nullable<Double>? = nil) {
        self.processorToken = processorToken
        self.clientTransactionID = clientTransactionID
        self.initiated = initiated
        self.daysFundsOnHold = daysFundsOnHold
        self.decisionOutcome = decisionOutcome
        self.paymentMethod = paymentMethod
        self.amountInstantlyAvailable = amountInstantlyAvailable
    }

    enum CodingKeys: String, CodingKey {
        case processorToken = "processor_token"
        case clientTransactionID = "client_transaction_id"
        case initiated
        case daysFundsOnHold = "days_funds_on_hold"
        case decisionOutcome = "decision_outcome"
        case paymentMethod = "payment_method"
        case amountInstantlyAvailable = "amount_instantly_available"
    }

    public typealias Response = ProcessorSignalReportResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/signal/decision/report",
        effect: .write,
        caller: .partner,
        summary: "Tells Signal what you did with a payment it scored.",
        requestFields: [
            .processorToken,
            RequestField(name: "client_transaction_id", type: .string, isRequired: true, summary: "The id the payment was evaluated under."),
            RequestField(name: "initiated", type: .boolean, isRequired: true, summary: "Whether you sent the payment."),
            RequestField(name: "days_funds_on_hold", type: .integer, isRequired: false, isNullable: true,
                         summary: "Days you held the funds, 0 or more."),
            RequestField(name: "decision_outcome", type: .string, isRequired: false, isNullable: true,
                         allowedValues: SignalDecisionOutcome.knownRawValues, summary: "What you decided."),
            RequestField(name: "payment_method", type: .string, isRequired: false, isNullable: true,
                         allowedValues: SignalPaymentMethod.knownRawValues, summary: "How you sent it."),
            RequestField(name: "amount_instantly_available", type: .number, isRequired: false, isNullable: true,
                         summary: "How much you made available at once."),
        ]
    )
}

/// The body of `/processor/signal/return/report`. Tells Signal that a payment it scored was returned.
public struct ProcessorSignalReturnReportRequest: PlaidRequest {
    /// Token a partner received for one account.
    public var processorToken: ProcessorToken
    /// The id the payment was evaluated under.
    public var clientTransactionID: String
    /// The ACH return code, such as `R01`.
    public var returnCode: String
    /// When it was returned (ISO 8601).
    public var returnedAt: Nullable<String>?

    public init(processorToken: ProcessorToken, clientTransactionID: String, returnCode: String, returnedAt: Nullable<String>? = nil) {
        self.processorToken = processorToken
        self.clientTransactionID = clientTransactionID
        self.returnCode = returnCode
        self.returnedAt = returnedAt
    }

    enum CodingKeys: String, CodingKey {
        case processorToken = "processor_token"
        case clientTransactionID = "client_transaction_id"
        case returnCode = "return_code"
        case returnedAt = "returned_at"
    }

    public typealias Response = ProcessorSignalReportResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/signal/return/report",
        effect: .write,
        caller: .partner,
        summary: "Tells Signal that a payment it scored was returned.",
        requestFields: [
            .processorToken,
            RequestField(name: "client_transaction_id", type: .string, isRequired: true, summary: "The id the payment was evaluated under."),
            RequestField(name: "return_code", type: .string, isRequired: true, summary: "The ACH return code, such as R01."),
            RequestField(name: "returned_at", type: .string, isRequired: false, isNullable: true,
                         summary: "When it was returned, ISO 8601."),
        ]
    )
}

/// The body of `/processor/signal/prepare`. Readies an account for Signal, so the first
/// evaluation has the account's history to score with.
public struct ProcessorSignalPrepareRequest: PlaidRequest {
    /// Token a partner received for one account.
    public var processorToken: ProcessorToken

    public init(processorToken: ProcessorToken) {
        self.processorToken = processorToken
    }

    enum CodingKeys: String, CodingKey {
        case processorToken = "processor_token"
    }

    public typealias Response = ProcessorSignalReportResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/signal/prepare",
        effect: .write,
        caller: .partner,
        summary: "Readies the account for Signal before its first evaluation.",
        requestFields: [.processorToken]
    )
}

/// The successful response of the Signal reports and `/processor/signal/prepare`.
public struct ProcessorSignalReportResponse: PlaidResponse {
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(requestID: String) {
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id"
    }
}
