/// The suggested `--quota-percent` overrides written to `manifest.json` (output contract: docs/contracts-internal.md).
///
/// While generating, every valid in-year payroll line adds its hours to three running totals per employer
/// (`Accumulators`): `hours_total` (all own lines), A (own lines, excluding lent-out lines and non-lent-out `wsw`
/// lines; Wfsv art. 38f-38h) and C (target-group hours under the current regime: own non-lent-out lines that are neither
/// `wsw` nor `beschut`, plus lent-out non-`beschut` lines credited to the hirer; Wfsv art. 38f-38h; reading R10 in docs/readings.md). Injected bad
/// lines and the outside-year lines are not counted, exactly as the validator drops them.
///
/// Per sector the suggestion is the median of C/A, as a percentage floored to 2 decimals, over the employers
/// that are liable by hours (`hours_total ≥ 40,575` and `prior_year_hours ≥ 40,575` where given); `total` is
/// the same over both sectors. Employers with A = 0 rank above everyone (they can have no shortfall). We take
/// the lower median, so about half of the liable employers have C/A below the suggestion and so a positive
/// required − C. This is an approximation of "roughly half have a shortfall": the quotumtekort is floored to
/// 0.1 job, so employers just below the median may still show 0.0. If the median is 0.00 (more than half of the
/// liable employers employ nobody from the target group) the suggestion is 0.01, so that those have a
/// shortfall.
enum QuotaSuggestion {
    /// 40,575 h in centi-hours (Wfsv 34; Besluit Wfsv 2.20–2.21).
    static let threshold = 4_057_500

    struct Result {
        var markt: Int
        var overheid: Int
        var total: Int
        var liableMarkt: Int
        var liableOverheid: Int
    }

    /// Percentages in hundredths of a percent (basis points).
    static func compute(plan: EmployerPlan, acc: Accumulators) -> Result {
        var ratios: [[Int]] = [[], []]
        for e in 0..<plan.count {
            let total = acc.total[e]
            let prior = plan.priorYearHours[e]
            guard total >= threshold, prior < 0 || prior >= threshold else { continue }
            let a = acc.a[e], c = acc.c[e]
            let bp = a > 0 ? Int((Int128(c) * 10_000) / Int128(a)) : Int.max
            ratios[Int(plan.sector[e])].append(bp)
        }
        return Result(
            markt: median(ratios[0]), overheid: median(ratios[1]), total: median(ratios[0] + ratios[1]),
            liableMarkt: ratios[0].count, liableOverheid: ratios[1].count
        )
    }

    static func median(_ values: [Int]) -> Int {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let m = sorted[(sorted.count - 1) / 2]
        if m == Int.max { return 0 }
        return max(m, 1)
    }

    /// `1.93` for 193 basis points.
    static func format(_ bp: Int) -> String {
        let frac = bp % 100
        return "\(bp / 100)." + (frac < 10 ? "0" : "") + "\(frac)"
    }
}
