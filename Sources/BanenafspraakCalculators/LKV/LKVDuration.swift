import BanenafspraakCore

/// De looptijd van het LKV: "ten hoogste drie jaar" vanaf de aanvang van de dienstbetrekking (Wtl art. 2.4, 2.8
/// en 2.12), één jaar vanaf de werkhervatting bij herplaatsen (art. 2.16 lid 1; the caller passes that date as
/// `employmentStart`); voor de doelgroep banenafspraak vanaf 2026 zonder einde
/// (Wet banenafspraak, Kamerstuk 36 449: structureel LKV). The duration in force on the case date applies, so a
/// dienstbetrekking that began in 2022 still counts in 2026.
///
/// A month (aangiftetijdvak) counts when it overlaps the period from `employmentStart` up to the day
/// before the same date `years` later: a tijdvak in which the period starts or ends counts in full
/// (decision, as the register does under Wfsv 38g lid 8).
public enum LKVDuration {
    /// The last day of the LKV period, or `nil` when there is no time limit.
    public static func lastDay(employmentStart: LocalDate, years: Int64?) -> LocalDate? {
        guard let years else { return nil }
        return employmentStart.adding(months: Int(years) * 12).adding(days: -1)
    }

    /// Whether hours of `month` count.
    public static func counts(_ month: YearMonth, employmentStart: LocalDate, lastDay: LocalDate?) -> Bool {
        guard month.lastDay >= employmentStart else { return false }
        if let lastDay { return month.firstDay <= lastDay }
        return true
    }
}
