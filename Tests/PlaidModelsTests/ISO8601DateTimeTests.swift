import Foundation
import PlaidModels
import Testing

/// The one reading of date-times that the sandbox's balance bound and `plaid.parse_time` share.
struct ISO8601DateTimeTests {
    /// 2024-01-31T12:00:00Z.
    private static let noon = 1_706_702_400.0

    /// What Plaid writes, and what Python's `datetime` writes for the same instant with
    /// `isoformat()` (every `timespec`, with and without a zone, other offsets) and `str()`.
    @Test(arguments: [
        ("2024-01-31T12:00:00Z", 0.0),
        ("2024-01-31T12:00:00+00:00", 0),
        ("2024-01-31T12:00:00.123456+00:00", 0.123456),
        ("2024-01-31T12:00:00.123456", 0.123456),
        ("2024-01-31T12:00:00.123+00:00", 0.123),
        ("2024-01-31T12:00+00:00", 0),
        ("2024-01-31T12+00:00", 0),
        ("2024-01-31 12:00:00.123456+00:00", 0.123456),
        ("2024-01-31T07:00:00.123456-05:00", 0.123456),
        ("2024-01-31T17:30:15.123456+05:30:15", 0.123456),
        ("2024-01-31T13:30:00+0130", 0),
        ("2024-01-31T14:00:00+02", 0),
        ("2024-01-31t12:00:00z", 0),
        ("  2024-01-31T12:00:00Z ", 0),
    ])
    func readsWhatPlaidAndPythonWrite(text: String, fraction: Double) throws {
        let date = try #require(ISO8601DateTime.date(from: text))
        #expect(abs(date.timeIntervalSince1970 - (Self.noon + fraction)) < 1e-6, "\(text) read as \(date.timeIntervalSince1970)")
    }

    @Test(arguments: [
        "", "yesterday", "2024-01-31", "2024-01-31T", "2024-1-31T12:00:00Z", "2024-01-31T12:0:00Z",
        "2024-13-01T00:00:00Z", "2024-00-10T00:00:00Z", "2024-01-32T00:00:00Z", "2023-02-29T00:00:00Z", "2100-02-29T00:00:00Z",
        "2024-04-31T00:00:00Z", "2024-01-31T24:00:00Z", "2024-01-31T12:60:00Z", "2024-01-31T12:00:60Z",
        "2024-01-31T12:00:00.Z", "2024-01-31T12:00:00Zjunk", "2024-01-31T12:00:00+24:00", "2024-01-31T12:00:00+01:60",
        "2024-01-31T12:00:00 +00:00", "2024-01-31T12:00:00+1", "2024-01-31X12:00:00Z", "１２３４-01-31T12:00:00Z",
    ])
    func refusesAnythingElse(text: String) {
        #expect(ISO8601DateTime.date(from: text) == nil, "\(text) should not read")
    }

    @Test func leapDaysExistOnlyInLeapYears() throws {
        let leap = try #require(ISO8601DateTime.date(from: "2024-02-29T00:00:00Z"))
        #expect(leap.timeIntervalSince1970 == 1_709_164_800)
        let century = try #require(ISO8601DateTime.date(from: "2000-02-29T00:00:00Z"))
        #expect(century.timeIntervalSince1970 == 951_782_400)
    }

    /// Instants every three days and an hour from 1900 to 2100, before the epoch too, read back
    /// as Foundation's own formatter writes them, so the calendar arithmetic agrees with it.
    @Test func agreesWithFoundationAcrossTwoCenturies() throws {
        let formatter = ISO8601DateFormatter()
        var seconds = -2_208_988_800 + 3_661 // 1900-01-01T01:01:01Z
        while seconds < 4_102_444_800 { // 2100-01-01
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            let text = formatter.string(from: date)
            #expect(ISO8601DateTime.date(from: text) == date, "\(text)")
            #expect(ISO8601DateTime.string(from: date) == text)
            seconds += 3 * 86_400 + 3_607
        }
    }

    @Test func writesWholeSecondsInUTCDroppingTheFraction() {
        #expect(ISO8601DateTime.string(from: Date(timeIntervalSince1970: 86_400.9)) == "1970-01-02T00:00:00Z")
        #expect(ISO8601DateTime.string(from: Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
        #expect(ISO8601DateTime.string(from: Date(timeIntervalSince1970: Self.noon)) == "2024-01-31T12:00:00Z")
    }
}
