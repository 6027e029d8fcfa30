import Foundation
@testable import PlaidModels
import Testing

/// Tokens never print in full: descriptions, debug output and dumps show them masked.
struct RedactionTests {
    static let accessToken = "access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6"

    @Test(arguments: [
        ("access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6", "access-sandbox-…c0f6"),
        ("processor-sandbox-0asd1-a92nc", "processor-sandbox-…92nc"),
        ("public-production-b0e2c4ee-a763-4df5-bfe9-46a46bce993d", "public-production-…993d"),
        ("btok_5oEetfLzPklE1fwJZ7SG", "btok_…Z7SG"),
        ("access-sandbox-short", "access-sandbox-…"),
        ("opaque", "…"),
    ])
    func maskKeepsKindAndEnvironmentAndLastFour(token: String, masked: String) {
        #expect(Redaction.maskToken(token) == masked)
    }

    @Test func tokensInFreeTextAreMasked() {
        let text = "could not use \(Self.accessToken) or processor-sandbox-0asd1-a92nc here"
        #expect(Redaction.maskTokens(in: text) == "could not use access-sandbox-…c0f6 or processor-sandbox-…92nc here")
    }

    @Test func requestDescriptionsShowTokensMasked() {
        let request = ProcessorTokenCreateRequest(accessToken: AccessToken(Self.accessToken), accountID: "acc", processor: .dwolla)
        var dumped = ""
        dump(request, to: &dumped)
        for text in [String(describing: request), String(reflecting: request), dumped, "\(request.accessToken)"] {
            #expect(!text.contains(Self.accessToken), "leaked in: \(text)")
        }
        #expect(String(describing: request).contains("access-sandbox-…c0f6"))
    }

    @Test func tokensStillEncodeInFull() throws {
        let encoded = try JSONValue(encoding: ItemPublicTokenExchangeResponse(accessToken: AccessToken(Self.accessToken), itemID: "i", requestID: "r"))
        #expect(encoded["access_token"] == .string(Self.accessToken))
    }

    // The registry of seen tokens is shared by the process, so each test makes tokens of its own.
    private static func freshToken(_ kind: String = "access") -> (token: String, uuid: String) {
        let uuid = UUID().uuidString.lowercased()
        return ("\(kind)-sandbox-\(uuid)", uuid)
    }

    @Test func theHiddenPartOfATokenSeenBeforeIsMaskedAlone() {
        let (token, uuid) = Self.freshToken()
        #expect(Redaction.maskTokens(in: "id \(uuid) here") == "id \(uuid) here", "not seen yet, so it may be anything")
        _ = Redaction.maskToken(token)
        #expect(Redaction.maskTokens(in: "id \(uuid) here") == "id …\(uuid.suffix(4)) here")
        #expect(Redaction.maskTokens(in: "x=\(uuid),\"\(uuid)\"") == "x=…\(uuid.suffix(4)),\"…\(uuid.suffix(4))\"")
        #expect(Redaction.maskTokens(in: "ref-\(uuid)") == "ref-…\(uuid.suffix(4))", "inside a longer word")
    }

    @Test func aTokenInTheTextMakesItsHiddenPartMaskedElsewhereToo() {
        let (token, uuid) = Self.freshToken("processor")
        let masked = Redaction.maskTokens(in: "\(uuid) is the end of \(token)")
        #expect(masked == "…\(uuid.suffix(4)) is the end of processor-sandbox-…\(uuid.suffix(4))")
    }

