import BanenafspraakCore

/// Het einde van de registratie na het vervallen van de criteria: de T+2-regel (oud; Besluit SUWI) en de
/// huidige regels na de afschaffing ervan (seed 004: "Zo zal de T+2-regel worden afgeschaft. Hierdoor blijven
/// mensen opgenomen in het doelgroepregister.").
///
/// - Old rule: who no longer meets the criteria in year t stays registered until 31 December of t + 2.
/// - Current rule: no end. Decision: whoever was still registered when the rule was abolished stays; an end
///   date that fell before the abolition stands (the person had already been removed).
public enum RegisterEndDate {
    /// 31 December of `year(criteriaLost) + years`.
    public static func tPlus(_ years: Int64, criteriaLost: LocalDate) -> LocalDate {
        LocalDate(year: criteriaLost.year + Int(years), month: 12, day: 31)!
    }

    /// The end under the rules in force: the old end when it fell before `abolishedOn`, otherwise none.
    public static func current(oldEnd: LocalDate, abolishedOn: LocalDate?) -> LocalDate? {
        guard let abolishedOn else { return oldEnd }
        return oldEnd < abolishedOn ? oldEnd : nil
    }
}
