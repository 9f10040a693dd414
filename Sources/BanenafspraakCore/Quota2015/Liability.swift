/// Quotumplicht: the small-employer exemption.
///
/// Wfsv art. 34 with Besluit Wfsv art. 2.20–2.21 (Kamerbrief vereenvoudiging banenafspraak (2019), noot 6): an employer is quota-liable when it
/// had at least 25 × 1623 = 40,575 verloonde uren in year t, and in year t−1 where that figure is given
/// (reading R9 in docs/readings.md: with `prior_year_hours` blank only the year-t test applies).
public enum Liability {
    public static let rule = RuleInfo(label: "Vrijstelling kleine werkgever", source: "Wfsv art. 34; Besluit Wfsv art. 2.20-2.21")

    public static func isLiable(hoursTotal: CentiHours, priorYearHours: CentiHours?, threshold: CentiHours) -> Bool {
        hoursTotal >= threshold && (priorYearHours.map { $0 >= threshold } ?? true)
    }
}