    @Test func tokensDecodedOrEncodedOrInJSONAreRemembered() throws {
        let (decoded, decodedUUID) = Self.freshToken()
        _ = try JSONDecoder().decode(ItemPublicTokenExchangeResponse.self, from: Data(#"{"access_token":"\#(decoded)","item_id":"i","request_id":"r"}"#.utf8))
        let (encoded, encodedUUID) = Self.freshToken("public")
        _ = try JSONEncoder().encode(ItemPublicTokenExchangeRequest(publicToken: PublicToken(encoded)))
        let (inJSON, jsonUUID) = Self.freshToken("processor")
        Redaction.rememberTokens(in: .object(["nested": .array([.string(inJSON)])]))
        for uuid in [decodedUUID, encodedUUID, jsonUUID] {
            #expect(Redaction.maskTokens(in: uuid) == "…" + uuid.suffix(4))
        }
    }

    @Test func unseenUUIDsAndShortPartsStayReadable() {
        let requestID = UUID().uuidString.lowercased()
        #expect(Redaction.maskTokens(in: "request_id \(requestID)") == "request_id \(requestID)")
        _ = Redaction.maskToken("processor-sandbox-0asd1-a92nc")
        #expect(Redaction.maskTokens(in: "0asd1-a92nc") == "0asd1-a92nc", "too short to identify a token")
    }

    @Test func aFragmentIsAnyUUIDOrTheHiddenPartOfASeenToken() {
        #expect(Redaction.holdsTokenFragment("x = '\(UUID().uuidString)'"))
        let stripe = "btok_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20)
        #expect(!Redaction.holdsTokenFragment(String(stripe.dropFirst(5))))
        _ = Redaction.maskToken(stripe)
        #expect(Redaction.holdsTokenFragment(String(stripe.dropFirst(5))))
        #expect(!Redaction.holdsTokenFragment("client:accounts_get{access_token = item.access_token}"))
    }

    @Test func theRegistryForgetsTheOldestPastItsCapacity() {
        var registry = Redaction.FragmentRegistry(capacity: 2)
        let fragments = (0..<3).map { _ in UUID().uuidString }
        for fragment in fragments { registry.insert(fragment) }
        #expect(!registry.contains(fragments[0]))
        #expect(registry.contains(fragments[1]) && registry.contains(fragments[2]))
        registry.insert("short")
        #expect(!registry.contains("short"))
    }

    /// The byte matcher behind `rememberIfToken` against the token pattern it stands for, over
    /// every string up to length 4 from a small alphabet around the pattern's edges, the tokens
    /// above, and random strings built from token parts.
    @Test func theTokenMatcherAgreesWithThePattern() {
        let pattern = /(?:access|public|processor|link)-[a-z]+-[A-Za-z0-9-]+|btok_[A-Za-z0-9]+/
        var samples = ["access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6", "btok_5oEetfLzPklE1fwJZ7SG", "btok_", "btok_a-b",
                       "access--x", "access-Sandbox-x", "access-sandbox-", "link-a-b", "link-a-b c", "processor-é-x", "public-a-_",
                       "accesss-a-b", "Access-a-b", "access-a-b\n", "btok_é"]
        let parts = ["access-", "public-", "processor-", "link-", "btok_", "sandbox", "-", "_", "a", "Z", "9", "é", " ", "x-y"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            samples.append((0..<Int.random(in: 1...5, using: &generator)).map { _ in parts.randomElement(using: &generator)! }.joined())
        }
        let alphabet = ["a", "b", "-", "_", "k", "Z"]
        var short = [""]
        for _ in 0..<4 {
            short = short.flatMap { prefix in alphabet.map { prefix + $0 } }
            samples += short.map { "btok" + $0 } + short.map { "link-" + $0 }
        }
        for sample in samples {
            #expect(Redaction.isToken(sample) == (sample.wholeMatch(of: pattern) != nil), "\(sample)")
        }
    }

    @Test(arguments: ["access-sandbox-x", "a-b-c", "-b-c", "a--c", "a-1-c", "btok_x", "_x", "b1_x", "ab", "Ab-Cd-x_y", "a_b-c-d"])
    func theVisiblePrefixOfASCIIIsAsForAnyText(token: String) {
        // The same token with a non-ASCII tail takes the general path; the prefixes must agree.
        let general = Redaction.maskToken(token + "é")
        let ascii = Redaction.maskToken(token)
        #expect(general.prefix(while: { $0 != "…" }) == ascii.prefix(while: { $0 != "…" }), "\(token)")
    }
}
