import Foundation
import PlaidModels
@testable import PlaidSandbox
import Testing

/// Who may call what, over every endpoint the sandbox serves: bad API keys, another client's
/// tokens, a removed Item's tokens, expired and reused public tokens. Each is refused with the
/// Plaid error documented for it, as a well-formed error object that carries nothing of the
/// other party's data.
///
/// The endpoints come from the sandbox's own route table and the token-taking ones from the
/// request fields the models publish, so a new endpoint joins the matrix by being served.
/// The sandbox has one developer client per data directory; any client may link Items, so a
/// partner client that linked its own Item plays "another developer".
@Suite struct AccessMatrixTests {
    static let servedPaths = SandboxRoutes.all.keys.sorted()
    static let accessTokenPaths = paths(taking: "access_token")
    static let processorTokenPaths = paths(taking: "processor_token")
    static let publicTokenPaths = paths(taking: "public_token")
    static let accountIDPaths = paths(taking: "account_id")
    static let tokenPaths = accessTokenPaths + processorTokenPaths + publicTokenPaths

    /// Whether the partner holding the processor token is the one to call `path`; otherwise the
    /// developer who owns the Item is, processor token or not (token permissions).
    static func isPartnerCall(_ path: String) -> Bool {
        processorTokenPaths.contains(path) && SandboxRoutes.all[path]!.endpoint.caller != .developer
    }

    /// Requests the rightful caller sends to the world's Items that are still refused, for a
    /// reason of the Item's, not of access: the code they are refused with.
    static let refusedOnTheWorldsItems = [
        // Only an Item linked through automated micro-deposits has a verification to set.
        "/sandbox/item/set_verification_status": "INVALID_FIELD",
        // Only an Item linked as user_transactions_dynamic takes created transactions.
        "/sandbox/transactions/create": "INVALID_FIELD",
        // A report names a payment evaluated with the token; the world's tokens have none.
        "/processor/signal/decision/report": "INVALID_FIELD",
        "/processor/signal/return/report": "INVALID_FIELD",
        // The world's tokens are on checking accounts, which owe nothing and invest nothing.
        "/processor/liabilities/get": "PRODUCTS_NOT_SUPPORTED",
        "/processor/investments/holdings/get": "PRODUCTS_NOT_SUPPORTED",
        "/processor/investments/transactions/get": "PRODUCTS_NOT_SUPPORTED",
        "/processor/investments/auth/get": "PRODUCTS_NOT_SUPPORTED",
        // The world's Items have no webhook URL to fire at.
        "/sandbox/item/fire_webhook": "SANDBOX_WEBHOOK_INVALID",
        "/sandbox/processor_token/fire_webhook": "SANDBOX_PRODUCT_NOT_ENABLED",
        // Key ids come from webhooks' signatures; the body's names none.
        "/webhook_verification_key/get": "INVALID_WEBHOOK_VERIFICATION_KEY_ID",
    ]

    /// `response` is what the rightful caller gets: an answer, or the refusal named in
    /// ``refusedOnTheWorldsItems``.
    static func expectAnswered(_ response: TestSandbox.RawResponse, _ path: String, _ comment: Comment,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        if let code = refusedOnTheWorldsItems[path] {
            #expect(response.status == 400 && response.json?["error_code"]?.stringValue == code, comment, sourceLocation: sourceLocation)
        } else {
            #expect(response.status == 200, comment, sourceLocation: sourceLocation)
        }
    }

    private static func paths(taking field: String) -> [String] {
        servedPaths.filter { path in SandboxRoutes.all[path]!.endpoint.requestFields.contains { $0.name == field } }
    }

