import BanenafspraakCore

/// Loonkostensubsidie per maand (Pwet art. 10d; Kamerstukken II 2018/19, 34 352, nr. 163).
///
/// - Loonwaarde-based (Pwet 10d lid 4): "het verschil tussen het wettelijk minimumloon en de loonwaarde,
///   tot ten hoogste 70% van het wettelijk minimumloon", with the vakantiebijslag:
///   `min((WML+VB) × (1 − loonwaarde%), 70% × (WML+VB))`.
/// - Forfaitair (Pwet 10d lid 5): `50% × (WML+VB)`, for at most 6 months from the start.
/// - Always on the minimum wage per month (Pwet art. 2: "het minimumloon per maand", also after the minimum
///   hourly wage of 2024). Until 2023 reduced pro rata when the agreed hours are below the normale arbeidsduur
///   (WML art. 12); from 2024 reduced or increased against 36 hours a week, the agreed hours at most the usual
///   full-time hours (Pwet art. 10d lid 4 and 5).
/// - Plus the vergoeding voor werkgeverslasten of the ministeriële regeling: 23% to 2017, 23,5% from 2018
///   (Regeling loonkostensubsidie Participatiewet art. 1; Stcrt. 2017, 68248).
/// Each step is rounded half away from zero to the cent, in the order shown in the explanation.
public enum Loonkostensubsidie {
    /// `round(WML × (100% + vakantiebijslag%))`.
    public static func wmlPlusVakantiebijslag(wml: Cents, vakantiebijslag: BasisPoints) -> Cents {
        Rounding.percent(wml, BasisPoints(10_000 + vakantiebijslag.rawValue))
    }

    /// `round((WML+VB) × (100% − loonwaarde%))`: the part of the wage the worker does not earn.
    public static func wageGap(wmlPlusVB: Cents, loonwaarde: BasisPoints) -> Cents {
        Rounding.percent(wmlPlusVB, BasisPoints(10_000 - min(loonwaarde.rawValue, 10_000)))
    }

    /// `round(amount × agreed / reference)`. Until 2023 the factor is at most 1 (only "verminderd"); from 2024
    /// (`mayIncrease`) it may exceed 1 ("verminderd of vermeerderd", Pwet art. 10d lid 4).
    public static func proRata(_ amount: Cents, agreed: CentiHours, reference: CentiHours, mayIncrease: Bool) -> Cents {
        let c = mayIncrease ? agreed.rawValue : min(agreed.rawValue, reference.rawValue)
        return Rounding.ratio(amount, c, reference.rawValue)
    }
}
