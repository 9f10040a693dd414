/// A calendar date without time zone, parsed by hand from `YYYY-MM-DD` (no `DateFormatter`).
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date; `nil` when the day does not exist (e.g. 2023-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= LocalDate.daysIn(year: year, month: month) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(_ text: some StringProtocol) {
        self.init(bytes: Array(text.utf8))
    }

    /// Parses exactly `YYYY-MM-DD` from bytes.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 10 else { return nil }
        let b = Array(bytes)
        guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = LocalDate.digits(b[0..<4]), let m = LocalDate.digits(b[5..<7]), let d = LocalDate.digits(b[8..<10])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    @usableFromInline
    static func digits(_ s: ArraySlice<UInt8>) -> Int? {
        var v = 0
        for c in s {
            guard c >= 48 && c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for differences and comparisons.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `days` days later (or earlier, when negative).
    /// The date `days` days later; saturates at ``LocalDate/earliest`` and ``LocalDate/latest`` instead of
    /// leaving the years 1–9999, so date arithmetic on any input never traps.
    public func adding(days: Int) -> LocalDate {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        if overflow { return days < 0 ? .earliest : .latest }
        if sum < LocalDate.earliest.dayNumber { return .earliest }
        if sum > LocalDate.latest.dayNumber { return .latest }
        return LocalDate(dayNumber: sum)
    }

    /// 0001-01-01, the first date a `LocalDate` holds.
    public static let earliest = LocalDate(year: 1, month: 1, day: 1)!
    /// 9999-12-31, the last date a `LocalDate` holds.
    public static let latest = LocalDate(year: 9999, month: 12, day: 31)!

    /// The date from a day number since 1970-01-01.
    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// The same day `months` months later, clamped to the month's last day; saturates at
    /// ``LocalDate/earliest`` and ``LocalDate/latest``, so a date near the end of the calendar never traps.
    public func adding(months: Int) -> LocalDate {
        let (index, overflow) = (year * 12 + (month - 1)).addingReportingOverflow(months)
        if overflow { return months < 0 ? .earliest : .latest }
        if index < 12 { return .earliest }                // before 0001-01
        if index >= 10_000 * 12 { return .latest }        // after 9999-12
        let y = index / 12, m = index % 12 + 1
        return LocalDate(year: y, month: m, day: min(day, LocalDate.daysIn(year: y, month: m)))!
    }

    public var yearMonth: YearMonth { YearMonth(year: year, month: month)! }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public var description: String {
        func pad(_ v: Int, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// A calendar month, the aangiftetijdvak of the loonaangifte: `YYYY-MM`.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// `year * 12 + (month - 1)`: consecutive months have consecutive indexes.
    public let index: Int

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        index = year * 12 + month - 1
    }

    public init(index: Int) { self.index = index }

    /// Parses exactly `YYYY-MM`.
    public init?(_ text: some StringProtocol) { self.init(bytes: Array(text.utf8)) }

    /// Parses exactly `YYYY-MM` from bytes.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 7 else { return nil }
        let b = Array(bytes)
        guard b[4] == UInt8(ascii: "-"), let y = LocalDate.digits(b[0..<4]), let m = LocalDate.digits(b[5..<7]) else { return nil }
        self.init(year: y, month: m)
    }

    public var year: Int { index / 12 }
    public var month: Int { index % 12 + 1 }
    public var firstDay: LocalDate { LocalDate(year: year, month: month, day: 1)! }
    public var lastDay: LocalDate { LocalDate(year: year, month: month, day: LocalDate.daysIn(year: year, month: month))! }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { a.index < b.index }

    public var description: String {
        let m = month
        return "\(year)-\(m < 10 ? "0" : "")\(m)"
    }
}