    @Test func matrixCoversEveryEndpointAndEveryKindOfToken() {
        #expect(Set(Self.servedPaths) == Set(PlaidAPI.endpoints.map(\.path)))
        let tokenFields = Set(SandboxRoutes.all.values.flatMap { $0.endpoint.requestFields.map(\.name) }.filter { $0.hasSuffix("_token") })
        // user_token names a Plaid user from /user/create, which the sandbox does not serve; it
        // opens nothing here, so there is no access to test.
        #expect(tokenFields == ["access_token", "processor_token", "public_token", "user_token"],
                "a request field carries a token this matrix does not test")
        #expect(!Self.accessTokenPaths.isEmpty && !Self.processorTokenPaths.isEmpty && !Self.publicTokenPaths.isEmpty
                && !Self.accountIDPaths.isEmpty)
    }

    // MARK: API keys, on every endpoint

    /// What is wrong with the API keys of a request.
    enum KeyFault: String, CaseIterable, Sendable {
        case noKeys, wrongSecret, unknownClientID, anotherClientsSecret, wrongSecretInBody
    }

    @Test(arguments: servedPaths, KeyFault.allCases)
    func badAPIKeysAreRefused(path: String, fault: KeyFault) async throws {
        try await TestSandbox.with { sandbox in
            let world = try await AccessWorld.make(sandbox)
            let rightful = world.rightfulKeys(for: path)
            let other = rightful == world.developerKeys ? world.intruderKeys : world.developerKeys
            var body = try Self.body(for: path, using: world.victim.tokens)
            let keys: TestSandbox.RawKeys
            switch fault {
            case .noKeys:
                keys = .none
            case .wrongSecret:
                keys = .client(.init(clientID: rightful.clientID, secret: String(rightful.secret.reversed())))
            case .unknownClientID:
                keys = .client(.init(clientID: String(repeating: "0", count: 24), secret: rightful.secret))
            case .anotherClientsSecret:
                keys = .client(.init(clientID: rightful.clientID, secret: other.secret))
            case .wrongSecretInBody:
                keys = .none
                body["client_id"] = .string(rightful.clientID)
                body["secret"] = .string(String(rightful.secret.reversed()))
            }
            let response = try await sandbox.raw(path, json: .object(body), keys: keys)
            if fault == .noKeys {
                let error = world.expectRefusal(response, type: "INVALID_REQUEST", code: "MISSING_FIELDS", hiding: [world.victim])
                #expect(error?["error_message"]?.stringValue?.contains("client_id, secret") == true)
            } else {
                world.expectRefusal(response, type: "INVALID_INPUT", code: "INVALID_API_KEYS", hiding: [world.victim])
            }

            let withRightKeys = try await sandbox.raw(path, json: .object(try Self.body(for: path, using: world.victim.tokens)),
                                                      keys: .client(rightful))
            Self.expectAnswered(withRightKeys, path, "the same request with the right keys should be answered, so only the keys were refused")
        }
    }

    /// A caller without valid keys is refused for its keys even past an endpoint's rate limit,
    /// and spends none of the budget of the client whose tokens it sent.
    @Test(arguments: servedPaths)
    func badAPIKeysSpendNoRateLimit(path: String) async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        try await TestSandbox.with(configure: { $0.clock = { clock.now } }) { setup in
            // The fixture's calls would spend the budget, so the limited server starts afterwards.
            let world = try await AccessWorld.make(setup)
            let body = try Self.body(for: path, using: world.victim.tokens)
            let rightful = world.rightfulKeys(for: path)
            let methodName = SandboxRoutes.all[path]!.endpoint.methodName
            try await TestSandbox.with(configure: {
                $0.clock = { clock.now }
                $0.rateLimits = [methodName: RateLimit(requests: 1, window: 60)]
            }, dataDirectory: setup.dataDirectory) { limited in
                let wrong = SandboxCredentials.Client(clientID: rightful.clientID, secret: String(rightful.secret.reversed()))
                for _ in 0..<3 {
                    let stranger = try await limited.raw(path, json: .object(body), keys: .client(wrong))
                    world.expectRefusal(stranger, type: "INVALID_INPUT", code: "INVALID_API_KEYS", hiding: [world.victim])
                }
                let byRightful = try await limited.raw(path, json: .object(body), keys: .client(rightful))
                Self.expectAnswered(byRightful, path, "the budget went to callers with wrong keys")
            }
        }
    }

    // MARK: Tokens of another party

    /// Which of two clients, each with an Item of its own, tries the other's token.
    enum Trespass: String, CaseIterable, Sendable {
        case partnerUsesDevelopersToken, developerUsesPartnersToken
    }

    @Test(arguments: accessTokenPaths, Trespass.allCases)
    func anotherDevelopersAccessTokenIsRefused(path: String, trespass: Trespass) async throws {
        try await TestSandbox.with { sandbox in
            let world = try await AccessWorld.make(sandbox)
            let (owner, intruder) = world.sides(trespass)
            let body = try Self.body(for: path, using: owner.tokens)
            let response = try await sandbox.raw(path, json: .object(body), keys: .client(intruder.keys))
            world.expectRefusal(response, type: "INVALID_INPUT", code: "INVALID_ACCESS_TOKEN", hiding: [owner])
            try await world.expectStillLinked(owner)
        }
    }

    @Test(arguments: publicTokenPaths, Trespass.allCases)
    func anotherDevelopersPublicTokenIsRefused(path: String, trespass: Trespass) async throws {
        try await TestSandbox.with { sandbox in
            let world = try await AccessWorld.make(sandbox)
            let (owner, intruder) = world.sides(trespass)
            let body = try Self.body(for: path, using: owner.tokens)
            let response = try await sandbox.raw(path, json: .object(body), keys: .client(intruder.keys))
            world.expectRefusal(response, type: "INVALID_INPUT", code: "INVALID_PUBLIC_TOKEN", hiding: [owner])
            let byOwner = try await sandbox.raw(path, json: .object(body), keys: .client(owner.keys))
            #expect(byOwner.status == 200, "the intruder's attempt must not use up the owner's public token")
        }
    }

    /// An account id names one account of one Item: with the intruder's own access token,
    /// the victim's account is not found.
    @Test(arguments: accountIDPaths, Trespass.allCases)
    func anotherDevelopersAccountIDIsRefused(path: String, trespass: Trespass) async throws {
        try await TestSandbox.with { sandbox in
            let world = try await AccessWorld.make(sandbox)
            let (owner, intruder) = world.sides(trespass)
            var tokens = intruder.tokens
            tokens.accountID = owner.tokens.accountID
            let response = try await sandbox.raw(path, json: .object(try Self.body(for: path, using: tokens)),
                                                 keys: .client(intruder.keys))
            world.expectRefusal(response, type: "INVALID_INPUT", code: "INVALID_ACCOUNT_ID", hiding: [owner])
        }
    }

    /// Who tries a processor token that is not theirs.
    enum ProcessorTrespass: String, CaseIterable, Sendable {
        /// Another partner, with a token the developer made for dwolla.
        case anotherPartner
        /// The developer who made the token: it was made for dwolla, not for them.
        case developerWhoMadeIt
        /// Another partner, with a token a partner made for itself with /sandbox/processor_token/create.
        case anotherPartnerOnPartnerMadeToken
    }

    @Test(arguments: processorTokenPaths, ProcessorTrespass.allCases)
    func anotherPartnersProcessorTokenIsRefused(path: String, trespass: ProcessorTrespass) async throws {
        try await TestSandbox.with { sandbox in
            let world = try await AccessWorld.make(sandbox)
            let credentials = sandbox.server.credentials
            var (holder, intruderKeys): (Party, SandboxCredentials.Client) = switch trespass {
            case .anotherPartner: (world.victim, credentials.processors["moov"]!)
            case .developerWhoMadeIt: (world.victim, credentials.developer)
            case .anotherPartnerOnPartnerMadeToken:
                (try await world.partnerMadeParty(holder: credentials.processors["galileo"]!), credentials.processors["unit"]!)
            }
            let rightful = holder.rightfulKeys(for: path)
            // On the developer's calls (token permissions) the partner holding the token is the one without a right.
            if intruderKeys == rightful { intruderKeys = holder.processorTokenHolder }
            let body = try Self.body(for: path, using: holder.tokens)
            let response = try await sandbox.raw(path, json: .object(body), keys: .client(intruderKeys))
            world.expectRefusal(response, type: "INVALID_INPUT", code: "INVALID_PROCESSOR_TOKEN", hiding: [holder])
            let byRightful = try await sandbox.raw(path, json: .object(body), keys: .client(rightful))
            Self.expectAnswered(byRightful, path, "the token still answers the client it is for")
        }
    }

    // MARK: Removed Items, expired and reused public tokens

    @Test(arguments: tokenPaths)
    func removedItemsTokensAreRefused(path: String) async throws {
        try await TestSandbox.with { sandbox in
            let world = try await AccessWorld.make(sandbox)
            let removed = world.victim
            let removal = try await sandbox.raw("/item/remove", json: .object(["access_token": .string(removed.tokens.accessToken)]),
                                                keys: .client(removed.keys))
            #expect(removal.status == 200)
            var tokens = removed.tokens
            tokens.publicToken = removed.exchangedPublicToken
            let body = try Self.body(for: path, using: tokens)
            let fields = SandboxRoutes.all[path]!.endpoint.requestFields.map(\.name)

            let rightful = removed.rightfulKeys(for: path)
            let byRightful = try await sandbox.raw(path, json: .object(body), keys: .client(rightful))
            if fields.contains("public_token") {
                world.expectRefusal(byRightful, type: "INVALID_INPUT", code: "INVALID_PUBLIC_TOKEN", hiding: [removed])
            } else {
                world.expectRefusal(byRightful, type: "ITEM_ERROR", code: "ITEM_NOT_FOUND", hiding: [removed])
            }

            // To anyone else the token is unknown: the answer must not even tell that the Item existed.
            let byStranger = try await sandbox.raw(path, json: .object(body), keys: .client(world.intruderKeys))
            let strangerCode = fields.contains("processor_token") ? "INVALID_PROCESSOR_TOKEN"
                : fields.contains("public_token") ? "INVALID_PUBLIC_TOKEN" : "INVALID_ACCESS_TOKEN"
            world.expectRefusal(byStranger, type: "INVALID_INPUT", code: strangerCode, hiding: [removed])
        }
    }

    @Test(arguments: publicTokenPaths)
    func expiredPublicTokenIsRefused(path: String) async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        try await TestSandbox.with(configure: { $0.clock = { clock.now } }) { sandbox in
            let world = try await AccessWorld.make(sandbox)
            clock.advance(by: SandboxStoreRules.publicTokenLifetime)
            let body = try Self.body(for: path, using: world.victim.tokens)
            for _ in 0..<2 {
                let response = try await sandbox.raw(path, json: .object(body), keys: .client(world.developerKeys))
                let error = world.expectRefusal(response, type: "INVALID_INPUT", code: "INVALID_PUBLIC_TOKEN", hiding: [world.victim])
                #expect(error?["error_message"]?.stringValue?.contains("expired") == true)
            }
            let byStranger = try await sandbox.raw(path, json: .object(body), keys: .client(world.intruderKeys))
            world.expectRefusal(byStranger, type: "INVALID_INPUT", code: "INVALID_PUBLIC_TOKEN", hiding: [world.victim])
        }
    }

    @Test(arguments: publicTokenPaths)
    func reusedPublicTokenIsRefused(path: String) async throws {
        try await TestSandbox.with { sandbox in
            let world = try await AccessWorld.make(sandbox)
            var tokens = world.victim.tokens
            tokens.publicToken = world.victim.exchangedPublicToken
            let body = try Self.body(for: path, using: tokens)
            let response = try await sandbox.raw(path, json: .object(body), keys: .client(world.developerKeys))
            let error = world.expectRefusal(response, type: "INVALID_INPUT", code: "INVALID_PUBLIC_TOKEN", hiding: [world.victim])
            #expect(error?["error_message"]?.stringValue?.contains("already been exchanged") == true)
            let byStranger = try await sandbox.raw(path, json: .object(body), keys: .client(world.intruderKeys))
            world.expectRefusal(byStranger, type: "INVALID_INPUT", code: "INVALID_PUBLIC_TOKEN", hiding: [world.victim])
        }
    }

    // MARK: Request bodies

    /// A valid body for `path` naming `tokens`, built from the endpoint's required fields, so the
    /// request is refused for the fault under test and nothing else.
    static func body(for path: String, using tokens: Tokens) throws -> [String: JSONValue] {
        var body: [String: JSONValue] = [:]
        for field in SandboxRoutes.all[path]!.endpoint.requestFields where field.isRequired {
            body[field.name] = switch field.name {
            case "access_token": .string(tokens.accessToken)
            case "processor_token": .string(tokens.processorToken)
            case "public_token": .string(tokens.publicToken)
            case "account_id": .string(tokens.accountID)
            case "processor": .string("dwolla")
            case "institution_id": .string("ins_109508")
            case "initial_products": .array([.string("auth")])
            case "country_codes": .array([.string("US")])
            case "webhook": .string("http://127.0.0.1:9/plaid")
            case "products": .array([.string("auth")])
            case "verification_status": .string("automatically_verified")
            case "client_transaction_id": .string("payment-1")
            case "amount": SandboxRoutes.all[path]!.endpoint.requestFields.first { $0.name == "amount" }?.type == .string
                ? .string("10.00") : .double(42.5)
            case "idempotency_key": .string("payment-1")
            case "webhook_code": .string(field.allowedValues.contains("LOGIN_REPAIRED") ? "LOGIN_REPAIRED" : field.allowedValues[0])
            case "key_id": .string("no-such-key")
            case "type": .string("debit")
            case "network": .string("wire")
            case "iso_currency_code": .string("USD")
            case "description": .string("PAYMENT")
            case "user": .object(["legal_name": .string("Alberta Charleson")])
            case "initiated": .bool(true)
            case "return_code": .string("R01")
            case "start_date": .string("2025-01-01")
            case "end_date": .string("2025-01-31")
            case "transactions": .array([.object([
                "date_transacted": .string("2025-01-02"), "date_posted": .string("2025-01-03"),
                "amount": .double(12.5), "description": .string("COFFEE"),
            ])])
            default: throw UnknownField(path: path, name: field.name)
            }
        }
        return body
    }

    struct UnknownField: Error, CustomStringConvertible {
        let path: String
        let name: String
        var description: String { "AccessMatrixTests.body(for:) has no value for \(name), required by \(path); add one" }
    }
}

