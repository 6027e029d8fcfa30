public import Foundation

/// ISO 8601 date-times as Plaid writes them (`2024-01-31T12:00:00Z`) and as Python's
/// `datetime.isoformat()` does (an offset or none, microseconds or none): the one reading that
/// the sandbox's balance bound and `plaid.parse_time` share, so both accept the same text.
public enum ISO8601DateTime {
    /// Reads `YYYY-MM-DD`, then `T` (or a space, as `str(datetime)` writes), `HH`, `HH:MM` or
    /// `HH:MM:SS` with a fraction of any length, then `Z`, an offset (`±HH:MM`, `±HHMM`, `±HH`,
    /// `±HH:MM:SS`) or nothing, which is read as UTC. Spaces around the text are ignored.
    ///
    /// - Returns: `nil` for any other text and for dates or times that do not exist.
    public static func date(from text: String) -> Date? {
        var reader = Reader(text.trimmingCharacters(in: .whitespaces))
        guard let year = reader.number(digits: 4), reader.skip("-"), let month = reader.number(digits: 2), reader.skip("-"),
              let day = reader.number(digits: 2), reader.skip("T") || reader.skip("t") || reader.skip(" "),
              let hour = reader.number(digits: 2)
        else { return nil }
        var minute = 0, second = 0, fraction = 0.0
        if reader.skip(":") {
            guard let minutes = reader.number(digits: 2) else { return nil }
            minute = minutes
            if reader.skip(":") {
                guard let seconds = reader.number(digits: 2) else { return nil }
                second = seconds
                if reader.skip(".") {
                    guard let digits = reader.digits(), let value = Double("0." + digits) else { return nil }
                    fraction = value
                }
            }
        }
        guard let offset = reader.offset(), reader.isAtEnd,
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        let seconds = daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` in UTC, the form Plaid's own date-times take; a fraction of a
    /// second is dropped, not rounded.
    public static func string(from date: Date) -> String {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)).formatted(.iso8601)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar, counted in 400-year
    /// eras of 146,097 days from a year that starts in March, so February's length comes last.
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Reads the text byte by byte, from the front.
    private struct Reader {
        private let bytes: [UInt8]
        private var index = 0

        init(_ text: String) { bytes = Array(text.utf8) }

        var isAtEnd: Bool { index == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        /// Exactly `digits` decimal digits as a number.
        mutating func number(digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + digits] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += digits
            return value
        }

        /// One or more decimal digits, as text.
        mutating func digits() -> String? {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
        }

        /// The zone's offset east of UTC in seconds: 0 for `Z` or no zone, `nil` when malformed.
        mutating func offset() -> Int? {
            if isAtEnd || skip("Z") || skip("z") { return 0 }
            let sign: Int
            if skip("+") { sign = 1 } else if skip("-") { sign = -1 } else { return nil }
            guard let hours = number(digits: 2), hours <= 23 else { return nil }
            var minutes = 0, seconds = 0
            if skip(":") {
                guard let value = number(digits: 2) else { return nil }
                minutes = value
                if skip(":") {
                    guard let value = number(digits: 2) else { return nil }
                    seconds = value
                }
            } else if !isAtEnd {
                guard let value = number(digits: 2) else { return nil }
                minutes = value
            }
            guard minutes <= 59, seconds <= 59 else { return nil }
            return sign * (hours * 3600 + minutes * 60 + seconds)
        }
    }
}
