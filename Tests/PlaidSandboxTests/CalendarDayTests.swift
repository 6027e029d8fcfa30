import Foundation
@testable import PlaidSandbox
import Testing

/// The sandbox's own day arithmetic (dates of generated transactions, dates callers send) agrees
/// with Foundation's Gregorian calendar in UTC, day by day, and refuses what is not a date.
@Suite struct CalendarDayTests {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// Every day from 1899 to 2101: its leap days, century years (1900 and 2100 are not leap years,
    /// 2000 is) and month ends, both ways.
    @Test func everyDayMatchesFoundationsCalendar() {
        let first = TransactionHistory.day(year: 1899, month: 1, day: 1)
        let last = TransactionHistory.day(year: 2101, month: 12, day: 31)
        for day in first...last {
            let date = Date(timeIntervalSince1970: Double(day) * 86_400)
            let expected = Self.calendar.dateComponents([.year, .month, .day], from: date)
            let text = String(format: "%04d-%02d-%02d", expected.year!, expected.month!, expected.day!)
            #expect(TransactionHistory.dateString(day: day) == text)
            #expect(TransactionHistory.day(of: text) == day, "\(text)")
            if TransactionHistory.dateString(day: day) != text { return }
        }
    }

    @Test func theEpochIsDayZero() {
        #expect(TransactionHistory.day(of: "1970-01-01") == 0)
        #expect(TransactionHistory.day(of: "1969-12-31") == -1)
        #expect(TransactionHistory.dateString(day: 0) == "1970-01-01")
    }

    @Test func textsThatAreNotDatesAreRefused() {
        for text in ["2023-02-29", "2100-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00", "2024-1-011", "24-01-2024",
                     "2024/01/01", "+202-01-01", "2024-01-0a", "", "2024-01-01T00:00:00Z", "２０２４-01-01"] {
            #expect(TransactionHistory.day(of: text) == nil, "\(text)")
        }
        #expect(TransactionHistory.day(of: "2024-02-29") != nil)
        #expect(TransactionHistory.day(of: "2000-02-29") != nil)
    }
}
