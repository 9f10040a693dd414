import BanenafspraakCore

/// Ziekengeld onder de no-riskpolis per dag (ZW art. 29, 29b en 29e).
///
/// - 70% of the dagloon; in the first 52 weeks 100% at the employer's request, capped at the wage owed.
/// - At most 104 weeks.
/// - With loonkostensubsidie (ZW 29e): the ziekengeld × loonwaarde, with a minimum of 30%, or 50% under
///   forfaitaire loonkostensubsidie; the municipality goes on paying the LKS, UWV nets it.
public enum Ziekengeld {
    /// `round(dagloon × percent)`, and at most `wageOwed` when given.
    public static func daily(dagloon: Cents, percent: BasisPoints, wageOwed: Cents?) -> Cents {
        let amount = Rounding.percent(dagloon, percent)
        return wageOwed.map { min(amount, $0) } ?? amount
    }

    /// The share of the ziekengeld paid when the worker has LKS (ZW 29e): `max(loonwaarde, 30%)`, or 50% forfaitair.
    public static func lksFactor(loonwaarde: BasisPoints?, forfaitair: Bool, minimum: BasisPoints, forfaitairPercent: BasisPoints) -> BasisPoints {
        if forfaitair { return forfaitairPercent }
        return max(loonwaarde ?? .zero, minimum)
    }
}
