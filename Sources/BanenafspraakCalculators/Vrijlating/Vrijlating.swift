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
        /// Another vrijlating that the onderdeel itself excludes applies in this month (``excludedBy(_:on:)``).
        case nonStacking = "non_stacking"
    }

    /// The vrijlatingen whose application excludes `category` on `date`, as the onderdelen of Pwet art. 31 lid 2
    /// say it (not a choice of this project):
    /// - n: none;
    /// - r: only after the six months of n (r onder 2°), and from 2023 "onderdeel y, z of aa niet van toepassing";
    /// - y (medisch urenbeperkt; onder z in 2015): "tenzij onderdeel n of r", from 2023 "tenzij onderdeel n";
    /// - z: after the six months of n, "tenzij onderdeel y";
    /// - aa: after the twelve months of z.
    public static func excludedBy(_ category: VrijlatingCategory, on date: LocalDate) -> Set<VrijlatingCategory> {
        let from2023 = date >= LocalDate(year: 2023, month: 1, day: 1)!
        switch category {
        case .n: return []
        case .r: return from2023 ? [.n, .y, .z, .aa] : [.n]
        case .y: return from2023 ? [.n] : [.n, .r]
        case .z: return [.n, .y]
        case .aa: return [.n, .z]
        }
    }

    /// Eligibility: age (unless the temporary under-27 exception applies), the single-parent condition of r,
    /// months used and the exclusions of ``excludedBy(_:on:)``, in that order.
    public static func refusal(category: VrijlatingCategory, on date: LocalDate, age: Int64, minimumAge: Int64?, under27Exception: Bool = false,
                               singleParent: Bool? = nil, youngestChildAge: Int64? = nil, maximumChildAge: Int64? = nil,
                               monthsUsed: Int64, maximumMonths: Int64?, otherCategories: [VrijlatingCategory]) -> Refusal? {
        if let minimumAge, age < minimumAge, !under27Exception { return .age }
        if category == .r {
            if singleParent != true { return .notSingleParent }
            if let maximumChildAge, (youngestChildAge ?? maximumChildAge) >= maximumChildAge { return .childTooOld }
        }
        if let maximumMonths, monthsUsed >= maximumMonths { return .monthsUsed }
        let excluded = excludedBy(category, on: date)
        if otherCategories.contains(where: excluded.contains) { return .nonStacking }
        return nil
    }

    /// `min(round(income × percent), cap)`.
    public static func exemptAmount(income: Cents, percent: BasisPoints, cap: Cents) -> Cents {
        min(Rounding.percent(income, percent), cap)
    }
}
