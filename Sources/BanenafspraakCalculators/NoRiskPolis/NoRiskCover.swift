import BanenafspraakCore

/// Dekking van de no-riskpolis (ZW art. 29b en 29d): the worker falls ill within the term counted from the
/// start of the employment; the term is 5 years or as long as the employment lasts (ZW art. 29b en 29d).
///
/// Decision: cover is tested on the first day of illness ("ziek wordt binnen vijf jaar na aanvang").
public enum NoRiskCover {
    /// The last day of cover, or `nil` for no time limit.
    public static func lastDay(employmentStart: LocalDate, years: Int64?) -> LocalDate? {
        years.map { employmentStart.adding(months: Int($0) * 12).adding(days: -1) }
    }

    public static func isCovered(firstSickDay: LocalDate, employmentStart: LocalDate, lastDay: LocalDate?) -> Bool {
        firstSickDay >= employmentStart && (lastDay.map { firstSickDay <= $0 } ?? true)
    }
}
