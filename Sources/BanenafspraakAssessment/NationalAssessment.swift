import BanenafspraakCore

/// The rates of one year that every employer is assessed against.
public enum NationalAssessment {
    /// The quotum percentages (Wfsv art. 38f lid 1; reading R13 in docs/readings.md: overridden, else published, else
    /// computed from ΣA) and the surcharge rate (Kamerbrief vereenvoudiging banenafspraak (2019); reading R15 in
    /// docs/readings.md: overridden, else computed from ΣA and Σ premium base). `sumA` and `sumPremiumBase` are over
    /// the liable employers. The sources name, per quotum and for the rate, the flag or parameter an overflow error
    /// tells the user to lower.
    public static func rates(year: Int, sumA: [Quotum: CentiHours], sumPremiumBase sumBase: Cents, parameters params: QuotaParameters,
                             quotaPercentOverrides: [Quotum: BasisPoints], surchargeOverride: MilliPercent?) throws
        -> (rates: NationalRates, percentSource: [Quotum: String], rateSource: String) {
        try QuotaAssessment.checkPercentagesAvailable(year: year, parameters: params, quotaPercentOverrides: quotaPercentOverrides)
        // Quotum percentages (Wfsv art. 38f lid 1; reading R13 in docs/readings.md): override > published > computed.
        var percent: [Quotum: BasisPoints] = [:]
        var provenance: [Quotum: PercentProvenance] = [:]
        var percentSource: [Quotum: String] = [:]
        for sector in Sector.allCases {
            let key = Quotum(sector)
            if let o = quotaPercentOverrides[key] {
                percent[key] = o; provenance[key] = .override
                percentSource[key] = "--quota-percent \(key)=\(o)"
            } else if let published = params.publishedPercent[sector] {
                percent[key] = published.percent; provenance[key] = .published(published)
                percentSource[key] = AssessmentBounds.named(published)
            } else if let b = params.jobsDue[sector] {
                let culprits = [AssessmentBounds.named(params.baselineJobs[sector]!), AssessmentBounds.named(b)]
                percent[key] = try AssessmentBounds.quotumPercentage(key: key, baselineJobs: params.baselineJobs[sector]!.count, jobsDue: b.count,
                                                                     culprits: culprits, hoursPerJob: params.hoursPerJob, sumA: sumA[key]!)
                provenance[key] = .computed
                percentSource[key] = (culprits + [AssessmentBounds.named(params.hoursPerJob)]).joined(separator: " or ")
            } else {
                preconditionFailure("checked by checkPercentagesAvailable")
            }
        }
        if let o = quotaPercentOverrides[.combined] {
            percent[.combined] = o; provenance[.combined] = .override
            percentSource[.combined] = "--quota-percent total=\(o)"
        } else if let b = params.combinedJobsDue {
            let culprits = Sector.allCases.flatMap { [AssessmentBounds.named(params.baselineJobs[$0]!), AssessmentBounds.named(params.jobsDue[$0]!)] }
            percent[.combined] = try AssessmentBounds.quotumPercentage(key: .combined, baselineJobs: params.combinedBaselineJobs, jobsDue: b,
                                                                       culprits: culprits, hoursPerJob: params.hoursPerJob, sumA: sumA[.combined]!)
            provenance[.combined] = .computed
            percentSource[.combined] = (culprits + [AssessmentBounds.named(params.hoursPerJob)]).joined(separator: " or ")
        } else {
            preconditionFailure("checked by checkPercentagesAvailable")
        }

        // Surcharge rate (Kamerbrief vereenvoudiging banenafspraak (2019); reading R15 in docs/readings.md).
        let rate: MilliPercent
        let rateProvenance: PercentProvenance
        let rateSource: String
        if let o = surchargeOverride {
            rate = o; rateProvenance = .override
            rateSource = "--surcharge-percent \(o)"
        } else {
            rate = try AssessmentBounds.surchargeRate(combinedPercent: percent[.combined]!, percentSource: percentSource[.combined]!,
                                                      sumA: sumA[.combined]!, sumPremiumBase: sumBase,
                                                      yieldPerJob: params.surchargeYieldPerJob, hoursPerJob: params.hoursPerJob)
            rateProvenance = .computed
            rateSource = AssessmentBounds.named(params.surchargeYieldPerJob)
        }
        let rates = NationalRates(percentages: QuotaPercentages(percent: percent, provenance: provenance, sumA: sumA),
                                  surchargeRate: rate, surchargeProvenance: rateProvenance, sumPremiumBase: sumBase)
        return (rates, percentSource, rateSource)
    }
}
