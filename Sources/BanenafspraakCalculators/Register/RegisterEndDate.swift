import BanenafspraakCore

/// Het einde van de registratie na het vervallen van de criteria onder de T+2-regel (Besluit SUWI): wie in jaar t
/// niet meer aan de criteria voldoet, blijft tot en met 31 december van t + 2 geregistreerd. De regel is opgeschort
/// vanaf 30 december 2017 (parameter `register.t_plus_2_years`), zodat niemand er ooit door uit het register ging;
/// sinds 1 februari 2020 eindigt de registratie op de AOW-leeftijd, bij overlijden of op eigen verzoek.
public enum RegisterEndDate {
    /// 31 December of `year(criteriaLost) + years`.
    public static func tPlus(_ years: Int64, criteriaLost: LocalDate) -> LocalDate {
        LocalDate(year: criteriaLost.year + Int(years), month: 12, day: 31)!
    }

}
