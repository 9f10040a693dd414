/// An amount per verloond uur of a target-group worker, per (employer, person) for the year.
///
/// - LKV banenafspraak (Wtl art. 2.13; Kamerbrief vereenvoudiging banenafspraak (2019)): `min(round(hours × €1.01), €2,000)`.
/// - Bonus (Kamerbrief vereenvoudiging banenafspraak (2019), simplified scheme): `round(hours × €3.77)`, no cap unless the parameter sets one.
/// Rounding and the cap apply per (employer, person) pair (reading R17 in docs/readings.md).
/// A worker with 1326.00 h gets an LKV of 1339.26 and a bonus of 4999.02.
public enum HourlyAmount {
    public static func compute(hours: CentiHours, perHour: Cents, annualMaximum: Cents?) -> Cents {
        // cents = centi-hours × cents-per-hour / 100
        let amount = Cents(FixedPoint.narrow(FixedPoint.roundDivide(Int128(hours.rawValue) * Int128(perHour.rawValue), 100)))
        guard let cap = annualMaximum else { return amount }
        return min(amount, cap)
    }
}
