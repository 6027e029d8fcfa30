/// A small deterministic generator (SplitMix64): the same Item seed always gives the same account
/// ids and numbers. Never used for tokens, which come from ``TokenFactory``.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    /// One independent sequence per `stream`, such as one per account of an Item.
    init(seed: UInt64, stream: UInt64) {
        state = seed ^ (stream &* 0x9E37_79B9_7F4A_7C15)
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    mutating func alphanumeric(count: Int) -> String {
        String((0..<count).map { _ in TokenFactory.alphanumerics.randomElement(using: &self)! })
    }

    mutating func digits(count: Int) -> String {
        String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &self))) })
    }

    mutating func hex(count: Int) -> String {
        String((0..<count).map { _ in Array("0123456789abcdef").randomElement(using: &self)! })
    }
}
