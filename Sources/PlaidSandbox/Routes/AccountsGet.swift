import PlaidModels

extension AccountsGetRequest: SandboxServed {
    /// `/accounts/get`: the Item's accounts with their cached balances, and the Item itself.
    static func answer(_ request: AccountsGetRequest, _ call: SandboxCall) async throws -> AccountsGetResponse {
        let item = try await call.item(accessToken: request.accessToken)
        if let error = item.error { throw error }
        var accounts = item.accounts
        if let wanted = request.options?.accountIDs {
            let known = Set(accounts.map(\.accountID))
            guard wanted.allSatisfy(known.contains) else { throw SandboxError.invalidAccountID }
            accounts = accounts.filter { wanted.contains($0.accountID) }
        }
        return AccountsGetResponse(accounts: accounts.map { $0.account() }, item: item.plaidItem, requestID: call.requestID)
    }
}

extension StoredItem {
    /// The Item as `/accounts/get` reports it.
    var plaidItem: Item {
        let billed = products.map(Product.init(rawValue:))
        let available = SandboxInstitution.products.filter { !billed.contains($0) }
        return Item(
            itemID: itemID,
            institutionID: .value(institutionID),
            institutionName: Nullable(institution?.name),
            webhook: Nullable(webhook),
            authMethod: microdepositVerified ? .value("AUTOMATED_MICRODEPOSITS") : .null,
            error: .null,
            availableProducts: available,
            billedProducts: billed,
            products: billed,
            consentedProducts: nil,
            consentExpirationTime: .null,
            updateType: "background"
        )
    }
}