/// The tokens a request body can name.
struct Tokens: Sendable {
    var accessToken: String
    var processorToken: String
    var publicToken: String
    var accountID: String
}

/// A client with an Item of its own, and everything of it that must never reach anyone else.
struct Party: Sendable {
    /// The keys a request to `path` is rightly sent with: the partner holding the processor
    /// token on the partner's calls, the Item's owner on the others.
    func rightfulKeys(for path: String) -> SandboxCredentials.Client {
        AccessMatrixTests.isPartnerCall(path) ? processorTokenHolder : keys
    }

    let keys: SandboxCredentials.Client
    /// An unexchanged public token (of a second Item), the Item's access token, its checking
    /// account, and a processor token on it.
    let tokens: Tokens
    let exchangedPublicToken: String
    let itemID: String?
    /// Who holds ``Tokens/processorToken``.
    let processorTokenHolder: SandboxCredentials.Client
    /// Tokens, ids and account numbers: must appear nowhere in a refusal.
    let identifiers: [String]
    /// Account names, official names, masks and owners' details: must appear in no message.
    let descriptions: [String]
}

/// A sandbox with two clients that each linked an Item: the developer (the usual victim) and
/// the partner moov acting as a developer of its own.
struct AccessWorld {
    let sandbox: TestSandbox
    let victim: Party
    let intruder: Party
    var developerKeys: SandboxCredentials.Client { sandbox.server.credentials.developer }
    var intruderKeys: SandboxCredentials.Client { intruder.keys }

