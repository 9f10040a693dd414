/// Sector of an employer (Regeling Wfsv art. 3.27).
public enum Sector: String, Sendable, CaseIterable {
    case markt
    case overheid
}

/// Every parameter the quota run (Wfsv art. 38f-38h; Kamerbrief vereenvoudiging banenafspraak (2019)) uses for year t, resolved once and kept with its source.
public struct QuotaParameters: Sendable {
    public var year: Int
    public var hoursPerJob: ResolvedParameter
    public var hoursPerJobMonth: ResolvedParameter
    public var threshold: ResolvedParameter
    /// E: the average hours of an employee (Regeling Wfsv 3.31); the threshold is 25 × E.
    public var averageEmployeeHours: ResolvedParameter
    public var levyPerJob: ResolvedParameter
    public var baselineHours: [Sector: ResolvedParameter]
    public var baselineJobs: [Sector: ResolvedParameter]
    public var growthPath: [Sector: ResolvedParameter]
    public var growthPathTotal: ResolvedParameter
    /// B for year t; absent in 2015–2016 (reading R13 in docs/readings.md: then the percentage must be overridden).
    public var jobsDue: [Sector: ResolvedParameter]
    public var publishedPercent: [Sector: ResolvedParameter]
    public var maximumPremieloon: ResolvedParameter
    public var lkvHourly: ResolvedParameter
    public var lkvAnnualMaximum: ResolvedParameter
    public var bonusHourly: ResolvedParameter
    public var bonusAnnualMaximum: ResolvedParameter
    public var surchargeYieldPerJob: ResolvedParameter
    /// `quota.combined_quotum`: 1 makes every employer's quotum the combined percentage (one quotum for markt and
    /// overheid, Kamerstukken II 2022/23, 34 352, nr. 281); 0 or absent keeps one per sector (Wfsv art. 38f lid 1).
    public var combinedQuotum: ResolvedParameter?
    /// `register.wet_banenafspraak` on 1 January of the year: 1 from 2026, when the doelgroep follows Wet banenafspraak
    /// art. 2 (Kamerstuk 36 449) instead of Wfsv art. 38b; `nil` when a parameter file does not have it.
    public var wetBanenafspraak: ResolvedParameter?
    /// `quota.activation_regulation` on 1 January of the year (from 2026): the calendar year in which, by ministerial
    /// regulation, activation of the quotumregeling was decided (Wet banenafspraak art. 5 lid 1), or 0 when no such
    /// regulation was found; `nil` for years before 2026 (then the law of 2015 applies, Wet banenafspraak art. 12).
    public var activationRegulation: ResolvedParameter?

    /// Resolves the parameters for `year`, on 1 January of that year (all quota values are yearly).
    /// A missing parameter, or one without a value in that year, is an error that names it.
    public init(year: Int, from set: ParameterSet) throws(ParameterError) {
        guard let date = LocalDate(year: year, month: 1, day: 1) else {
            throw ParameterError(parameter: "year", reason: .invalid("\(year) is not a year"))
        }
        self.year = year
        hoursPerJob = try set.resolve("quota.hours_per_job", on: date)
        hoursPerJobMonth = try set.resolve("measurement.hours_per_job_month", on: date)
        threshold = try set.resolve("quota.small_employer_threshold", on: date)
        averageEmployeeHours = try set.resolve("quota.average_employee_hours", on: date)
        levyPerJob = try set.resolve("quota.levy_per_job", on: date)
        var bh: [Sector: ResolvedParameter] = [:], bj: [Sector: ResolvedParameter] = [:]
        var gp: [Sector: ResolvedParameter] = [:], jd: [Sector: ResolvedParameter] = [:], pp: [Sector: ResolvedParameter] = [:]
        for s in Sector.allCases {
            bh[s] = try set.resolve("measurement.baseline_hours.\(s.rawValue)", on: date)
            bj[s] = try set.resolve("quota.baseline_jobs.\(s.rawValue)", on: date)
            gp[s] = try set.resolve("measurement.growth_path.\(s.rawValue)", on: date)
            if set.has("quota.jobs_due.\(s.rawValue)", on: date) { jd[s] = try set.resolve("quota.jobs_due.\(s.rawValue)", on: date) }
            if set.has("quota.published_percent.\(s.rawValue)", on: date) {
                pp[s] = try set.resolve("quota.published_percent.\(s.rawValue)", on: date)
            }
        }
        baselineHours = bh
        baselineJobs = bj
        growthPath = gp
        jobsDue = jd
        publishedPercent = pp
        growthPathTotal = try set.resolve("measurement.growth_path.total", on: date)
        maximumPremieloon = try set.resolve("premium.max_premieloon", on: date)
        lkvHourly = try set.resolve("simplified.lkv_hourly", on: date)
        lkvAnnualMaximum = try set.resolve("simplified.lkv_annual_max", on: date)
        bonusHourly = try set.resolve("simplified.bonus_hourly", on: date)
        bonusAnnualMaximum = try set.resolve("simplified.bonus_annual_max", on: date)
        surchargeYieldPerJob = try set.resolve("simplified.surcharge_yield_per_job", on: date)
        combinedQuotum = set.has("quota.combined_quotum", on: date) ? try set.resolve("quota.combined_quotum", on: date) : nil
        wetBanenafspraak = set.has("register.wet_banenafspraak", on: date) ? try set.resolve("register.wet_banenafspraak", on: date) : nil
        activationRegulation = set.has("quota.activation_regulation", on: date) ? try set.resolve("quota.activation_regulation", on: date) : nil
        try checkValues()
    }

