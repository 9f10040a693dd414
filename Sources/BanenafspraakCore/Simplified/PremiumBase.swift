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
