import Foundation
import PlaidModels

extension ProcessorInvestmentsHoldingsGetRequest: SandboxServed {
    /// `/processor/investments/holdings/get`: what an IRA or 401k token's account holds; any
    /// other account is `PRODUCTS_NOT_SUPPORTED`.
    static func answer(_ request: ProcessorInvestmentsHoldingsGetRequest, _ call: SandboxCall) async throws -> ProcessorInvestmentsHoldingsGetResponse {
        let (_, account) = try await call.processorAccount(request.processorToken, product: .investments)
        guard let holdings = SandboxInvestments.holdings(of: account) else { throw SandboxError.notAnInvestmentAccount(account) }
        let held = Set(holdings.map(\.securityID))
        return ProcessorInvestmentsHoldingsGetResponse(
            account: SandboxInvestments.investmentAccount(account), holdings: holdings, securities: SandboxInvestments.securities.filter { held.contains($0.securityID) },
            requestID: call.requestID)
    }
}

extension ProcessorInvestmentsTransactionsGetRequest: SandboxServed {
    /// `/processor/investments/transactions/get`: the account's activity dated `start_date` to
    /// `end_date`, newest first, paged as `/processor/transactions/get` is.
    static func answer(_ request: ProcessorInvestmentsTransactionsGetRequest, _ call: SandboxCall) async throws -> ProcessorInvestmentsTransactionsGetResponse {
        let dates = try DatedPage(startDate: request.startDate, endDate: request.endDate, count: request.options?.count,
                                  offset: request.options?.offset)
        let (item, account) = try await call.processorAccount(request.processorToken, product: .investments)
        guard SandboxInvestments.holdings(of: account) != nil else { throw SandboxError.notAnInvestmentAccount(account) }
        let dated = SandboxInvestments.transactions(of: account, linkedAt: item.createdAt, now: call.now)
            .filter { dates.contains($0.date) }
            .sorted { ($0.date, $0.investmentTransactionID) > ($1.date, $1.investmentTransactionID) }
        let page = dates.page(dated)
        let traded = Set(page.compactMap(\.securityID.value))
        return ProcessorInvestmentsTransactionsGetResponse(
            account: SandboxInvestments.investmentAccount(account), investmentTransactions: page,
            securities: SandboxInvestments.securities.filter { traded.contains($0.securityID) },
            totalInvestmentTransactions: dated.count, requestID: call.requestID)
    }
}

extension SandboxError {
    static func notAnInvestmentAccount(_ account: SandboxAccount) -> SandboxError {
        SandboxError(type: .itemError, code: "PRODUCTS_NOT_SUPPORTED",
                     message: "investments are read from IRA and 401k accounts, not a \(account.kind.subtype.rawValue) account")
    }
}

extension ProcessorInvestmentsAuthGetRequest: SandboxServed {
    /// `/processor/investments/auth/get`: the IRA's ACATS number (or the 401k's plan numbers),
    /// its owner and its holdings, all from the institution.
    static func answer(_ request: ProcessorInvestmentsAuthGetRequest, _ call: SandboxCall) async throws -> ProcessorInvestmentsAuthGetResponse {
        let (_, account) = try await call.processorAccount(request.processorToken, product: .investmentsAuth)
        guard let holdings = SandboxInvestments.holdings(of: account) else { throw SandboxError.notAnInvestmentAccount(account) }
        let held = Set(holdings.map(\.securityID))
        let digits = String(account.accountID.unicodeScalars.filter { CharacterSet.decimalDigits.contains($0) }.map(String.init).joined().prefix(4))
        let number = "5" + String(repeating: "0", count: 5 - digits.count) + digits + account.kind.mask
        let numbers = account.kind.subtype == .plan401k
            ? InvestmentsAuthNumbers(acats: [], retirement401k: [InvestmentsRetirement401kNumber(accountID: account.accountID,
                                                                                                 plan: "PLAN-401K-7731", account: number)])
            : InvestmentsAuthNumbers(acats: [InvestmentsACATSNumber(accountID: account.accountID, account: number, dtcNumbers: ["0226"])],
                                     retirement401k: [])
        return ProcessorInvestmentsAuthGetResponse(
            account: SandboxInvestments.investmentAccount(account), holdings: holdings,
            securities: SandboxInvestments.securities.filter { held.contains($0.securityID) },
            owners: [InvestmentsAuthOwner(accountID: account.accountID, names: account.owner.names)], numbers: numbers,
            dataSources: InvestmentsAuthDataSources(numbers: .value("INSTITUTION"), owners: .value("INSTITUTION"), holdings: .value("INSTITUTION")),
            requestID: call.requestID)
    }
}
