import PlaidModels

extension SandboxItemSetVerificationStatusRequest: SandboxServed {
    /// `/sandbox/item/set_verification_status`: moves the account of an Item linked through
    /// automated micro-deposits (the `microdeposits_good` password) to `automatically_verified`
    /// or `verification_expired`; `/accounts/get` and Auth then report it, and an expired
    /// account has no Auth numbers to give. The owner gets the `AUTH` webhook of the new state.
    static func answer(_ request: SandboxItemSetVerificationStatusRequest, _ call: SandboxCall) async throws -> SandboxItemSetVerificationStatusResponse {
        guard settableStatuses.contains(request.verificationStatus) else {
            let allowed = settableStatuses.map(\.rawValue).joined(separator: " or ")
            throw SandboxError.invalidField("verification_status must be \(allowed), not \"\(request.verificationStatus.rawValue)\"")
        }
        let item = try await call.item(accessToken: request.accessToken)
        guard item.accounts.contains(where: { $0.accountID == request.accountID }) else { throw SandboxError.invalidAccountID }
        guard item.microdepositVerified else {
            throw SandboxError.invalidField(
                "account_id: the account was not linked through automated micro-deposits (use the password microdeposits_good)")
        }
        try await call.store.updateItem(accessToken: request.accessToken.rawValue, caller: call.caller,
                                        column: .verificationStatus, value: request.verificationStatus.rawValue,
                                        announcing: WebhookEvent(type: "AUTH", code: request.verificationStatus.rawValue.uppercased(),
                                                                 itemFields: ["account_id": .string(request.accountID)]),
                                        now: call.now)
        return SandboxItemSetVerificationStatusResponse(requestID: call.requestID)
    }
}