    /// A parameter file (`--params`, a reform) may hold any number: refuse, naming the parameter, the values the
    /// rules cannot work with, rather than dividing by zero or reading "no limit" as a number.
    private func checkValues() throws(ParameterError) {
        // Divisors of the quota rules (Wfsv art. 38f-38h) and of the simplified scheme's surcharge.
        for p in [hoursPerJob, hoursPerJobMonth, surchargeYieldPerJob] where (p.limit ?? 0) <= 0 {
            throw ParameterError(parameter: p.id, reason: .invalid("must be a number above 0 (it divides), not \(p.limit == nil ? "no limit" : "0 or less")"))
        }
        var counts = [threshold, averageEmployeeHours, levyPerJob, growthPathTotal, maximumPremieloon, lkvHourly, bonusHourly]
        counts += Sector.allCases.flatMap { [baselineHours[$0]!, baselineJobs[$0]!, growthPath[$0]!] }
        counts += jobsDue.values.sorted { $0.id < $1.id } + publishedPercent.values.sorted { $0.id < $1.id }
        for p in counts where (p.limit ?? -1) < 0 {
            throw ParameterError(parameter: p.id, reason: .invalid("must be a number of 0 or more, not \(p.limit == nil ? "no limit" : "a negative one")"))
        }
        var all = [hoursPerJob, hoursPerJobMonth, threshold, averageEmployeeHours, levyPerJob, growthPathTotal, maximumPremieloon,
                   lkvHourly, lkvAnnualMaximum, bonusHourly, bonusAnnualMaximum, surchargeYieldPerJob]
        all += Sector.allCases.flatMap { [baselineHours[$0]!, baselineJobs[$0]!, growthPath[$0]!] }
        all += jobsDue.values.sorted { $0.id < $1.id } + publishedPercent.values.sorted { $0.id < $1.id }
        if let combinedQuotum { all.append(combinedQuotum) }
        for p in all {
            if let v = p.limit, !p.unit.isWithinBound(v) {
                throw ParameterError(parameter: p.id, reason: .invalid("\(p.formatted) is beyond the bound of unit \(p.unit.rawValue) (at most \(p.unit.maximumText))"))
            }
        }
        for p in [lkvAnnualMaximum, bonusAnnualMaximum] where (p.limit ?? 0) < 0 {
            throw ParameterError(parameter: p.id, reason: .invalid("must be 0 or more, or no limit"))
        }
    }

    /// Whether the Wet banenafspraak is in force in the year (`register.wet_banenafspraak` = 1): then the Wajong
    /// without arbeidsvermogen counts on `regular` lines under the current regime too (Wet banenafspraak art. 2 lid 1 onder c).
    public var wetBanenafspraakInForce: Bool { (wetBanenafspraak?.limit ?? 0) == 1 }

    /// The combined A0 (markt + overheid; 47,593 with the tabled values).
    public var combinedBaselineJobs: Int64 { Sector.allCases.reduce(0) { $0 + baselineJobs[$1]!.count } }
    /// The combined baseline hours (7,969,965.00 with the tabled values; reading R12 in docs/readings.md).
    public var combinedBaselineHours: CentiHours { Sector.allCases.reduce(.zero) { $0 + baselineHours[$1]!.hours } }
    /// The combined B, or `nil` when a sector has none in this year.
    public var combinedJobsDue: Int64? {
        guard let m = jobsDue[.markt], let o = jobsDue[.overheid] else { return nil }
        return m.count + o.count
    }
    /// Whether every employer's quotum is the combined percentage rather than its sector's.
    public var usesCombinedQuotum: Bool { (combinedQuotum?.limit ?? 0) != 0 }
    /// The quotum an employer of `sector` is held to: its sector's, or the combined one under `quota.combined_quotum`.
    public func quotum(for sector: Sector) -> Quotum { usesCombinedQuotum ? .combined : Quotum(sector) }
    /// The bonus cap, `nil` for none.
    public var bonusCap: Cents? { bonusAnnualMaximum.limit.map { Cents($0) } }
    /// The LKV cap, `nil` for none.
    public var lkvCap: Cents? { lkvAnnualMaximum.limit.map { Cents($0) } }
    /// The per-line premium-base cap of reading R16 in docs/readings.md.
    public var premiumBaseMonthlyCap: Cents { PremiumBase.monthlyCap(maximumPremieloon: maximumPremieloon.money) }
}
