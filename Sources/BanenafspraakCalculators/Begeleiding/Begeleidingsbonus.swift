import BanenafspraakCore

/// De begeleidingsbonus (Kamerbrief begeleidingsbonus (Kamerstuk 35 644, nr. 8, 2021): technische verkenning, een voorstel).
///
/// - Centrale variant: "Een dergelijke bonus kan alleen forfaitair worden bepaald ... De hoogte daarvan kan in
///   deze variant landelijk uniform worden vastgesteld, bijvoorbeeld als een vast bedrag."
/// - Decentrale variant: "de uitwerking over te laten aan de regionale arbeidsmarktregio's": an amount per region.
/// - Cost estimate (Kamerbrief begeleidingsbonus (Kamerstuk 35 644, nr. 8, 2021), "Financiële gevolgen"): the amount × the size of the groups of Table 1.
/// The letter names no amount, so the amount is an input (a policy option), not a parameter.
public enum Begeleidingsbonus {
    /// Amount × number of persons, exact.
    public static func costEstimate(amount: Cents, persons: Int64) -> Cents { Rounding.times(amount, persons) }

    /// Whether `code` is an arbeidsmarktregio code `AMR01`–`AMR35` (input contract: docs/contracts-internal.md).
    public static func isRegion(_ code: String) -> Bool {
        guard code.count == 5, code.hasPrefix("AMR"), let n = Int(code.dropFirst(3)) else { return false }
        return (1...35).contains(n) && code.dropFirst(3).allSatisfy(\.isNumber)
    }
}

/// The potential target groups of Table 1 of the Kamerbrief begeleidingsbonus (Kamerstuk 35 644, nr. 8, 2021) ("Omvang potentiële doelgroepen ultimo 2019").
public enum BegeleidingsbonusGroup: String, Sendable, CaseIterable {
    case wajongArbeidsvermogen = "wajong_arbeidsvermogen"
    case wgaVolledig = "wga_volledig"
    case wgaGedeeltelijk = "wga_gedeeltelijk"
    case wao
    case pwetDoelgroepregister = "pwet_doelgroepregister"
    case beschut
    case bijstand2Jaar = "bijstand_2jaar"
}
