import BanenafspraakCore

/// Loonkostensubsidie per maand (Pwet art. 10d; Kamerstukken II 2018/19, 34 352, nr. 163).
///
/// - Loonwaarde-based (Pwet 10d lid 4): "het verschil tussen het wettelijk minimumloon en de loonwaarde,
///   tot ten hoogste 70% van het wettelijk minimumloon", with the vakantiebijslag:
///   `min((WML+VB) × (1 − loonwaarde%), 70% × (WML+VB))`.
/// - Forfaitair (Pwet 10d lid 5): `50% × (WML+VB)`, for at most 6 months from the start.
/// - Until 2023 on the monthly minimum wage, pro rata `contract hours / full-time hours` (at most 1); from 2024
///   on the minimum hourly wage times the contract hours (`× 52 / 12` weeks per month, docs/readings.md).
/// - Plus 23% for the werkgeverslasten (this project's choice, docs/readings.md).
/// Each step is rounded half away from zero to the cent, in the order shown in the explanation.
public enum Loonkostensubsidie {
    /// `round(WML × (100% + vakantiebijslag%))`.
    public static func wmlPlusVakantiebijslag(wml: Cents, vakantiebijslag: BasisPoints) -> Cents {
        Rounding.percent(wml, BasisPoints(10_000 + vakantiebijslag.rawValue))
    }

    /// From 2024: `round(WML per hour × (100% + vakantiebijslag%) × hours per week × 52 / 12)`, in one rounding.
    public static func hourlyWmlPlusVakantiebijslagPerMonth(hourly: Cents, vakantiebijslag: BasisPoints, hoursPerWeek: CentiHours) -> Cents {
        let numerator = Int128(hourly.rawValue) * Int128(10_000 + vakantiebijslag.rawValue) * Int128(hoursPerWeek.rawValue) * 52
        return Cents(FixedPoint.narrow(FixedPoint.roundDivide(numerator, 10_000 * 100 * 12)))
    }

    /// `round((WML+VB) × (100% − loonwaarde%))`: the part of the wage the worker does not earn.
    public static func wageGap(wmlPlusVB: Cents, loonwaarde: BasisPoints) -> Cents {
        Rounding.percent(wmlPlusVB, BasisPoints(10_000 - min(loonwaarde.rawValue, 10_000)))
    }

    /// `round(amount × contract / full-time)`, with the factor at most 1 (decision: the monthly WML is
    /// the full-time wage, so the subsidy never exceeds the full-time amount).
    public static func proRata(_ amount: Cents, contract: CentiHours, fullTime: CentiHours) -> Cents {
        let c = min(contract.rawValue, fullTime.rawValue)
        return Rounding.ratio(amount, c, fullTime.rawValue)
    }
}
