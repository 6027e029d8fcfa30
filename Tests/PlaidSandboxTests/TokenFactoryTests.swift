import Foundation
@testable import PlaidSandbox
import Testing

/// Identifiers and tokens come from the kernel's generator a buffer at a time; they must keep
/// their formats and draw every character alike.
struct TokenFactoryTests {
    @Test func identifiersHaveTheirFormats() {
        let alphanumerics = Set(TokenFactory.alphanumerics)
        for _ in 0..<200 {
            #expect(TokenFactory.requestID().count == 15)
            #expect(TokenFactory.itemID().allSatisfy(alphanumerics.contains) && TokenFactory.itemID().count == 37)
            #expect(TokenFactory.clientID().wholeMatch(of: /[0-9a-f]{24}/) != nil)
            #expect(TokenFactory.stripeBankAccountToken().wholeMatch(of: /btok_[A-Za-z0-9]{20}/) != nil)
            #expect(TokenFactory.uuid().wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil)
        }
    }

    /// 62 characters from bytes: without skipping the bytes past 247, the first eight would come
    /// a fifth more often than the rest. 20,000 ids of 37 give about 11,900 of each character.
    @Test func everyCharacterIsDrawnAlike() {
        var counts: [Character: Int] = [:]
        for _ in 0..<20_000 {
            for character in TokenFactory.itemID() { counts[character, default: 0] += 1 }
        }
        let expected = Double(20_000 * 37) / Double(TokenFactory.alphanumerics.count)
        #expect(counts.count == TokenFactory.alphanumerics.count)
        for (character, count) in counts {
            #expect(abs(Double(count) - expected) < expected * 0.06, "\(character): \(count) against \(Int(expected))")
        }
    }

    @Test func noTwoTokensAreAlike() {
        let tokens = (0..<10_000).map { _ in TokenFactory.processorToken() }
        #expect(Set(tokens).count == tokens.count)
    }
}
