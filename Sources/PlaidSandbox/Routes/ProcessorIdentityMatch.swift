import PlaidModels

extension ProcessorIdentityMatchRequest: SandboxServed {
    /// `/processor/identity/match`: each detail the partner sends scored against the account
    /// holder's records; every score object is in the answer, its score null for a detail not sent.
    static func answer(_ request: ProcessorIdentityMatchRequest, _ call: SandboxCall) async throws -> ProcessorIdentityMatchResponse {
        let (_, account) = try await call.processorAccount(request.processorToken, product: .identity)
        let owner = account.owner
        let user = request.user
        let name = user?.legalName?.value.map { IdentityMatching.name($0, against: owner.names) } ?? NameMatchScore(score: .null)
        let phone = user?.phoneNumber?.value.map { IdentityMatching.phone($0, against: owner.phoneNumbers.map(\.data)) }
        let email = user?.emailAddress?.value.map { IdentityMatching.email($0, against: owner.emails.map(\.data)) }
        let address = user?.address.map { IdentityMatching.address($0, against: owner.addresses.map(\.data)) }
            ?? AddressMatchScore(score: .null)
        return ProcessorIdentityMatchResponse(
            account: AccountIdentityMatchScore(
                account: account.account(), legalName: name, phoneNumber: MatchScore(score: Nullable(phone)),
                emailAddress: MatchScore(score: Nullable(email)), address: address),
            requestID: call.requestID)
    }
}
