import BanenafspraakCore
import BanenafspraakIngest

/// Keeps the arithmetic of an assessment exact: before a rule multiplies, the largest total it can reach is
/// computed in `Int128`, and a total beyond ``limit`` is an error that names the parameter (or flag) to lower,
/// never a trap. Every parameter value is already bounded by its unit (``ParameterUnit/maximum``); these checks
/// catch what bounded values can still do on extreme data (an hourly amount of €1,000,000,000.00 times the hours
/// of a whole country).
enum AssessmentBounds {
    /// The largest total of one figure over all employers: `Int64.max / 16`, so that nets (five figures),
    /// totals and the differences between a baseline and a reform all stay within `Int64`.
    static let limit = Int128(Int64.max / 16)

    /// `a × b × …` in `Int128`, or `nil` when even that overflows.
    static func product(_ factors: Int128...) -> Int128? {
        var p: Int128 = 1
        for f in factors {
            let (r, overflow) = p.multipliedReportingOverflow(by: f)
            if overflow { return nil }
            p = r
        }
        return p
    }

    /// Fails, naming `culprits`, when `value` is `nil` (an overflow) or beyond ``limit``.
    static func check(_ value: Int128?, _ figure: String, culprits: [String]) throws {
        if let v = value, v.magnitude <= limit.magnitude { return }
        throw QuotaRunError("arithmetic overflow: \(figure) would exceed what the rules compute exactly (\(FixedPoint.format(Int64(limit), scale: 2)) in total); lower \(culprits.joined(separator: " or "))")
    }

    /// How a parameter is named in an error: `id = value`.
    static func named(_ p: ResolvedParameter) -> String { "\(p.id) = \(p.formatted)" }

    /// The quotum percentage of Wfsv art. 38f lid 1, checked before ``QuotumPercentage/compute(baselineJobs:jobsDue:hoursPerJob:sumA:)``.
    static func quotumPercentage(key: Quotum, baselineJobs: Int64, jobsDue: Int64, culprits: [String],
                                 hoursPerJob: ResolvedParameter, sumA: CentiHours) throws -> BasisPoints {
        if sumA.rawValue > 0 {
            let bp = product(10_000, Int128(baselineJobs) + Int128(jobsDue), Int128(hoursPerJob.hours.rawValue)).map { $0 / Int128(sumA.rawValue) }
            try check(bp, "the quotum percentage (\(key))", culprits: culprits + [named(hoursPerJob)])
        }
        return QuotumPercentage.compute(baselineJobs: baselineJobs, jobsDue: jobsDue, hoursPerJob: hoursPerJob.hours, sumA: sumA)
    }

    /// The surcharge rate (Kamerbrief vereenvoudiging banenafspraak (2019)), checked before ``SurchargeRate/compute(combinedPercent:sumA:sumPremiumBase:yieldPerJob:hoursPerJob:)``.
    static func surchargeRate(combinedPercent q: BasisPoints, percentSource: String, sumA: CentiHours, sumPremiumBase: Cents,
                              yieldPerJob: ResolvedParameter, hoursPerJob: ResolvedParameter) throws -> MilliPercent {
        if sumPremiumBase.rawValue > 0 {
            let numerator = product(10, Int128(q.rawValue), Int128(sumA.rawValue), Int128(yieldPerJob.money.rawValue))
            let denominator = Int128(hoursPerJob.hours.rawValue) * Int128(sumPremiumBase.rawValue)
            try check(numerator.map { $0 / denominator }, "the surcharge rate",
                      culprits: [named(yieldPerJob), percentSource, named(hoursPerJob)])
        }
        return SurchargeRate.compute(combinedPercent: q, sumA: sumA, sumPremiumBase: sumPremiumBase,
                                     yieldPerJob: yieldPerJob.money, hoursPerJob: hoursPerJob.hours)
    }

    /// The per-employer figures: required hours, shortfall, levy, surcharge, LKV, bonus and transfers, each as
    /// its largest possible total over all employers.
    static func checkFigures(_ aggregates: QuotaAggregates, parameters params: QuotaParameters, employers: EmployerRegistry,
                             percent: [Quotum: BasisPoints], percentSource: [Quotum: String], rate: MilliPercent, rateSource: String,
                             sumPremiumBase: Cents) throws {
        var sumA: [Sector: Int128] = [:]
        for sector in Sector.allCases {
            var a: Int128 = 0
            for e in 0..<employers.count where employers.sector[e] == sector { a += Int128(aggregates.hoursA[e].rawValue) }
            sumA[sector] = a
        }
        let shares = aggregates.collaborations.reduce(Int128(0)) { $0 + ($1.year == aggregates.year ? Int128($1.percent.rawValue) : 0) }
        try checkTotals(sumA: sumA, sumPremiumBase: sumPremiumBase, employers: employers.count,
                        targetGroupHours: aggregates.targetGroupHours.reduce(Int128(0)) { $0 + Int128($1.hours.rawValue) },
                        pairs: Int128(aggregates.targetGroupHours.count), shares: shares, parameters: params,
                        percent: percent, percentSource: percentSource, rate: rate, rateSource: rateSource)
    }

