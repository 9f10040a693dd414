import BanenafspraakCore

/// Het lage-inkomensvoordeel (Wtl hoofdstuk 3, 2017 t/m 2024; seed 003): a yearly amount per verloond
/// uur for a worker whose average hourly wage lies between 100% and 125% of the minimum hourly wage and
/// who has at least 1248 verloonde uren in the year.
///
/// Decision (one place): the wage bounds are `round(WML per hour on 1 January × percent)`, fixed for the
/// whole calendar year, and inclusive on both sides.
public enum LageInkomensvoordeel {
    public static func bound(wmlHourly: Cents, percent: BasisPoints) -> Cents { Rounding.percent(wmlHourly, percent) }

    public static func isEligible(averageHourlyWage: Cents, hours: CentiHours, minimumHours: CentiHours, lower: Cents, upper: Cents) -> Bool {
        hours >= minimumHours && averageHourlyWage >= lower && averageHourlyWage <= upper
    }

    /// `min(round(hours × amount per hour), annual maximum)`.
    public static func amount(hours: CentiHours, hourly: Cents, annualMaximum: Cents) -> Cents {
        min(Rounding.hoursTimesRate(hours, hourly), annualMaximum)
    }
}
