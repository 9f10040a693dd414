import BanenafspraakCore

/// De vrijlating van inkomsten uit arbeid per maand (Pwet art. 31 lid 2 onder n, r, y, z en aa).
///
/// Kamerstukken II 2018/19, 34 352, nr. 163: "een algemene vrijlating van arbeidsinkomsten tot 25 procent, met een
/// maximum van 209 euro per maand voor de duur van maximaal een half jaar. Deze vrijlating geldt niet voor jongeren
/// tot 27 jaar." Pwet art. 31 lid 5 excludes those under 27 from lid 2 onder k, n and r; art. 31a (Tijdelijke wet
/// COVID-19 SZW en JenV, until 1 October 2021) lifted that for n and r. Onder r requires an alleenstaande ouder
/// with a ten laste komend kind under 12.
/// The exempt amount is `min(round(income × percent), monthly cap)` when the person is eligible.
public enum Vrijlating {
    /// Why a person gets no vrijlating.
    public enum Refusal: String, Sendable {
        /// Below the minimum age (n and r: 27, Pwet art. 31 lid 5).
        case age
        /// Onder r: not an alleenstaande ouder.
        case notSingleParent = "not_single_parent"
        /// Onder r: the youngest ten laste komend kind is 12 or older.
        case childTooOld = "child_too_old"
        /// The maximum number of months is used up.
        case monthsUsed = "months_used"
        /// Another vrijlating already applies to this income in this month.
        case nonStacking = "non_stacking"
    }

    /// Non-stacking (decision, the one place for it): the vrijlatingen n, r, y, z and aa are alternatives,
    /// so one month's income gets at most one of them. Seed 002 adds z "aan de reeds bestaande reguliere
    /// tijdelijke vrijlatingen ... en aan de structurele vrijlatingsregeling voor medisch urenbeperkten" as a
    /// separate regime, not a supplement on top of them.
    public static func stacks(_ a: VrijlatingCategory, with b: VrijlatingCategory) -> Bool { false }

    /// Eligibility: age (unless the temporary under-27 exception applies), the single-parent condition of r,
    /// months used and non-stacking, in that order.
    public static func refusal(category: VrijlatingCategory, age: Int64, minimumAge: Int64?, under27Exception: Bool = false,
                               singleParent: Bool? = nil, youngestChildAge: Int64? = nil, maximumChildAge: Int64? = nil,
                               monthsUsed: Int64, maximumMonths: Int64?, otherCategories: [VrijlatingCategory]) -> Refusal? {
        if let minimumAge, age < minimumAge, !under27Exception { return .age }
        if category == .r {
            if singleParent != true { return .notSingleParent }
            if let maximumChildAge, (youngestChildAge ?? maximumChildAge) >= maximumChildAge { return .childTooOld }
        }
        if let maximumMonths, monthsUsed >= maximumMonths { return .monthsUsed }
        if otherCategories.contains(where: { !stacks(category, with: $0) }) { return .nonStacking }
        return nil
    }

    /// `min(round(income × percent), cap)`.
    public static func exemptAmount(income: Cents, percent: BasisPoints, cap: Cents) -> Cents {
        min(Rounding.percent(income, percent), cap)
    }
}