    /// The figures of one employer assessed from its own totals with a percentage and rate given (an estimate), as
    /// ``checkFigures(_:parameters:employers:percent:percentSource:rate:rateSource:sumPremiumBase:)`` checks a run
    /// in which it is the only employer.
    static func checkEmployer(_ totals: QuotaAssessment.EmployerTotals, liable: Bool, parameters params: QuotaParameters,
                              quotaPercent: BasisPoints, surchargeRate rate: MilliPercent) throws {
        var sumA: [Sector: Int128] = [:]
        for sector in Sector.allCases { sumA[sector] = sector == totals.sector ? Int128(totals.hoursA.rawValue) : 0 }
        var percent: [Quotum: BasisPoints] = [:], percentSource: [Quotum: String] = [:]
        for key in Quotum.allCases {
            percent[key] = quotaPercent
            percentSource[key] = "--quota-percent \(key)=\(quotaPercent)"
        }
        try checkTotals(sumA: sumA, sumPremiumBase: liable ? totals.premiumBase : .zero, employers: 1,
                        targetGroupHours: totals.targetGroupHours.reduce(Int128(0)) { $0 + Int128($1.rawValue) },
                        pairs: Int128(totals.targetGroupHours.count), shares: 0, parameters: params,
                        percent: percent, percentSource: percentSource, rate: rate, rateSource: "--surcharge-percent \(rate)")
    }

    /// The checks on the totals: `sumA` is Σ A per sector over all employers, `targetGroupHours` Σ over the
    /// (employer, person) pairs, `shares` Σ of the year's transfer percentages.
    static func checkTotals(sumA: [Sector: Int128], sumPremiumBase: Cents, employers: Int, targetGroupHours hours: Int128,
                            pairs: Int128, shares: Int128, parameters params: QuotaParameters, percent: [Quotum: BasisPoints],
                            percentSource: [Quotum: String], rate: MilliPercent, rateSource: String) throws {
        // Required hours: Σ A × the largest percentage any employer is held to (Wfsv art. 38g).
        var required: Int128 = 0
        for sector in Sector.allCases {
            let key = params.quotum(for: sector)
            let r = product(sumA[sector]!, Int128(percent[key]!.rawValue)).map { $0 / 10_000 }
            try check(r, "the required hours (\(key))", culprits: [percentSource[key]!])
            required += r!
        }
        try check(required, "the required hours", culprits: Sector.allCases.map { percentSource[params.quotum(for: $0)]! })
        // Shortfall in tenths of a job (Besluit Wfsv art. 2.23 lid 3) and the levy (Wfsv art. 38h lid 4).
        let tenths = required * 10 / Int128(params.hoursPerJob.hours.rawValue)
        try check(tenths, "the shortfall in jobs", culprits: [named(params.hoursPerJob)])
        try check(product(tenths, Int128(params.levyPerJob.money.rawValue)).map { $0 / 10 }, "the levy", culprits: [named(params.levyPerJob)])
        // Surcharge: Σ premium base × rate, plus a cent of rounding per employer.
        try check(product(Int128(sumPremiumBase.rawValue), Int128(rate.rawValue)).map { $0 / 100_000 + Int128(employers) },
                  "the surcharge", culprits: [rateSource])
        // LKV and bonus: Σ target-group hours × the hourly amount, plus a cent of rounding per pair (Wtl art. 2.13).
        try check(product(hours, Int128(params.lkvHourly.money.rawValue)).map { $0 / 100 + pairs }, "the LKV", culprits: [named(params.lkvHourly)])
        let bonus = product(hours, Int128(params.bonusHourly.money.rawValue)).map { $0 / 100 + pairs }
        try check(bonus, "the bonus", culprits: [named(params.bonusHourly)])
        // Transfers: at most the whole bonus times the shares given (reading R18 in docs/readings.md).
        try check(product(bonus!, shares).map { $0 / 10_000 }, "the bonus transfers", culprits: [named(params.bonusHourly)])
    }
}
