import Foundation
import PlaidModels

extension SandboxPublicTokenCreateRequest: SandboxServed {
    /// `/sandbox/public_token/create`: links a test Item without Link. The test password decides
    /// what the Item is like: `pass_good` a normal login, `microdeposits_good` a single verified
    /// checking account, `error_<CODE>` an Item stuck in that error.
    static func answer(_ request: SandboxPublicTokenCreateRequest, _ call: SandboxCall) async throws -> SandboxPublicTokenCreateResponse {
        guard let institution = Institutions.named(request.institutionID) else {
            throw SandboxError.invalidInstitution(request.institutionID)
        }
        guard !request.initialProducts.isEmpty else {
            throw SandboxError.invalidField("initial_products must name at least one product")
        }
        let login = try TestLogin(username: request.options?.overrideUsername?.value,
                                  password: request.options?.overridePassword?.value)
        let item = StoredItem(
            itemID: TokenFactory.itemID(), ownerClientID: call.caller.clientID, institutionID: institution.id,
            username: login.username, seed: TokenFactory.itemSeed(), products: request.initialProducts.map(\.rawValue),
            webhook: request.options?.webhook, errorCode: login.errorCode,
            microdepositVerified: login.microdepositVerified, customConfig: login.customConfig, createdAt: call.now)
        let token = try await call.store.createItem(item, now: call.now)
        return SandboxPublicTokenCreateResponse(publicToken: PublicToken(token), requestID: call.requestID)
    }
}

/// The test username and password an Item is created with, and what they make of it.
struct TestLogin: Sendable {
    static let defaultUsername = "user_good"
    static let defaultPassword = "pass_good"
    static let microdepositsPassword = "microdeposits_good"
    /// The user whose transactions `/sandbox/transactions/create` may add to; any password goes.
    static let dynamicTransactionsUsername = "user_transactions_dynamic"

    let username: String
    let errorCode: String?
    let microdepositVerified: Bool
    /// The configuration a `user_custom` login gave as its password.
    var customConfig: String?

    init(username: String?, password: String?) throws {
        let username = username ?? Self.defaultUsername
        let password = password ?? Self.defaultPassword
        guard !username.isEmpty else { throw SandboxError.invalidCredentials }
        self.username = username
        if username == CustomUser.username {
            _ = try CustomUser(password: password == Self.defaultPassword ? "{}" : password)
            customConfig = password == Self.defaultPassword ? "{}" : password
            errorCode = nil
            microdepositVerified = false
            return
        }
        if username == Self.dynamicTransactionsUsername, !password.trimmingCharacters(in: .whitespaces).isEmpty,
           !password.hasPrefix(ErrorTriggers.passwordPrefix) {
            errorCode = nil
            microdepositVerified = false
            return
        }
        switch password {
        case Self.defaultPassword:
            errorCode = nil
            microdepositVerified = false
        case Self.microdepositsPassword:
            errorCode = nil
            microdepositVerified = true
        case let trigger where trigger.hasPrefix(ErrorTriggers.passwordPrefix):
            let code = String(trigger.dropFirst(ErrorTriggers.passwordPrefix.count))
            guard ErrorTriggers.error(forCode: code) != nil else {
                throw SandboxError.invalidField(
                    "override_password \(trigger) names no error this sandbox can trigger; use error_ followed by one of "
                        + ErrorTriggers.knownCodes.joined(separator: ", "))
            }
            errorCode = code
            microdepositVerified = false
        default:
            throw SandboxError.invalidCredentials
        }
    }
}
