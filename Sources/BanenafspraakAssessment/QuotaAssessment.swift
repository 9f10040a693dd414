import BanenafspraakCore
import BanenafspraakIngest

/// The rules of Wfsv art. 38f–38h and of the Kamerbrief vereenvoudiging banenafspraak (2019), applied to ``QuotaAggregates``: quotum percentages, surcharge rate, and every employer's
/// figures under the law of 2015 and the simplified scheme. No file is read; the same code serves `quota`,
/// a stored run, a simulation and a single employer's estimate.
public enum QuotaAssessment {
    /// Fails when a quotum percentage can be neither taken nor computed (reading R13 in docs/readings.md: in 2015–2016 B is not
    /// tabled and the percentage must be overridden).
    public static func checkPercentagesAvailable(year: Int, parameters params: QuotaParameters,
                                                 quotaPercentOverrides: [Quotum: BasisPoints]) throws {
        for sector in Sector.allCases where quotaPercentOverrides[Quotum(sector)] == nil
            && params.publishedPercent[sector] == nil && params.jobsDue[sector] == nil {
            throw QuotaRunError("no quotum percentage for \(sector.rawValue) in \(year): B (quota.jobs_due.\(sector.rawValue)) is not tabled for that year; pass --quota-percent \(sector.rawValue)=VALUE")
        }
        if quotaPercentOverrides[.combined] == nil && params.combinedJobsDue == nil {
            throw QuotaRunError("no combined quotum percentage in \(year): B is not tabled for that year; pass --quota-percent total=VALUE")
        }
    }

    /// Applies Wfsv art. 38f–38h and the Kamerbrief vereenvoudiging banenafspraak (2019) to the aggregates. `quotaPercentOverrides` is `--quota-percent`; `surchargeOverride` is `--surcharge-percent`. The result's ``QuotaResult/aggregates``
    /// is `aggregates`; it has no trace and no retention figures (those need the payroll lines).
    public static func assess(_ aggregates: QuotaAggregates, parameters: QuotaParameters,
                              quotaPercentOverrides: [Quotum: BasisPoints] = [:],
                              surchargeOverride: MilliPercent? = nil) throws -> QuotaResult {
        try aggregates.validate()
        let employers = aggregates.employerRegistry()
        guard employers.count == aggregates.employerCount else {
            throw QuotaRunError("aggregates: employer ids are not unique (\(employers.count) distinct of \(aggregates.employerCount))")
        }
        return try assess(aggregates, parameters: parameters, quotaPercentOverrides: quotaPercentOverrides,
                          surchargeOverride: surchargeOverride, employers: employers)
    }

    /// One employer's own totals, for an estimate without a run (`POST /api/v1/estimate`, server: docs/contracts-internal.md;
    /// ``EmployerAssessment/estimate(_:year:parameters:quotaPercent:surchargePercent:employerId:)``).
    public struct EmployerTotals: Sendable, Equatable {
        public var sector: Sector
        public var hoursTotal: CentiHours
        public var priorYearHours: CentiHours?
        public var hoursA: CentiHours
        public var hoursC: CentiHours
        public var premiumBase: Cents
        /// The target-group hours of each worker at this employer (the LKV and bonus base).
        public var targetGroupHours: [CentiHours]
        public init(sector: Sector, hoursTotal: CentiHours, priorYearHours: CentiHours? = nil, hoursA: CentiHours,
                    hoursC: CentiHours, premiumBase: Cents, targetGroupHours: [CentiHours] = []) {
            self.sector = sector
            self.hoursTotal = hoursTotal
            self.priorYearHours = priorYearHours
            self.hoursA = hoursA
            self.hoursC = hoursC
            self.premiumBase = premiumBase
            self.targetGroupHours = targetGroupHours
        }
    }

