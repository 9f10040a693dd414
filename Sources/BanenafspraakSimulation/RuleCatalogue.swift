import BanenafspraakCore

/// Which rule reads which parameter, and which employer figures it moves: for the warnings ("no rule reads
/// this parameter that year") and for `explain --reform` ("which rule used it").
public enum RuleCatalogue {
    public struct Reader: Sendable, Equatable {
        /// The rule, in Dutch.
        public var rule: String
        /// Its legal source.
        public var source: String
        /// The `employers.csv` figures it can move.
        public var figures: [String]
    }

    static let quotum = Reader(rule: "Quotumpercentage", source: "Wfsv art. 38f lid 1",
                               figures: ["required_hours", "shortfall_jobs", "levy", "surcharge", "net"])

    /// The readers of each parameter the quota rules use (Wfsv art. 38f-38h; Kamerbrief vereenvoudiging banenafspraak (2019)).
    public static func readers(of id: String) -> [Reader] {
        switch id {
        case "quota.hours_per_job":
            return [quotum,
                    Reader(rule: "Quotumtekort", source: "Besluit Wfsv art. 2.23 lid 3", figures: ["shortfall_jobs", "levy"]),
                    Reader(rule: "Opslagpercentage", source: "Kamerbrief vereenvoudiging banenafspraak en quotumregeling (2019)", figures: ["surcharge", "net"])]
        case "quota.small_employer_threshold":
            return [Reader(rule: Liability.rule.label, source: Liability.rule.source,
                           figures: ["liable", "levy", "surcharge", "net"]), quotum]
        case "quota.levy_per_job":
            return [Reader(rule: "Quotumheffing", source: "Wfsv art. 38h lid 4", figures: ["levy"])]
        case "quota.baseline_jobs.markt", "quota.baseline_jobs.overheid", "quota.jobs_due.markt", "quota.jobs_due.overheid",
             "quota.published_percent.markt", "quota.published_percent.overheid", "quota.combined_quotum":
            return [quotum]
        case "premium.max_premieloon":
            return [Reader(rule: "Premiegrondslag (maximumpremieloon per maand)", source: "WBA art. 6; Wfsv art. 17",
                           figures: ["surcharge", "net"])]
        case "simplified.lkv_hourly", "simplified.lkv_annual_max":
            return [Reader(rule: "LKV banenafspraak", source: "Wtl art. 2.13", figures: ["lkv", "net"])]
        case "simplified.bonus_hourly", "simplified.bonus_annual_max":
            return [Reader(rule: "Bonus", source: "Kamerbrief vereenvoudiging banenafspraak en quotumregeling (2019)",
                           figures: ["bonus", "transfers_out", "transfers_in", "net"])]
        case "simplified.surcharge_yield_per_job":
            return [Reader(rule: "Opslagpercentage", source: "Kamerbrief vereenvoudiging banenafspraak en quotumregeling (2019)", figures: ["surcharge", "net"])]
        case "measurement.hours_per_job_month", "measurement.baseline_hours.markt", "measurement.baseline_hours.overheid",
             "measurement.growth_path.markt", "measurement.growth_path.overheid", "measurement.growth_path.total":
            return [Reader(rule: "Meting extra banen", source: "Regeling Wfsv art. 3.29", figures: [])]
        default:
            return []
        }
    }

    /// Why no rule reads `id` in `year` with these flags, or `nil` when one does.
    public static func notReadReason(id: String, reform: Reform, year: Int, quotaPercentOverrides: [Quotum: BasisPoints],
                                     surchargeOverride: MilliPercent?, baseParameters: ParameterSet) -> String? {
        if readers(of: id).isEmpty {
            return "no rule of the quota run reads \(id) (it serves the person-level calculators or nothing)"
        }
        let january = LocalDate(year: year, month: 1, day: 1)!
        if let p = reform.parameters.parameters[id], !p.values.contains(where: { $0.isValid(on: january) }) {
            return "the reform's values for \(id) do not cover \(year) (the rules read the value on 1 January \(year))"
        }
        let set = baseParameters.overriding(with: reform.parameters)
        for sector in Sector.allCases {
            let s = sector.rawValue
            if id == "quota.published_percent.\(s)" && quotaPercentOverrides[Quotum(sector)] != nil {
                return "--quota-percent \(s) overrides \(id)"
            }
            if id == "quota.jobs_due.\(s)" || id == "quota.baseline_jobs.\(s)" {
                let sectorUsesIt = quotaPercentOverrides[Quotum(sector)] == nil && !set.has("quota.published_percent.\(s)", on: january)
                if !sectorUsesIt && quotaPercentOverrides[.combined] != nil {
                    return "the quotum percentages that would use \(id) are given with --quota-percent or published"
                }
            }
        }
        if id == "simplified.surcharge_yield_per_job" && surchargeOverride != nil {
            return "--surcharge-percent overrides the surcharge rate that \(id) feeds"
        }
        return nil
    }
}
