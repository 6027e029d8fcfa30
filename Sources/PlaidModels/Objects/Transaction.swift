/// One transaction of an account. `amount` is positive for money leaving the account and
/// negative for money coming in, as Plaid counts it.
public struct Transaction: Codable, Hashable, Sendable {
    public var transactionID: String
    public var accountID: String
    public var amount: Double
    public var isoCurrencyCode: Nullable<String>
    public var unofficialCurrencyCode: Nullable<String>
    /// The day it posted, or for a pending one the day it was made (`YYYY-MM-DD`).
    public var date: String
    public var authorizedDate: Nullable<String>
    public var authorizedDatetime: Nullable<String>
    public var datetime: Nullable<String>
    public var name: String
    public var merchantName: Nullable<String>?
    public var originalDescription: Nullable<String>?
    public var pending: Bool
    /// For a posted transaction, the id it had while pending.
    public var pendingTransactionID: Nullable<String>
    public var accountOwner: Nullable<String>
    public var paymentChannel: PaymentChannel
    public var paymentMeta: PaymentMeta
    public var location: TransactionLocation
    public var transactionCode: Nullable<String>
    public var category: Nullable<[String]>?
    public var categoryID: Nullable<String>?
    public var personalFinanceCategory: Nullable<PersonalFinanceCategory>?
    public var checkNumber: Nullable<String>?
    public var website: Nullable<String>?
    public var logoURL: Nullable<String>?

    public init(
        transactionID: String, accountID: String, amount: Double, isoCurrencyCode: Nullable<String>,
        unofficialCurrencyCode: Nullable<String> = .null, date: String, authorizedDate: Nullable<String>,
        authorizedDatetime: Nullable<String> = .null, datetime: Nullable<String> = .null, name: String,
        merchantName: Nullable<String>? = nil, originalDescription: Nullable<String>? = nil, pending: Bool,
        pendingTransactionID: Nullable<String> = .null, accountOwner: Nullable<String> = .null,
        paymentChannel: PaymentChannel, paymentMeta: PaymentMeta = PaymentMeta(), location: TransactionLocation = TransactionLocation(),
        transactionCode: Nullable<String> = .null, category: Nullable<[String]>? = nil, categoryID: Nullable<String>? = nil,
        personalFinanceCategory: Nullable<PersonalFinanceCategory>? = nil, checkNumber: Nullable<String>? = nil,
        website: Nullable<String>? = nil, logoURL: Nullable<String>? = nil
    ) {
        self.transactionID = transactionID
        self.accountID = accountID
        self.amount = amount
        self.isoCurrencyCode = isoCurrencyCode
        self.unofficialCurrencyCode = unofficialCurrencyCode
        self.date = date
        self.authorizedDate = authorizedDate
        self.authorizedDatetime = authorizedDatetime
        self.datetime = datetime
        self.name = name
        self.merchantName = merchantName
        self.originalDescription = originalDescription
        self.pending = pending
        self.pendingTransactionID = pendingTransactionID
        self.accountOwner = accountOwner
        self.paymentChannel = paymentChannel
        self.paymentMeta = paymentMeta
        self.location = location
        self.transactionCode = transactionCode
        self.category = category
        self.categoryID = categoryID
        self.personalFinanceCategory = personalFinanceCategory
        self.checkNumber = checkNumber
        self.website = website
        self.logoURL = logoURL
    }

    enum CodingKeys: String, CodingKey {
        case transactionID = "transaction_id"
        case accountID = "account_id"
        case amount
        case isoCurrencyCode = "iso_currency_code"
        case unofficialCurrencyCode = "unofficial_currency_code"
        case date
        case authorizedDate = "authorized_date"
        case authorizedDatetime = "authorized_datetime"
        case datetime
        case name
        case merchantName = "merchant_name"
        case originalDescription = "original_description"
        case pending
        case pendingTransactionID = "pending_transaction_id"
        case accountOwner = "account_owner"
        case paymentChannel = "payment_channel"
        case paymentMeta = "payment_meta"
        case location
        case transactionCode = "transaction_code"
        case category
        case categoryID = "category_id"
        case personalFinanceCategory = "personal_finance_category"
        case checkNumber = "check_number"
        case website
        case logoURL = "logo_url"
    }
}

