/// Makes tokens and identifiers in Plaid's formats from the system's cryptographically secure
/// generator (`getrandom` on Linux), so no token can be guessed from another.
enum TokenFactory {
    static let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    static func publicToken() -> String { "public-sandbox-" + uuid() }
    static func accessToken() -> String { "access-sandbox-" + uuid() }
    static func processorToken() -> String { "processor-sandbox-" + uuid() }
    /// Stripe's bank account token format: `btok_` and 20 letters or digits.
    static func stripeBankAccountToken() -> String { "btok_" + alphanumeric(count: 20) }
    /// Item ids are 37 letters or digits, like account ids.
    static func itemID() -> String { alphanumeric(count: 37) }
    static func transactionID() -> String { alphanumeric(count: 37) }
    static func requestID() -> String { alphanumeric(count: 15) }
    /// A Plaid-style client id: 24 lowercase hex digits.
    static func clientID() -> String { hex(count: 24) }
    /// A Plaid-style secret: 30 lowercase hex digits.
    static func secret() -> String { hex(count: 30) }
    /// The seed an Item's accounts are derived from.
    static func itemSeed() -> UInt64 {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }

    /// A random (version 4) UUID in lowercase, as Plaid's tokens carry.
    static func uuid() -> String {
        var bytes = randomBytes(count: 16)
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byte in String(byte, radix: 16).leftPadded(to: 2) }.joined()
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }

    static func alphanumeric(count: Int) -> String {
        String(randomCharacters(count: count, from: alphanumerics))
    }

    static func hex(count: Int) -> String {
        String(randomCharacters(count: count, from: Array("0123456789abcdef")))
    }

    /// `count` characters drawn uniformly from `alphabet` (at most 256): random bytes come eight
    /// to a call rather than a call per character, and a byte at or past the largest multiple of
    /// the alphabet's size is skipped, so no character is likelier than another.
    private static func randomCharacters(count: Int, from alphabet: [Character]) -> [Character] {
        let usable = 256 - 256 % alphabet.count
        var characters: [Character] = []
        characters.reserveCapacity(count)
        while characters.count < count {
            for byte in randomBytes(count: count + 8) where Int(byte) < usable && characters.count < count {
                characters.append(alphabet[Int(byte) % alphabet.count])
            }
        }
        return characters
    }

    /// Bytes from the system's secure generator, eight to a call (each call is a system call).
    private static func randomBytes(count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 7)
        while bytes.count < count {
            withUnsafeBytes(of: generator.next()) { bytes += $0 }
        }
        return Array(bytes.prefix(count))
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