    /// Applies Wfsv art. 38f–38h and the Kamerbrief vereenvoudiging banenafspraak (2019) to the aggregated totals; `employers` is the registry the aggregates were indexed by.
    package static func assess(_ aggregates: QuotaAggregates, parameters params: QuotaParameters,
                       quotaPercentOverrides: [Quotum: BasisPoints], surchargeOverride: MilliPercent?,
                       employers: EmployerRegistry) throws -> QuotaResult {
        try checkPercentagesAvailable(year: aggregates.year, parameters: params, quotaPercentOverrides: quotaPercentOverrides)
        let n = employers.count
        var figures = [EmployerFigures](repeating: EmployerFigures(), count: n)
        var sumA: [Quotum: CentiHours] = [.markt: .zero, .overheid: .zero, .combined: .zero]
        var sumBase = Cents.zero
        for e in 0..<n {
            var f = EmployerFigures()
            f.hoursTotal = aggregates.hoursTotal[e]
            f.hoursA = aggregates.hoursA[e]
            f.hoursC = aggregates.hoursC[e]
            f.premiumBase = aggregates.premiumBase[e]
            f.liable = EmployerAssessment.liable(hoursTotal: f.hoursTotal, priorYearHours: employers.priorYearHours[e], parameters: params)
            if f.liable {
                sumA[Quotum(employers.sector[e])]! += f.hoursA
                sumA[.combined]! += f.hoursA
                sumBase += f.premiumBase
            }
            figures[e] = f
        }

        let (rates, percentSource, rateSource) = try NationalAssessment.rates(
            year: aggregates.year, sumA: sumA, sumPremiumBase: sumBase, parameters: params,
            quotaPercentOverrides: quotaPercentOverrides, surchargeOverride: surchargeOverride)
        let percent = rates.percentages.percent, rate = rates.surchargeRate
        try AssessmentBounds.checkFigures(aggregates, parameters: params, employers: employers, percent: percent,
                                          percentSource: percentSource, rate: rate, rateSource: rateSource, sumPremiumBase: sumBase)

        // LKV and bonus per (employer, person) pair (Wtl 2.13; Kamerbrief vereenvoudiging banenafspraak (2019); reading R17 in docs/readings.md).
        for pair in aggregates.targetGroupHours {
            let e = Int(pair.employer)
            let (lkv, bonus) = EmployerAssessment.lkvAndBonus(hours: pair.hours, parameters: params)
            figures[e].lkv += lkv
            figures[e].bonus += bonus
        }
        // Transfers between collaborating employers (Kamerbrief vereenvoudiging banenafspraak (2019); reading R18 in docs/readings.md), from the giver's own bonus.
        for c in aggregates.collaborations where c.year == aggregates.year {
            let amount = BonusTransfer.compute(bonus: figures[Int(c.from)].bonus, percent: c.percent)
            figures[Int(c.from)].transfersOut += amount
            figures[Int(c.to)].transfersIn += amount
        }
        // Per employer: the law of 2015 and the simplified scheme.
        for e in 0..<n {
            EmployerAssessment.settle(&figures[e], quotaPercent: percent[params.quotum(for: employers.sector[e])]!,
                                      surchargeRate: rate, parameters: params)
        }

        // Measurement (readings Regeling Wfsv art. 3.29-3.30, R12 in docs/readings.md).
        var measurement: [Quotum: SectorMeasurement] = [:]
        let perJob = params.hoursPerJobMonth.hours
        for sector in Sector.allCases {
            let hours = aggregates.hoursDecember[sector]!
            let baseline = params.baselineHours[sector]!.hours
            let extra = ExtraJobs.compute(hoursDecember: hours, baselineHours: baseline, hoursPerJobMonth: perJob)
            let target = params.growthPath[sector]!.count
            measurement[Quotum(sector)] = SectorMeasurement(hoursDecember: hours, baselineHours: baseline, extraJobsHundredths: extra,
                                                             target: target, activationIndicated: ExtraJobs.activationIndicated(realisedHundredths: extra, target: target))
        }
        let combinedHours = aggregates.hoursDecember[.markt]! + aggregates.hoursDecember[.overheid]!
        let combinedExtra = ExtraJobs.compute(hoursDecember: combinedHours, baselineHours: params.combinedBaselineHours, hoursPerJobMonth: perJob)
        let totalTarget = params.growthPathTotal.count
        measurement[.combined] = SectorMeasurement(hoursDecember: combinedHours, baselineHours: params.combinedBaselineHours,
                                                 extraJobsHundredths: combinedExtra, target: totalTarget,
                                                 activationIndicated: ExtraJobs.activationIndicated(realisedHundredths: combinedExtra, target: totalTarget))

        var result = QuotaResult(
            year: aggregates.year, regime: aggregates.regime, parameters: params, employers: employers, figures: figures,
            percentages: rates.percentages, surchargeRate: rate, surchargeProvenance: rates.surchargeProvenance,
            sumPremiumBase: sumBase, measurement: measurement,
            counts: aggregates.counts, rejectionsByCode: aggregates.rejectionsByCode, rejectionSample: aggregates.rejectionSample,
            collaborations: aggregates.collaborations, trace: nil)
        result.aggregates = aggregates
        return result
    }
}
