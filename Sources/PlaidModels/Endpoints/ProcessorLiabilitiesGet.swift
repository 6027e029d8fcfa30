/// The body of `/processor/liabilities/get`. Reads what is owed on a credit card, student loan
/// or mortgage account: rates, payments, due dates.
public struct ProcessorLiabilitiesGetRequest: PlaidRequest {
    /// Token a partner received for one account.
    public var processorToken: ProcessorToken

    public init(processorToken: ProcessorToken) {
        self.processorToken = processorToken
    }

    enum CodingKeys: String, CodingKey {
        case processorToken = "processor_token"
    }

    public typealias Response = ProcessorLiabilitiesGetResponse

    public static let endpoint = PlaidEndpoint(
        path: "/processor/liabilities/get",
        effect: .read,
        caller: .partner,
        summary: "Reads what is owed on a credit card, student loan or mortgage account.",
        requestFields: [.processorToken],
        rateLimitCode: "LIABILITIES_LIMIT"
    )
}

/// The successful response of `/processor/liabilities/get`.
public struct ProcessorLiabilitiesGetResponse: PlaidResponse {
    public var account: Account
    public var liabilities: Liabilities
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(account: Account, liabilities: Liabilities, requestID: String) {
        self.account = account
        self.liabilities = liabilities
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case account, liabilities
        case requestID = "request_id"
    }
}

/// The account's liability, in the list of its kind; the other lists are empty.
public struct Liabilities: Codable, Hashable, Sendable {
    public var credit: Nullable<[CreditCardLiability]>
    public var mortgage: Nullable<[MortgageLiability]>
    public var student: Nullable<[StudentLoan]>

    public init(credit: Nullable<[CreditCardLiability]>, mortgage: Nullable<[MortgageLiability]>, student: Nullable<[StudentLoan]>) {
        self.credit = credit
        self.mortgage = mortgage
        self.student = student
    }
}

/// A credit card's rates and payments.
public struct CreditCardLiability: Codable, Hashable, Sendable {
    public var accountID: Nullable<String>
    public var aprs: [APR]
    public var isOverdue: Nullable<Bool>
    public var lastPaymentAmount: Nullable<Double>
    public var lastPaymentDate: Nullable<String>
    public var lastStatementIssueDate: Nullable<String>
    public var lastStatementBalance: Nullable<Double>
    public var minimumPaymentAmount: Nullable<Double>
    public var nextPaymentDueDate: Nullable<String>

    public init(accountID: Nullable<String>, aprs: [APR], isOverdue: Nullable<Bool>, lastPaymentAmount: Nullable<Double>,
                lastPaymentDate: Nullable<String>, lastStatementIssueDate: Nullable<String>, lastStatementBalance: Nullable<Double>,
                minimumPaymentAmount: Nullable<Double>, nextPaymentDueDate: Nullable<String>) {
        self.accountID = accountID
        self.aprs = aprs
        self.isOverdue = isOverdue
        self.lastPaymentAmount = lastPaymentAmount
        self.lastPaymentDate = lastPaymentDate
        self.lastStatementIssueDate = lastStatementIssueDate
        self.lastStatementBalance = lastStatementBalance
        self.minimumPaymentAmount = minimumPaymentAmount
        self.nextPaymentDueDate = nextPaymentDueDate
    }

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case aprs
        case isOverdue = "is_overdue"
        case lastPaymentAmount = "last_payment_amount"
        case lastPaymentDate = "last_payment_date"
        case lastStatementIssueDate = "last_statement_issue_date"
        case lastStatementBalance = "last_statement_balance"
        case minimumPaymentAmount = "minimum_payment_amount"
        case nextPaymentDueDate = "next_payment_due_date"
    }
}

/// One annual percentage rate of a card and the balance it applies to.
public struct APR: Codable, Hashable, Sendable {
    public var aprPercentage: Double
    /// `balance_transfer_apr`, `cash_apr`, `purchase_apr` or `special`.
    public var aprType: String
    public var balanceSubjectToApr: Nullable<Double>
    public var interestChargeAmount: Nullable<Double>