    static func make(_ sandbox: TestSandbox) async throws -> AccessWorld {
        let credentials = sandbox.server.credentials
        let dwolla = credentials.processors["dwolla"]!
        return AccessWorld(
            sandbox: sandbox,
            victim: try await linkedParty(sandbox, owner: credentials.developer, institution: "ins_109508", processorHolder: dwolla),
            intruder: try await linkedParty(sandbox, owner: credentials.processors["moov"]!, institution: "ins_109512",
                                            processorHolder: dwolla))
    }

    /// The keys a request to `path` about the victim's Item is rightly sent with.
    func rightfulKeys(for path: String) -> SandboxCredentials.Client {
        victim.rightfulKeys(for: path)
    }

    func sides(_ trespass: AccessMatrixTests.Trespass) -> (owner: Party, intruder: Party) {
        switch trespass {
        case .partnerUsesDevelopersToken: (victim, intruder)
        case .developerUsesPartnersToken: (intruder, victim)
        }
    }

    /// Links an Item for `owner` through the API, as a client would, and collects what the
    /// owner and the processor token's holder can read of it.
    private static func linkedParty(_ sandbox: TestSandbox, owner: SandboxCredentials.Client, institution: String,
                                    processorHolder: SandboxCredentials.Client) async throws -> Party {
        func call(_ path: String, _ body: [String: JSONValue], as keys: SandboxCredentials.Client) async throws -> JSONValue {
            let response = try await sandbox.raw(path, json: .object(body), keys: .client(keys))
            guard response.status == 200, let json = response.json else {
                throw FixtureError(message: "\(path) answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
            }
            return json
        }
        let link: [String: JSONValue] = [
            "institution_id": .string(institution), "initial_products": .array([.string("auth"), .string("identity")]),
        ]
        let exchangedPublicToken = try await call("/sandbox/public_token/create", link, as: owner)["public_token"]!.stringValue!
        let exchange = try await call("/item/public_token/exchange", ["public_token": .string(exchangedPublicToken)], as: owner)
        let accessToken = exchange["access_token"]!.stringValue!
        let itemID = exchange["item_id"]!.stringValue!
        let freshPublicToken = try await call("/sandbox/public_token/create", link, as: owner)["public_token"]!.stringValue!
        let accounts = try await call("/accounts/get", ["access_token": .string(accessToken)], as: owner)
        guard case .array(let list)? = accounts["accounts"],
              let checking = list.first(where: { $0["subtype"] == .string("checking") })?["account_id"]?.stringValue else {
            throw FixtureError(message: "no checking account at \(institution)")
        }
        let processorToken = try await call("/processor/token/create", [
            "access_token": .string(accessToken), "account_id": .string(checking), "processor": .string("dwolla"),
        ], as: owner)["processor_token"]!.stringValue!
        let auth = try await call("/processor/auth/get", ["processor_token": .string(processorToken)], as: processorHolder)
        let identity = try await call("/processor/identity/get", ["processor_token": .string(processorToken)], as: processorHolder)

        var identifiers = [accessToken, exchangedPublicToken, freshPublicToken, processorToken, itemID]
        identifiers += list.compactMap { $0["account_id"]?.stringValue }
        identifiers += strings(in: auth["numbers"]).filter { $0.count >= 8 }
        return Party(
            keys: owner,
            tokens: Tokens(accessToken: accessToken, processorToken: processorToken, publicToken: freshPublicToken, accountID: checking),
            exchangedPublicToken: exchangedPublicToken, itemID: itemID, processorTokenHolder: processorHolder,
            identifiers: identifiers,
            descriptions: list.flatMap { descriptions(of: $0) } + ownerDetails(identity["account"]?["owners"]))
    }

    /// A partner's own test Item, made with /sandbox/processor_token/create: the partner sees
    /// only the account behind its processor token.
    func partnerMadeParty(holder: SandboxCredentials.Client) async throws -> Party {
        let made = try await sandbox.raw("/sandbox/processor_token/create", json: .object(["institution_id": .string("ins_109508")]),
                                         keys: .client(holder))
        guard made.status == 200, let processorToken = made.json?["processor_token"]?.stringValue else {
            throw FixtureError(message: "/sandbox/processor_token/create answered \(made.status)")
        }
        let read = ["processor_token": JSONValue.string(processorToken)]
        guard let auth = try await sandbox.raw("/processor/auth/get", json: .object(read), keys: .client(holder)).json,
              let identity = try await sandbox.raw("/processor/identity/get", json: .object(read), keys: .client(holder)).json,
              let account = auth["account"], let accountID = account["account_id"]?.stringValue else {
            throw FixtureError(message: "the partner cannot read its own test Item")
        }
        return Party(
            keys: holder,
            tokens: Tokens(accessToken: victim.tokens.accessToken, processorToken: processorToken,
                           publicToken: victim.tokens.publicToken, accountID: accountID),
            exchangedPublicToken: victim.exchangedPublicToken, itemID: nil, processorTokenHolder: holder,
            identifiers: [processorToken, accountID] + Self.strings(in: auth["numbers"]).filter { $0.count >= 8 },
            descriptions: Self.descriptions(of: account) + Self.ownerDetails(identity["account"]?["owners"]))
    }

    /// The Item behind `party`'s access token still answers its owner, unchanged.
    func expectStillLinked(_ party: Party, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let response = try await sandbox.raw("/accounts/get", json: .object(["access_token": .string(party.tokens.accessToken)]),
                                             keys: .client(party.keys))
        #expect(response.status == 200, sourceLocation: sourceLocation)
        #expect(response.json?["item"]?["item_id"]?.stringValue == party.itemID, sourceLocation: sourceLocation)
    }

    // MARK: Checking a refusal

    /// The keys of Plaid's error object; a refusal may carry nothing else.
    static let plaidErrorKeys: Set<String> = [
        "error_type", "error_code", "error_code_reason", "error_message", "display_message", "request_id", "causes",
        "status", "documentation_url", "suggested_action", "required_account_subtypes", "provided_account_subtypes",
    ]

    /// Checks that `response` is the Plaid error `type`/`code` as a well-formed error object,
    /// and that nothing of `parties` (nor any API secret) is in it; returns the object.
    @discardableResult
    func expectRefusal(_ response: TestSandbox.RawResponse, status: Int = 400, type: String, code: String, hiding parties: [Party],
                       sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue? {
        #expect(response.status == status, sourceLocation: sourceLocation)
        #expect(response.header("Content-Type")?.hasPrefix("application/json") == true, sourceLocation: sourceLocation)
        guard let json = response.json, case .object(let members) = json else {
            Issue.record("not a JSON object: \(String(decoding: response.body, as: UTF8.self))", sourceLocation: sourceLocation)
            return nil
        }
        #expect(json["error_type"] == .string(type), sourceLocation: sourceLocation)
        #expect(json["error_code"] == .string(code), sourceLocation: sourceLocation)
        #expect(json["error_message"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(json["display_message"] == .null, sourceLocation: sourceLocation)
        #expect(json["request_id"]?.stringValue?.count == 15, sourceLocation: sourceLocation)
        #expect(Set(members.keys).isSubset(of: Self.plaidErrorKeys),
                "keys beyond Plaid's error object: \(Set(members.keys).subtracting(Self.plaidErrorKeys).sorted())",
                sourceLocation: sourceLocation)
        #expect((try? JSONDecoder().decode(PlaidError.self, from: response.body)) != nil, sourceLocation: sourceLocation)

        let text = String(decoding: response.body, as: UTF8.self)
        let messages = [json["error_message"]?.stringValue, json["display_message"]?.stringValue].compactMap { $0 }
        let credentials = sandbox.server.credentials
        let secrets = [credentials.developer.secret] + credentials.processors.values.map(\.secret)
        for party in parties {
            for identifier in party.identifiers + secrets where text.contains(identifier) {
                Issue.record("the refusal carries \(identifier): \(text)", sourceLocation: sourceLocation)
            }
            for description in party.descriptions where messages.contains(where: { Self.mentions($0, description) }) {
                Issue.record("the refusal mentions \(description): \(text)", sourceLocation: sourceLocation)
            }
        }
        return json
    }

    /// Whether `message` has `word` with no letter or digit right before or after it, so a mask
    /// such as `0000` counts only as a number of its own.
    private static func mentions(_ message: String, _ word: String) -> Bool {
        var searchStart = message.startIndex
        while let range = message.range(of: word, range: searchStart..<message.endIndex) {
            let before = range.lowerBound > message.startIndex ? message[message.index(before: range.lowerBound)] : " "
            let after = range.upperBound < message.endIndex ? message[range.upperBound] : " "
            if !before.isLetter && !before.isNumber && !after.isLetter && !after.isNumber { return true }
            searchStart = range.upperBound
        }
        return false
    }

    private static func descriptions(of account: JSONValue) -> [String] {
        ["name", "official_name", "mask"].compactMap { account[$0]?.stringValue }
    }

    /// The owners' names, emails, phone numbers and addresses, without the enum values
    /// (`home`, `primary`, …) every owner shares.
    private static func ownerDetails(_ owners: JSONValue?) -> [String] {
        guard case .array(let list)? = owners else { return [] }
        return list.flatMap { owner -> [String] in
            var details = strings(in: owner["names"])
            for key in ["emails", "phone_numbers"] {
                if case .array(let entries)? = owner[key] { details += entries.compactMap { $0["data"]?.stringValue } }
            }
            if case .array(let addresses)? = owner["addresses"] {
                details += addresses.flatMap { address in
                    ["street", "city", "postal_code"].compactMap { address["data"]?[$0]?.stringValue }
                }
            }
            return details
        }
    }

    /// Every string inside `value`.
    private static func strings(in value: JSONValue?) -> [String] {
        switch value {
        case .string(let string)?: [string]
        case .array(let elements)?: elements.flatMap { strings(in: $0) }
        case .object(let members)?: members.values.flatMap { strings(in: $0) }
        default: []
        }
    }

    struct FixtureError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