/// Plaid's category of a transaction: a primary one such as `INCOME` and a detailed one such
/// as `INCOME_WAGES`.
public struct PersonalFinanceCategory: Codable, Hashable, Sendable {
    public var primary: String
    public var detailed: String
    /// `VERY_HIGH`, `HIGH`, `MEDIUM`, `LOW` or `UNKNOWN`.
    public var confidenceLevel: Nullable<String>?

    public init(primary: String, detailed: String, confidenceLevel: Nullable<String>? = nil) {
        self.primary = primary
        self.detailed = detailed
        self.confidenceLevel = confidenceLevel
    }

    enum CodingKeys: String, CodingKey {
        case primary
        case detailed
        case confidenceLevel = "confidence_level"
    }
}

/// Where a transaction happened, as far as known; every field may be null.
public struct TransactionLocation: Codable, Hashable, Sendable {
    public var address: Nullable<String>
    public var city: Nullable<String>
    public var region: Nullable<String>
    public var postalCode: Nullable<String>
    public var country: Nullable<String>
    public var lat: Nullable<Double>
    public var lon: Nullable<Double>
    public var storeNumber: Nullable<String>

    public init(address: Nullable<String> = .null, city: Nullable<String> = .null, region: Nullable<String> = .null,
                postalCode: Nullable<String> = .null, country: Nullable<String> = .null, lat: Nullable<Double> = .null,
                lon: Nullable<Double> = .null, storeNumber: Nullable<String> = .null) {
        self.address = address
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.country = country
        self.lat = lat
        self.lon = lon
        self.storeNumber = storeNumber
    }

    enum CodingKeys: String, CodingKey {
        case address, city, region
        case postalCode = "postal_code"
        case country, lat, lon
        case storeNumber = "store_number"
    }
}

/// Payment details a bank gives for transfers; every field may be null.
public struct PaymentMeta: Codable, Hashable, Sendable {
    public var referenceNumber: Nullable<String>
    public var ppdID: Nullable<String>
    public var payee: Nullable<String>
    public var byOrderOf: Nullable<String>
    public var payer: Nullable<String>
    public var paymentMethod: Nullable<String>
    public var paymentProcessor: Nullable<String>
    public var reason: Nullable<String>

    public init(referenceNumber: Nullable<String> = .null, ppdID: Nullable<String> = .null, payee: Nullable<String> = .null,
                byOrderOf: Nullable<String> = .null, payer: Nullable<String> = .null, paymentMethod: Nullable<String> = .null,
                paymentProcessor: Nullable<String> = .null, reason: Nullable<String> = .null) {
        self.referenceNumber = referenceNumber
        self.ppdID = ppdID
        self.payee = payee
        self.byOrderOf = byOrderOf
        self.payer = payer
        self.paymentMethod = paymentMethod
        self.paymentProcessor = paymentProcessor
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case referenceNumber = "reference_number"
        case ppdID = "ppd_id"
        case payee
        case byOrderOf = "by_order_of"
        case payer
        case paymentMethod = "payment_method"
        case paymentProcessor = "payment_processor"
        case reason
    }
}

/// A transaction that no longer exists, as `/processor/transactions/sync` reports it.
public struct RemovedTransaction: Codable, Hashable, Sendable {
    public var transactionID: String
    public var accountID: String

    public init(transactionID: String, accountID: String) {
        self.transactionID = transactionID
        self.accountID = accountID
    }

    enum CodingKeys: String, CodingKey {
        case transactionID = "transaction_id"
        case accountID = "account_id"
    }
}