    public init(aprPercentage: Double, aprType: String, balanceSubjectToApr: Nullable<Double>, interestChargeAmount: Nullable<Double>) {
        self.aprPercentage = aprPercentage
        self.aprType = aprType
        self.balanceSubjectToApr = balanceSubjectToApr
        self.interestChargeAmount = interestChargeAmount
    }

    enum CodingKeys: String, CodingKey {
        case aprPercentage = "apr_percentage"
        case aprType = "apr_type"
        case balanceSubjectToApr = "balance_subject_to_apr"
        case interestChargeAmount = "interest_charge_amount"
    }
}

/// A student loan's terms, status and payments.
public struct StudentLoan: Codable, Hashable, Sendable {
    public var accountID: Nullable<String>
    public var accountNumber: Nullable<String>
    public var disbursementDates: Nullable<[String]>
    public var expectedPayoffDate: Nullable<String>
    public var guarantor: Nullable<String>
    public var interestRatePercentage: Double
    public var isOverdue: Nullable<Bool>
    public var lastPaymentAmount: Nullable<Double>
    public var lastPaymentDate: Nullable<String>
    public var lastStatementIssueDate: Nullable<String>
    public var loanName: Nullable<String>
    public var loanStatus: StudentLoanStatus
    public var minimumPaymentAmount: Nullable<Double>
    public var nextPaymentDueDate: Nullable<String>
    public var originationDate: Nullable<String>
    public var originationPrincipalAmount: Nullable<Double>
    public var outstandingInterestAmount: Nullable<Double>
    public var paymentReferenceNumber: Nullable<String>
    public var pslfStatus: PSLFStatus
    public var repaymentPlan: StudentRepaymentPlan
    public var sequenceNumber: Nullable<String>
    public var servicerAddress: LiabilityAddress
    public var ytdInterestPaid: Nullable<Double>
    public var ytdPrincipalPaid: Nullable<Double>

    public init(accountID: Nullable<String>, accountNumber: Nullable<String>, disbursementDates: Nullable<[String]>,
                expectedPayoffDate: Nullable<String>, guarantor: Nullable<String>, interestRatePercentage: Double, isOverdue: Nullable<Bool>,
                lastPaymentAmount: Nullable<Double>, lastPaymentDate: Nullable<String>, lastStatementIssueDate: Nullable<String>,
                loanName: Nullable<String>, loanStatus: StudentLoanStatus, minimumPaymentAmount: Nullable<Double>,
                nextPaymentDueDate: Nullable<String>, originationDate: Nullable<String>, originationPrincipalAmount: Nullable<Double>,
                outstandingInterestAmount: Nullable<Double>, paymentReferenceNumber: Nullable<String>, pslfStatus: PSLFStatus,
                repaymentPlan: StudentRepaymentPlan, sequenceNumber: Nullable<String>, servicerAddress: LiabilityAddress,
                ytdInterestPaid: Nullable<Double>, ytdPrincipalPaid: Nullable<Double>) {
        self.accountID = accountID
        self.accountNumber = accountNumber
        self.disbursementDates = disbursementDates
        self.expectedPayoffDate = expectedPayoffDate
        self.guarantor = guarantor
        self.interestRatePercentage = interestRatePercentage
        self.isOverdue = isOverdue
        self.lastPaymentAmount = lastPaymentAmount
        self.lastPaymentDate = lastPaymentDate
        self.lastStatementIssueDate = lastStatementIssueDate
        self.loanName = loanName
        self.loanStatus = loanStatus
        self.minimumPaymentAmount = minimumPaymentAmount
        self.nextPaymentDueDate = nextPaymentDueDate
        self.originationDate = originationDate
        self.originationPrincipalAmount = originationPrincipalAmount
        self.outstandingInterestAmount = outstandingInterestAmount
        self.paymentReferenceNumber = paymentReferenceNumber
        self.pslfStatus = pslfStatus
        self.repaymentPlan = repaymentPlan
        self.sequenceNumber = sequenceNumber
        self.servicerAddress = servicerAddress
        self.ytdInterestPaid = ytdInterestPaid
        self.ytdPrincipalPaid = ytdPrincipalPaid
    }

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case accountNumber = "account_number"
        case disbursementDates = "disbursement_dates"
        case expectedPayoffDate = "expected_payoff_date"
        case guarantor
        case interestRatePercentage = "interest_rate_percentage"
        case isOverdue = "is_overdue"
        case lastPaymentAmount = "last_payment_amount"
        case lastPaymentDate = "last_payment_date"
        case lastStatementIssueDate = "last_statement_issue_date"
        case loanName = "loan_name"
        case loanStatus = "loan_status"
        case minimumPaymentAmount = "minimum_payment_amount"
        case nextPaymentDueDate = "next_payment_due_date"
        case originationDate = "origination_date"
        case originationPrincipalAmount = "origination_principal_amount"
        case outstandingInterestAmount = "outstanding_interest_amount"
        case paymentReferenceNumber = "payment_reference_number"
        case pslfStatus = "pslf_status"
        case repaymentPlan = "repayment_plan"
        case sequenceNumber = "sequence_number"
        case servicerAddress = "servicer_address"
        case ytdInterestPaid = "ytd_interest_paid"
        case ytdPrincipalPaid = "ytd_principal_paid"
    }
}

