/// The values of `--timeout` and `--memory-limit`, read alike by scripts and `plaidlua batch`
/// so both commands take the same spellings and reject the same ones.
enum LimitOptions {
    /// What `--timeout` takes, for usage errors.
    static let secondsExpected = "a number of seconds above 0"
    /// What `--memory-limit` takes, for usage errors.
    static let sizeExpected = "a size such as 64M, 512K or 2G"

    static func seconds(_ text: String) -> Double? {
        guard let seconds = Double(text), seconds > 0, seconds.isFinite else { return nil }
        return seconds
    }

    /// `64M`, `512K`, `2G` or a plain number of bytes, at least 1 MiB (Lua needs some to start).
    static func byteCount(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = text.uppercased()
        var unit = 1
        if let last = digits.last, let scale = units[last] {
            unit = scale
            digits.removeLast()
        }
        guard let count = Int(digits), count > 0, count <= Int.max / unit, count * unit >= 1 << 20 else { return nil }
        return count * unit
    }
}
