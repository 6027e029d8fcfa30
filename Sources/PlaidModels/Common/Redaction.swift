import NIOConcurrencyHelpers

/// Masks Plaid tokens so that logs, descriptions and errors can name a token without leaking it.
///
/// A token keeps its kind and environment and shows only its last four characters:
/// `access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6` becomes `access-sandbox-…c0f6`.
/// Tokens with eight characters or fewer after the prefix show no tail at all.
///
/// The part after the prefix (a UUID for Plaid's tokens) identifies the token on its own, so the
/// process remembers it for every token it sees — decoded, encoded or masked — and masks it
/// wherever it later appears without its prefix (`…c0f6`).
public enum Redaction {
    /// The marker put where the hidden part of a token was.
    public static let ellipsis = "…"

    /// Masks one token, and remembers its hidden part so that part is masked when it appears alone.
    public static func maskToken(_ token: String) -> String {
        let prefix = visiblePrefix(of: token)
        let hidden = token.dropFirst(prefix.count)
        if !prefix.isEmpty { seenFragments.withLockedValue { $0.insert(String(hidden)) } }
        let tail = hidden.count > 8 ? String(hidden.suffix(4)) : ""
        return prefix + ellipsis + tail
    }

    /// Masks every token-shaped word in free text, such as a server's error message, and every
    /// hidden part of a token this process has seen (or that the text itself holds) standing alone.
    public static func maskTokens(in text: String) -> String {
        // Every token has a dash or an underscore: text without either (an API path) skips the pattern.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }) else { return maskFragments(in: text) }
        return maskFragments(in: text.replacing(tokenPattern) { match in maskToken(String(match.output)) })
    }

    /// Remembers a token the process has seen (sent or received), so its hidden part is masked
    /// when it appears without the prefix.
    public static func remember(token: String) {
        _ = maskToken(token)
    }

    /// Remembers `text` if it is a token; for values of unknown meaning, such as an input record's fields.
    public static func rememberIfToken(_ text: String) {
        guard text.utf8.count > shortestFragment, isToken(text) else { return }
        remember(token: text)
    }

    /// Whether all of `text` matches ``tokenPattern``; read byte by byte, since this runs for
    /// every string of every request and input record.
    static func isToken(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.starts(with: "btok_".utf8) {
            bytes = bytes.dropFirst(5)
            return !bytes.isEmpty && bytes.allSatisfy(isAlphanumeric)
        }
        guard let kind = tokenKinds.first(where: { bytes.starts(with: $0) }) else { return false }
        bytes = bytes.dropFirst(kind.count)
        let environment = bytes.prefix { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
        guard !environment.isEmpty, bytes.dropFirst(environment.count).first == UInt8(ascii: "-") else { return false }
        let rest = bytes.dropFirst(environment.count + 1)
        return !rest.isEmpty && rest.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    private static let tokenKinds = ["access-", "public-", "processor-", "link-"].map { Array($0.utf8) }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: false
        }
    }

    /// Remembers every token-shaped string in a request or response body given as JSON, such
    /// as one for an endpoint the models do not cover.
    public static func rememberTokens(in json: JSONValue) {
        switch json {
        case .string(let text): rememberIfToken(text)
        case .array(let values): values.forEach(rememberTokens(in:))
        case .object(let members): members.values.forEach(rememberTokens(in:))
        case .null, .bool, .integer, .double: break
        }
    }

    /// Whether `text` holds what identifies a token without its prefix: a UUID (the form of
    /// every Plaid token's hidden part) or the hidden part of a token this process has seen.
    public static func holdsTokenFragment(_ text: String) -> Bool {
        !fragmentRanges(in: Array(text.utf8), includingEveryUUID: true).isEmpty
    }

    /// `<kind>-<environment>-` for Plaid tokens, `<kind>_` for tokens such as Stripe's `btok_`.
    private static func visiblePrefix(of token: String) -> String {
        if token.utf8.allSatisfy({ $0 < 0x80 }) { return asciiVisiblePrefix(of: Array(token.utf8)) }
        let dashParts = token.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        if dashParts.count == 3, dashParts[0].allSatisfy(\.isLetter), dashParts[1].allSatisfy(\.isLetter) {
            return "\(dashParts[0])-\(dashParts[1])-"
        }
        if let underscore = token.firstIndex(of: "_"), token[..<underscore].allSatisfy(\.isLetter) {
            return String(token[...underscore])
        }
        return ""
    }

