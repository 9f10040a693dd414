/// Premieloon as the base of the inclusiviteitsopslag (WBA art. 6; Kamerbrief vereenvoudiging banenafspraak (2019)).
///
/// Per own line: `min(wage, floor(maximum premieloon / 12, cents))`. The cap applies per monthly
/// tijdvak (reading R16 in docs/readings.md: 5,969.00 in 2024). Lent-out, `wsw` and `beschut` lines are excluded by the caller.
public enum PremiumBase {
    /// `floor(max premieloon / 12)` to the cent.
    public static func monthlyCap(maximumPremieloon: Cents) -> Cents {
        Cents(FixedPoint.narrow(FixedPoint.floorDivide(Int128(maximumPremieloon.rawValue), 12)))
    }

    /// One line's contribution to the premium base.
    @inlinable
    public static func line(wage: Cents, monthlyCap: Cents) -> Cents { min(wage, monthlyCap) }
}

extension PremiumBase {
    /// The premium base of one worker paid `hourlyWage` for `yearHours` spread evenly over the twelve monthly
    /// tijdvakken of a year: twelve lines of `floor(hourlyWage × yearHours / 12)`, each capped by
    /// ``monthlyCap(maximumPremieloon:)`` as the aggregator caps a payroll line (reading R16).
    /// - Returns: the wage of one month and the year's premium base (twelve capped months).
    public static func evenYear(hourlyWage: Cents, yearHours: CentiHours, maximumPremieloon: Cents) -> (monthlyWage: Cents, base: Cents) {
        // cents × centi-hours / 100 is cents; a twelfth of the year per tijdvak, floored to the cent.
        let month = Cents(FixedPoint.narrow(FixedPoint.floorDivide(Int128(hourlyWage.rawValue) * Int128(yearHours.rawValue), 1_200)))
        let capped = line(wage: month, monthlyCap: monthlyCap(maximumPremieloon: maximumPremieloon))
        return (month, Cents(FixedPoint.narrow(Int128(capped.rawValue) * 12)))
    }
}