/// Where a student loan stands, such as `repayment`, and until when.
public struct StudentLoanStatus: Codable, Hashable, Sendable {
    public var endDate: Nullable<String>
    public var type: Nullable<String>

    public init(endDate: Nullable<String>, type: Nullable<String>) {
        self.endDate = endDate
        self.type = type
    }

    enum CodingKeys: String, CodingKey {
        case endDate = "end_date"
        case type
    }
}

/// Public Service Loan Forgiveness progress.
public struct PSLFStatus: Codable, Hashable, Sendable {
    public var estimatedEligibilityDate: Nullable<String>
    public var paymentsMade: Nullable<Int>
    public var paymentsRemaining: Nullable<Int>

    public init(estimatedEligibilityDate: Nullable<String>, paymentsMade: Nullable<Int>, paymentsRemaining: Nullable<Int>) {
        self.estimatedEligibilityDate = estimatedEligibilityDate
        self.paymentsMade = paymentsMade
        self.paymentsRemaining = paymentsRemaining
    }

    enum CodingKeys: String, CodingKey {
        case estimatedEligibilityDate = "estimated_eligibility_date"
        case paymentsMade = "payments_made"
        case paymentsRemaining = "payments_remaining"
    }
}

/// How a student loan is being repaid, such as `standard`.
public struct StudentRepaymentPlan: Codable, Hashable, Sendable {
    public var description: Nullable<String>
    public var type: Nullable<String>

    public init(description: Nullable<String>, type: Nullable<String>) {
        self.description = description
        self.type = type
    }
}

/// A servicer's or property's address.
public struct LiabilityAddress: Codable, Hashable, Sendable {
    public var city: Nullable<String>
    public var region: Nullable<String>
    public var street: Nullable<String>
    public var postalCode: Nullable<String>
    public var country: Nullable<String>

    public init(city: Nullable<String>, region: Nullable<String>, street: Nullable<String>, postalCode: Nullable<String>,
                country: Nullable<String>) {
        self.city = city
        self.region = region
        self.street = street
        self.postalCode = postalCode
        self.country = country
    }

    enum CodingKeys: String, CodingKey {
        case city, region, street
        case postalCode = "postal_code"
        case country
    }
}

