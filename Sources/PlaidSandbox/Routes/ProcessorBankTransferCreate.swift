import Foundation
import PlaidModels

extension ProcessorBankTransferCreateRequest: SandboxServed {
    /// `/processor/bank_transfer/create`: a pending transfer to or from the token's account. The
    /// same `idempotency_key` from the same partner answers with the transfer it made the first
    /// time, so a retried call moves the money once.
    static func answer(_ request: ProcessorBankTransferCreateRequest, _ call: SandboxCall) async throws -> ProcessorBankTransferCreateResponse {
        guard (1...50).contains(request.idempotencyKey.count) else {
            throw SandboxError.invalidField("idempotency_key must be 1 to 50 characters, not \(request.idempotencyKey.count)")
        }
        guard let amount = Decimal(string: request.amount), amount > 0, request.amount.wholeMatch(of: /[0-9]+(\.[0-9]{1,2})?/) != nil else {
            throw SandboxError.invalidField("amount must be a positive decimal string with at most two decimals, such as \"10.00\", not \"\(request.amount)\"")
        }
        guard request.isoCurrencyCode == "USD" else {
            throw SandboxError.invalidField("iso_currency_code must be USD, not \"\(request.isoCurrencyCode)\"")
        }
        guard (1...10).contains(request.description.count) else {
            throw SandboxError.invalidField("description must be 1 to 10 characters, not \(request.description.count)")
        }
        if request.network != "wire", request.achClass == nil {
            throw SandboxError.invalidField("ach_class is required on the \(request.network) network: ccd, ppd, tel or web")
        }
        if let tag = request.customTag?.value, tag.count > 100 {
            throw SandboxError.invalidField("custom_tag must be at most 100 characters, not \(tag.count)")
        }
        if let metadata = request.metadata, metadata.count > 50 {
            throw SandboxError.invalidField("metadata holds at most 50 keys, not \(metadata.count)")
        }
        let (item, account) = try await call.processorAccount(request.processorToken, product: .transfer)
        guard account.numbers != nil else { throw SandboxError.noAuthAccounts }
        let transfer = BankTransfer(
            id: UUIDString.make(), achClass: request.achClass ?? "ccd", accountID: account.accountID, type: request.type,
            user: request.user, amount: request.amount, isoCurrencyCode: request.isoCurrencyCode, description: request.description,
            created: ISO8601DateTime.string(from: call.now), status: "pending", network: request.network, cancellable: true,
            failureReason: .null, customTag: Nullable(request.customTag?.value), metadata: Nullable(request.metadata),
            originationAccountID: request.originationAccountID?.value ?? "", direction: .value(request.type == "debit" ? "inbound" : "outbound"))
        let made = try await call.store.createBankTransfer(transfer, key: request.idempotencyKey, holder: call.caller.clientID,
                                                           itemID: item.itemID)
        return ProcessorBankTransferCreateResponse(bankTransfer: made, requestID: call.requestID)
    }
}

/// A lowercase UUID, as Plaid's transfer ids are.
enum UUIDString {
    static func make() -> String { UUID().uuidString.lowercased() }
}
