import BanenafspraakCore

/// The months of a hire, with the hours and wage of each (reading H1 in docs/readings.md).
///
/// A full calendar month gets its share of 52 weeks: the hours of months 1 to k of a year are
/// `floor(hours per week × 52 × k / 12)`, so each month differs by at most 0.01 hour and the twelve add up to
/// exactly 52 weeks. The start month counts from the start day: its hours × the calendar days employed / the days
/// of the month, rounded down. The wage of a month is `round(hours × hourly wage)`.
public struct HireMonth: Sendable {
    public var month: YearMonth
    /// Whole months since the start month (0 for the start month).
    public var sinceStart: Int
    public var hours: CentiHours
    public var wage: Cents
    /// Calendar days employed in the month, and the days of the month.
    public var daysEmployed: Int
    public var daysInMonth: Int
}

public enum HireSchedule {
    /// The number of calendar years a hire is followed: the start year and the four after it.
    public static let years = 5

    /// The years from the start, at most ``years``, and not past the last year the parameters cover.
    public static func years(start: LocalDate, lastYear: Int) -> ClosedRange<Int> {
        start.year...min(start.year + years - 1, lastYear)
    }

    /// Hours of month `month` (1–12) when employed the whole month.
    public static func fullMonthHours(perWeek: CentiHours, month: Int) -> CentiHours {
        let yearHours = Int128(perWeek.rawValue) * 52
        func upTo(_ k: Int) -> Int128 { FixedPoint.floorDivide(yearHours * Int128(k), 12) }
        return CentiHours(FixedPoint.narrow(upTo(month) - upTo(month - 1)))
    }

    /// The employed months of `year`.
    public static func months(of year: Int, start: LocalDate, perWeek: CentiHours, hourlyWage: Cents) -> [HireMonth] {
        guard year >= start.year else { return [] }
        let first = year == start.year ? start.month : 1
        return (first...12).map { m in
            let ym = YearMonth(year: year, month: m)!
            let days = LocalDate.daysIn(year: year, month: m)
            let employed = ym == start.yearMonth ? days - start.day + 1 : days
            let full = fullMonthHours(perWeek: perWeek, month: m)
            let hours = CentiHours(FixedPoint.narrow(FixedPoint.floorDivide(Int128(full.rawValue) * Int128(employed), Int128(days))))
            return HireMonth(month: ym, sinceStart: ym.index - start.yearMonth.index, hours: hours,
                             wage: Rounding.hoursTimesRate(hours, hourlyWage), daysEmployed: employed, daysInMonth: days)
        }
    }
}
