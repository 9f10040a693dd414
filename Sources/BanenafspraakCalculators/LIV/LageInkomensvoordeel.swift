import BanenafspraakCore

/// Het lage-inkomensvoordeel (Wtl hoofdstuk 3, 2017 tot en met 2024; vervallen per 2025, Kamerstuk 36 458).
///
/// Wtl art. 3.1 lid 1: a worker with at least 1.248 verloonde uren whose average hourly wage (including
/// vakantiebijslag) lies between two euro amounts written in the article for that year. Wtl art. 3.2: an amount
/// per verloond uur up to a yearly maximum. In 2017–2019 there were two tiers: the high tier up to a middle
/// bound (€ 1,01 per uur, at most € 2.000) and the low tier above it (€ 0,51, at most € 1.000); from 2020 one tier.
/// Bounds are inclusive: "gelijk is aan of meer bedraagt dan ... maar niet meer dan ...".
public enum LageInkomensvoordeel {
    /// Which tier a wage falls in, or `nil` when it lies outside the bounds.
    public enum Tier: String, Sendable { case high, low }

    public static func tier(averageHourlyWage w: Cents, lower: Cents, highUpper: Cents?, upper: Cents) -> Tier? {
        guard w >= lower && w <= upper else { return nil }
        if let highUpper, w <= highUpper { return .high }
        return .low
    }

    /// `min(round(hours × amount per hour), annual maximum)`.
    public static func amount(hours: CentiHours, hourly: Cents, annualMaximum: Cents) -> Cents {
        min(Rounding.hoursTimesRate(hours, hourly), annualMaximum)
    }
}
