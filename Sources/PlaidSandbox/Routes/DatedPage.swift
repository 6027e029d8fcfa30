/// The dates and page a `…/transactions/get` asks for, checked as Plaid checks them: real
/// `YYYY-MM-DD` dates in order, 1 to 500 per page (100 by default), an offset of 0 or more.
struct DatedPage {
    let start: Int
    let end: Int
    let count: Int
    let offset: Int

    init(startDate: String, endDate: String, count: Int?, offset: Int?) throws {
        guard let start = TransactionHistory.day(of: startDate) else {
            throw SandboxError.invalidField("start_date must be a date such as 2024-01-31, not \"\(startDate)\"")
        }
        guard let end = TransactionHistory.day(of: endDate) else {
            throw SandboxError.invalidField("end_date must be a date such as 2024-01-31, not \"\(endDate)\"")
        }
        guard start <= end else { throw SandboxError.invalidField("start_date \(startDate) is after end_date \(endDate)") }
        let count = count ?? 100
        guard (1...500).contains(count) else { throw SandboxError.invalidField("options.count must be from 1 to 500, not \(count)") }
        let offset = offset ?? 0
        guard offset >= 0 else { throw SandboxError.invalidField("options.offset must be 0 or more, not \(offset)") }
        (self.start, self.end, self.count, self.offset) = (start, end, count, offset)
    }

    /// Whether a `YYYY-MM-DD` falls between the dates.
    func contains(_ date: String) -> Bool {
        TransactionHistory.day(of: date).map { (start...end).contains($0) } ?? false
    }

    /// The page of `items`.
    func page<Item>(_ items: [Item]) -> [Item] {
        Array(items.dropFirst(offset).prefix(count))
    }
}
