import BanenafspraakCore

/// Vergoeding van de interne jobcoach (Kamerbrief begeleidingsbonus (Kamerstuk 35 644, nr. 8, 2021)): "De regeling compenseert de werkgever voor dat deel van
/// de loonkosten waarvoor de werknemer jobcoaching uitvoert. Dit is maximaal 6 procent van de werktijd of
/// het dienstverband van de werknemer die gecoacht wordt."
///
/// `min(coach hours, floor(6% × coached hours, 2 decimals)) × coach hourly wage`, rounded to the cent.
public enum JobcoachCompensation {
    /// `floor(coached hours × percent, 2 decimals)`.
    public static func maximumHours(coachedHours: CentiHours, percent: BasisPoints) -> CentiHours {
        CentiHours(FixedPoint.narrow(FixedPoint.floorDivide(Int128(coachedHours.rawValue) * Int128(percent.rawValue), 10_000)))
    }

    public static func compute(coachHours: CentiHours, coachedHours: CentiHours, hourlyWage: Cents, percent: BasisPoints) -> Cents {
        let hours = min(coachHours, maximumHours(coachedHours: coachedHours, percent: percent))
        return Rounding.hoursTimesRate(hours, hourlyWage)
    }
}
