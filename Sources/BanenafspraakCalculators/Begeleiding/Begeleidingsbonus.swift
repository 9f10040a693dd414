import BanenafspraakCore

/// De begeleidingsbonus (seed 000, Kamerstuk 35 644: technische verkenning, een voorstel).
///
/// - Centrale variant: "Een dergelijke bonus kan alleen forfaitair worden bepaald ... De hoogte daarvan kan in
///   deze variant landelijk uniform worden vastgesteld, bijvoorbeeld als een vast bedrag."
/// - Decentrale variant: "de uitwerking over te laten aan de regionale arbeidsmarktregio's": an amount per region.
/// - Cost estimate (seed 000, "Financiële gevolgen"): the amount × the size of the groups of Table 1.
/// The seed names no amount, so the amount is an input (a policy option), not a parameter.
public enum Begeleidingsbonus {
    /// Amount × number of persons, exact.
    public static func costEstimate(amount: Cents, persons: Int64) -> Cents { Rounding.times(amount, persons) }

    /// Whether `code` is an arbeidsmarktregio code `AMR01`–`AMR35` (spec section 4).
    public static func isRegion(_ code: String) -> Bool {
        guard code.count == 5, code.hasPrefix("AMR"), let n = Int(code.dropFirst(3)) else { return false }
        return (1...35).contains(n) && code.dropFirst(3).allSatisfy(\.isNumber)
    }
}

/// The potential target groups of seed 000 Table 1 ("Omvang potentiële doelgroepen ultimo 2019").
public enum BegeleidingsbonusGroup: String, Sendable, CaseIterable {
    case wajongArbeidsvermogen = "wajong_arbeidsvermogen"
    case wgaVolledig = "wga_volledig"
    case wgaGedeeltelijk = "wga_gedeeltelijk"
    case wao
    case pwetDoelgroepregister = "pwet_doelgroepregister"
    case beschut
    case bijstand2Jaar = "bijstand_2jaar"
}