    /// ``visiblePrefix(of:)`` for ASCII text, where a letter is `A`–`Z` or `a`–`z`.
    private static func asciiVisiblePrefix(of token: [UInt8]) -> String {
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        if let firstDash = token.firstIndex(of: UInt8(ascii: "-")),
           let secondDash = token[(firstDash + 1)...].firstIndex(of: UInt8(ascii: "-")),
           token[..<firstDash].allSatisfy(isLetter), token[(firstDash + 1)..<secondDash].allSatisfy(isLetter) {
            return String(decoding: token[...secondDash], as: UTF8.self)
        }
        if let underscore = token.firstIndex(of: UInt8(ascii: "_")), token[..<underscore].allSatisfy(isLetter) {
            return String(decoding: token[...underscore], as: UTF8.self)
        }
        return ""
    }

    nonisolated(unsafe) private static let tokenPattern =
        /(?:access|public|processor|link)-[a-z]+-[A-Za-z0-9-]+|btok_[A-Za-z0-9]+/

    // MARK: Fragments

    /// Hidden parts shorter than this identify too little to be worth masking alone, and could
    /// match ordinary words.
    public static let shortestFragment = 16

    private static let seenFragments = NIOLockedValueBox(FragmentRegistry(capacity: 10_000))

    /// The hidden parts of the most recent `capacity` distinct tokens seen; older ones are
    /// forgotten first, so a run over millions of tokens holds a bounded set.
    struct FragmentRegistry {
        let capacity: Int
        private var members: Set<String> = []
        private var order: [String] = []
        private var oldest = 0

        init(capacity: Int) { self.capacity = capacity }

        func contains(_ fragment: String) -> Bool { members.contains(fragment) }

        mutating func insert(_ fragment: String) {
            guard fragment.utf8.count >= Redaction.shortestFragment, members.insert(fragment).inserted else { return }
            if order.count < capacity {
                order.append(fragment)
            } else {
                members.remove(order[oldest])
                order[oldest] = fragment
                oldest = (oldest + 1) % capacity
            }
        }
    }

    /// Replaces each remembered hidden part standing alone with `…` and its last four characters.
    private static func maskFragments(in text: String) -> String {
        let bytes = Array(text.utf8)
        let ranges = fragmentRanges(in: bytes, includingEveryUUID: false)
        guard !ranges.isEmpty else { return text }
        var masked: [UInt8] = []
        var position = 0
        for range in ranges {
            masked += bytes[position..<range.lowerBound]
            masked += Array(ellipsis.utf8) + bytes[(range.upperBound - 4)..<range.upperBound]
            position = range.upperBound
        }
        masked += bytes[position...]
        return String(decoding: masked, as: UTF8.self)
    }

    /// Where remembered hidden parts stand in `bytes`: a whole word of letters, digits and
    /// dashes, or a UUID inside one; with `includingEveryUUID`, every UUID as well.
    private static func fragmentRanges(in bytes: [UInt8], includingEveryUUID: Bool) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while start < bytes.count {
            guard isWordByte(bytes[start]) else {
                start += 1
                continue
            }
            var end = start
            while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
            if end - start >= shortestFragment {
                ranges += fragments(in: bytes, word: start..<end, includingEveryUUID: includingEveryUUID)
            }
            start = end
        }
        return ranges
    }

    private static func fragments(in bytes: [UInt8], word: Range<Int>, includingEveryUUID: Bool) -> [Range<Int>] {
        if isRemembered(bytes[word]) { return [word] }
        var found: [Range<Int>] = []
        var start = word.lowerBound
        while start + uuidLength <= word.upperBound {
            let candidate = start..<(start + uuidLength)
            if isUUID(bytes[candidate]), includingEveryUUID || isRemembered(bytes[candidate]) {
                found.append(candidate)
                start = candidate.upperBound
            } else {
                start += 1
            }
        }
        return found
    }

    private static func isRemembered(_ bytes: ArraySlice<UInt8>) -> Bool {
        let fragment = String(decoding: bytes, as: UTF8.self)
        return seenFragments.withLockedValue { $0.contains(fragment) }
    }

    /// Letters, digits, `-` and `_`: what a token's hidden part is made of.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }

    private static let uuidLength = 36

    /// `8-4-4-4-12` hexadecimal digits.
    private static func isUUID(_ bytes: ArraySlice<UInt8>) -> Bool {
        for (offset, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(offset) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard byte.isHexDigit else { return false }
            }
        }
        return true
    }
}

private extension UInt8 {
    var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}
