import BanenafspraakCore

/// The rules for one employer, given the year's rates: the same code serves every employer of a run
/// (``QuotaAssessment``) and an estimate from one employer's own totals.
public enum EmployerAssessment {
    /// Liability (Wfsv art. 38g lid 1; Kamerbrief vereenvoudiging banenafspraak (2019)): at least the threshold of
    /// hours this year, and last year when given.
    public static func liable(hoursTotal: CentiHours, priorYearHours: CentiHours?, parameters: QuotaParameters) -> Bool {
        Liability.isLiable(hoursTotal: hoursTotal, priorYearHours: priorYearHours, threshold: parameters.threshold.hours)
    }

    /// The LKV (Wtl art. 2.13) and the bonus (Kamerbrief vereenvoudiging banenafspraak (2019)) of one person's
    /// target-group hours at one employer, each capped at its annual maximum.
    public static func lkvAndBonus(hours: CentiHours, parameters p: QuotaParameters) -> (lkv: Cents, bonus: Cents) {
        (HourlyAmount.compute(hours: hours, perHour: p.lkvHourly.money, annualMaximum: p.lkvCap),
         HourlyAmount.compute(hours: hours, perHour: p.bonusHourly.money, annualMaximum: p.bonusCap))
    }

    /// The law of 2015 (required hours, shortfall and levy: Wfsv art. 38g–38h) and the simplified scheme (surcharge
    /// and net) on figures whose hours, premium base, liability, LKV, bonus and transfers are set. `quotaPercent` is
    /// the percentage the employer is held to.
    public static func settle(_ f: inout EmployerFigures, quotaPercent q: BasisPoints, surchargeRate rate: MilliPercent,
                              parameters params: QuotaParameters) {
        f.requiredHours = RequiredHours.compute(hoursA: f.hoursA, percent: q)
        f.shortfallTenths = Quotumtekort.compute(requiredHours: f.requiredHours, hoursC: f.hoursC, hoursPerJob: params.hoursPerJob.hours)
        f.levy = Levy.compute(shortfallTenths: f.shortfallTenths, levyPerJob: params.levyPerJob.money, liable: f.liable)
        f.surcharge = Surcharge.compute(premiumBase: f.premiumBase, rate: rate, liable: f.liable)
        f.net = NetResult.compute(lkv: f.lkv, bonus: f.bonus, transfersOut: f.transfersOut, transfersIn: f.transfersIn, surcharge: f.surcharge)
    }

    /// One employer's figures from its own totals, without collaborations, held to `quotaPercent` at `surchargeRate`.
    /// Fails, naming the value to lower, when a figure would leave exact arithmetic (as a run does).
    public static func assess(_ totals: QuotaAssessment.EmployerTotals, quotaPercent: BasisPoints, surchargeRate: MilliPercent,
                              parameters: QuotaParameters) throws -> EmployerFigures {
        var f = EmployerFigures()
        f.hoursTotal = totals.hoursTotal
        f.hoursA = totals.hoursA
        f.hoursC = totals.hoursC
        f.premiumBase = totals.premiumBase
        f.liable = liable(hoursTotal: totals.hoursTotal, priorYearHours: totals.priorYearHours, parameters: parameters)
        try AssessmentBounds.checkEmployer(totals, liable: f.liable, parameters: parameters, quotaPercent: quotaPercent, surchargeRate: surchargeRate)
        for hours in totals.targetGroupHours {
            let (lkv, bonus) = lkvAndBonus(hours: hours, parameters: parameters)
            f.lkv += lkv
            f.bonus += bonus
        }
        settle(&f, quotaPercent: quotaPercent, surchargeRate: surchargeRate, parameters: parameters)
        return f
    }

    /// An estimate (`POST /api/v1/estimate`, the rekentool, a decision's levy): one employer's figures from its own
    /// totals with the percentage and rate given, ready to explain. Both are overrides; the national sums the
    /// explanation shows are the employer's own, as the only employer assessed.
    public static func estimate(_ totals: QuotaAssessment.EmployerTotals, year: Int, parameters: QuotaParameters,
                                quotaPercent: BasisPoints, surchargePercent: MilliPercent,
                                employerId: String = "werkgever") throws -> AssessedEmployer {
        let f = try assess(totals, quotaPercent: quotaPercent, surchargeRate: surchargePercent, parameters: parameters)
        var sumA: [Quotum: CentiHours] = [.markt: .zero, .overheid: .zero, .combined: .zero]
        if f.liable {
            sumA[Quotum(totals.sector)]! += f.hoursA
            sumA[.combined]! += f.hoursA
        }
        var percent: [Quotum: BasisPoints] = [:], provenance: [Quotum: PercentProvenance] = [:]
        for key in Quotum.allCases {
            percent[key] = quotaPercent
            provenance[key] = .override
        }
        let rates = NationalRates(percentages: QuotaPercentages(percent: percent, provenance: provenance, sumA: sumA),
                                  surchargeRate: surchargePercent, surchargeProvenance: .override,
                                  sumPremiumBase: f.liable ? f.premiumBase : .zero)
        return AssessedEmployer(year: year, parameters: parameters, rates: rates, id: employerId, sector: totals.sector,
                                priorYearHours: totals.priorYearHours, figures: f)
    }
}