/// A mortgage's terms, rate and payments.
public struct MortgageLiability: Codable, Hashable, Sendable {
    public var accountID: String
    public var accountNumber: Nullable<String>
    public var currentLateFee: Nullable<Double>
    public var escrowBalance: Nullable<Double>
    public var hasPmi: Nullable<Bool>
    public var hasPrepaymentPenalty: Nullable<Bool>
    public var interestRate: MortgageInterestRate
    public var lastPaymentAmount: Nullable<Double>
    public var lastPaymentDate: Nullable<String>
    public var loanTypeDescription: Nullable<String>
    public var loanTerm: Nullable<String>
    public var maturityDate: Nullable<String>
    public var nextMonthlyPayment: Nullable<Double>
    public var nextPaymentDueDate: Nullable<String>
    public var originationDate: Nullable<String>
    public var originationPrincipalAmount: Nullable<Double>
    public var pastDueAmount: Nullable<Double>
    public var propertyAddress: LiabilityAddress
    public var ytdInterestPaid: Nullable<Double>
    public var ytdPrincipalPaid: Nullable<Double>

    public init(accountID: String, accountNumber: Nullable<String>, currentLateFee: Nullable<Double>, escrowBalance: Nullable<Double>,
                hasPmi: Nullable<Bool>, hasPrepaymentPenalty: Nullable<Bool>, interestRate: MortgageInterestRate,
                lastPaymentAmount: Nullable<Double>, lastPaymentDate: Nullable<String>, loanTypeDescription: Nullable<String>,
                loanTerm: Nullable<String>, maturityDate: Nullable<String>, nextMonthlyPayment: Nullable<Double>,
                nextPaymentDueDate: Nullable<String>, originationDate: Nullable<String>, originationPrincipalAmount: Nullable<Double>,
                pastDueAmount: Nullable<Double>, propertyAddress: LiabilityAddress, ytdInterestPaid: Nullable<Double>,
                ytdPrincipalPaid: Nullable<Double>) {
        self.accountID = accountID
        self.accountNumber = accountNumber
        self.currentLateFee = currentLateFee
        self.escrowBalance = escrowBalance
        self.hasPmi = hasPmi
        self.hasPrepaymentPenalty = hasPrepaymentPenalty
        self.interestRate = interestRate
        self.lastPaymentAmount = lastPaymentAmount
        self.lastPaymentDate = lastPaymentDate
        self.loanTypeDescription = loanTypeDescription
        self.loanTerm = loanTerm
        self.maturityDate = maturityDate
        self.nextMonthlyPayment = nextMonthlyPayment
        self.nextPaymentDueDate = nextPaymentDueDate
        self.originationDate = originationDate
        self.originationPrincipalAmount = originationPrincipalAmount
        self.pastDueAmount = pastDueAmount
        self.propertyAddress = propertyAddress
        self.ytdInterestPaid = ytdInterestPaid
        self.ytdPrincipalPaid = ytdPrincipalPaid
    }

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case accountNumber = "account_number"
        case currentLateFee = "current_late_fee"
        case escrowBalance = "escrow_balance"
        case hasPmi = "has_pmi"
        case hasPrepaymentPenalty = "has_prepayment_penalty"
        case interestRate = "interest_rate"
        case lastPaymentAmount = "last_payment_amount"
        case lastPaymentDate = "last_payment_date"
        case loanTypeDescription = "loan_type_description"
        case loanTerm = "loan_term"
        case maturityDate = "maturity_date"
        case nextMonthlyPayment = "next_monthly_payment"
        case nextPaymentDueDate = "next_payment_due_date"
        case originationDate = "origination_date"
        case originationPrincipalAmount = "origination_principal_amount"
        case pastDueAmount = "past_due_amount"
        case propertyAddress = "property_address"
        case ytdInterestPaid = "ytd_interest_paid"
        case ytdPrincipalPaid = "ytd_principal_paid"
    }
}

/// A mortgage's rate: its percentage and whether it is `fixed` or `variable`.
public struct MortgageInterestRate: Codable, Hashable, Sendable {
    public var percentage: Nullable<Double>
    public var type: Nullable<String>

    public init(percentage: Nullable<Double>, type: Nullable<String>) {
        self.percentage = percentage
        self.type = type
    }
}
