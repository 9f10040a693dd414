import BanenafspraakCore
import BanenafspraakParameters
import Testing

@Suite("Quota under the law of 2015 (spec 5.3)")
struct QuotaRuleTests {
    let hoursPerJob = CentiHours(hours: 1331)

    @Test("Worked example: A = 1,331,000.00 h at 2.76 % requires 36,735.60 h")
    func requiredHours() {
        #expect(RequiredHours.compute(hoursA: CentiHours(hours: 1_331_000), percent: BasisPoints(276)) == CentiHours(3_673_560))
    }

    @Test("Worked example: C = 13,300.00 h gives a tekort of 17.6 jobs and a levy of 88,000.00")
    func tekortAndLevy() {
        let tenths = Quotumtekort.compute(requiredHours: CentiHours(3_673_560), hoursC: CentiHours(hours: 13_300), hoursPerJob: hoursPerJob)
        #expect(tenths == 176)
        #expect(Quotumtekort.format(tenths) == "17.6")
        #expect(Levy.compute(shortfallTenths: tenths, levyPerJob: Cents(euros: 5000), liable: true) == Cents(euros: 88_000))
        #expect(Levy.compute(shortfallTenths: tenths, levyPerJob: Cents(euros: 5000), liable: false) == .zero)
    }

    @Test("Required hours are floored to the centi-hour")
    func requiredFloors() {
        // 100.01 h × 2.76 % = 2.760276 h → 2.76
        #expect(RequiredHours.compute(hoursA: CentiHours(10_001), percent: BasisPoints(276)) == CentiHours(276))
    }

    @Test("A surplus of target-group hours gives no negative tekort (Besluit Wfsv 2.23 lid 3)")
    func noNegativeTekort() {
        #expect(Quotumtekort.compute(requiredHours: CentiHours(100_000), hoursC: CentiHours(200_000), hoursPerJob: hoursPerJob) == 0)
        // Just under one tenth: floor.
        #expect(Quotumtekort.compute(requiredHours: CentiHours(13_309), hoursC: .zero, hoursPerJob: hoursPerJob) == 0)
        #expect(Quotumtekort.compute(requiredHours: CentiHours(13_310), hoursC: .zero, hoursPerJob: hoursPerJob) == 1)
    }

    @Test("Worked example: 40,574.99 h is not liable, 40,575.00 h is")
    func liability() {
        let threshold = CentiHours(hours: 40_575)
        #expect(!Liability.isLiable(hoursTotal: CentiHours(4_057_499), priorYearHours: nil, threshold: threshold))
        #expect(Liability.isLiable(hoursTotal: CentiHours(4_057_500), priorYearHours: nil, threshold: threshold))
        #expect(!Liability.isLiable(hoursTotal: CentiHours(9_000_000), priorYearHours: CentiHours(4_057_499), threshold: threshold))
        #expect(Liability.isLiable(hoursTotal: CentiHours(4_057_500), priorYearHours: CentiHours(4_057_500), threshold: threshold))
    }

    @Test("Quotum percentage: floor(100 × (A0+B) × 1331 / ΣA, 2 decimals); ΣA = 0 gives 0.00")
    func quotumPercentage() {
        // Overheid 2024: A0 12,196 + B 25,000 = 37,196 jobs; with ΣA = 1,793,800,000.00 h:
        // 100 × 37,196 × 1331 / 1,793,800,000 = 2.75995… → 2.75
        let q = QuotumPercentage.compute(baselineJobs: 12_196, jobsDue: 25_000, hoursPerJob: hoursPerJob, sumA: CentiHours(hours: 1_793_800_000))
        #expect(q == BasisPoints(275))
        #expect(QuotumPercentage.compute(baselineJobs: 1, jobsDue: 1, hoursPerJob: hoursPerJob, sumA: .zero) == .zero)
        // Small data exceeds 100 % (spec 8.13).
        #expect(QuotumPercentage.compute(baselineJobs: 12_196, jobsDue: 25_000, hoursPerJob: hoursPerJob, sumA: CentiHours(hours: 1_000_000)).rawValue > 10_000)
    }

    @Test("Extra jobs: floor((hours − baseline) / 110.92, 2 decimals), negatives allowed")
    func extraJobs() {
        let perJob = CentiHours(11_092)
        // (110.92 × 3) above baseline = exactly 3.00 jobs.
        #expect(ExtraJobs.compute(hoursDecember: CentiHours(hours: 1000) + CentiHours(33_276), baselineHours: CentiHours(hours: 1000), hoursPerJobMonth: perJob) == 300)
        // 110.50 h against the markt baseline: (110.50 − 6,914,491) / 110.92 = −62,336.646… → floor −62,336.65
        #expect(ExtraJobs.compute(hoursDecember: CentiHours(11_050), baselineHours: CentiHours(hours: 6_914_491), hoursPerJobMonth: perJob) == -6_233_665)
        #expect(ExtraJobs.activationIndicated(realisedHundredths: 8_999_999, target: 90_000))
        #expect(!ExtraJobs.activationIndicated(realisedHundredths: 9_000_000, target: 90_000))
    }
}

@Suite("Simplified quota scheme (spec 5.4)")
struct SimplifiedRuleTests {
    @Test("Worked example: 1326.00 h gives an LKV of 1339.26 and a bonus of 4999.02")
    func workedExample() {
        let hours = CentiHours(hours: 1326)
        #expect(HourlyAmount.compute(hours: hours, perHour: Cents(101), annualMaximum: Cents(euros: 2000)) == Cents(133_926))
        #expect(HourlyAmount.compute(hours: hours, perHour: Cents(377), annualMaximum: nil) == Cents(499_902))
    }

    @Test("The LKV is capped at 2,000.00 per pair; rounding is half away from zero")
    func lkvCap() {
        // 1980.20 h × 1.01 = 2000.002 → 2000.00; 1980.21 h → 2000.01 → capped 2000.00
        #expect(HourlyAmount.compute(hours: CentiHours(198_020), perHour: Cents(101), annualMaximum: Cents(euros: 2000)) == Cents(200_000))
        #expect(HourlyAmount.compute(hours: CentiHours(300_000), perHour: Cents(101), annualMaximum: Cents(euros: 2000)) == Cents(200_000))
        // 0.50 h × 1.01 = 0.505 → 0.51 (half away from zero)
        #expect(HourlyAmount.compute(hours: CentiHours(50), perHour: Cents(101), annualMaximum: nil) == Cents(51))
    }

    @Test("Premium base cap per tijdvak: floor(71,628.00 / 12) = 5,969.00 in 2024 (spec 8.16)")
    func premiumCap() {
        #expect(PremiumBase.monthlyCap(maximumPremieloon: Cents(euros: 71_628)) == Cents(euros: 5969))
        // 2015: 51,976 / 12 = 4331.333… → 4331.33
        #expect(PremiumBase.monthlyCap(maximumPremieloon: Cents(euros: 51_976)) == Cents(433_133))
        #expect(PremiumBase.line(wage: Cents(euros: 9000), monthlyCap: Cents(euros: 5969)) == Cents(euros: 5969))
        #expect(PremiumBase.line(wage: Cents(euros: 100), monthlyCap: Cents(euros: 5969)) == Cents(euros: 100))
    }

    @Test("Surcharge rate: round(100 × q × ΣA × 5000 / (1331 × Σbase), 3)")
    func surchargeRate() {
        // q = 2.50 %, ΣA = 1,331,000.00 h, Σbase = 50,000,000.00:
        // 100 × 0.025 × 1,331,000 × 5000 / (1331 × 50,000,000) = 0.25 → 0.250
        let r = SurchargeRate.compute(combinedPercent: BasisPoints(250), sumA: CentiHours(hours: 1_331_000), sumPremiumBase: Cents(euros: 50_000_000),
                                      yieldPerJob: Cents(euros: 5000), hoursPerJob: CentiHours(hours: 1331))
        #expect(r == MilliPercent(250))
        // Σbase = 30,000,000.00: 0.41666… → 0.417 (round)
        let r2 = SurchargeRate.compute(combinedPercent: BasisPoints(250), sumA: CentiHours(hours: 1_331_000), sumPremiumBase: Cents(euros: 30_000_000),
                                       yieldPerJob: Cents(euros: 5000), hoursPerJob: CentiHours(hours: 1331))
        #expect(r2 == MilliPercent(417))
        #expect(SurchargeRate.compute(combinedPercent: BasisPoints(250), sumA: CentiHours(100), sumPremiumBase: .zero,
                                      yieldPerJob: Cents(euros: 5000), hoursPerJob: CentiHours(hours: 1331)) == .zero)
    }

    @Test("National-size products do not overflow (Int128)")
    func noOverflow() {
        // ΣA of 15 billion hours and a Σbase of 400 billion euros.
        let r = SurchargeRate.compute(combinedPercent: BasisPoints(300), sumA: CentiHours(hours: 15_000_000_000), sumPremiumBase: Cents(euros: 400_000_000_000),
                                      yieldPerJob: Cents(euros: 5000), hoursPerJob: CentiHours(hours: 1331))
        // 100 × 0.03 × 1.5e10 × 5000 / (1331 × 4e11) = 0.4226… → 0.423
        #expect(r == MilliPercent(423))
    }

    @Test("Surcharge per employer is rounded to the cent and 0 when not liable")
    func surcharge() {
        // 12,345.67 × 0.417 % = 51.4814… → 51.48
        #expect(Surcharge.compute(premiumBase: Cents(1_234_567), rate: MilliPercent(417), liable: true) == Cents(5148))
        #expect(Surcharge.compute(premiumBase: Cents(1_234_567), rate: MilliPercent(417), liable: false) == .zero)
    }

    @Test("Transfers are floored to the cent; net adds up")
    func transfersAndNet() {
        // 4999.02 × 33.33 % = 1666.17336… → 1666.17
        #expect(BonusTransfer.compute(bonus: Cents(499_902), percent: BasisPoints(3333)) == Cents(166_617))
        #expect(BonusTransfer.compute(bonus: Cents(499_902), percent: BasisPoints(10_000)) == Cents(499_902))
        #expect(NetResult.compute(lkv: Cents(100), bonus: Cents(200), transfersOut: Cents(50), transfersIn: Cents(10), surcharge: Cents(300)) == Cents(-40))
    }

    @Test("Balance property (seed 004 note 17): an average employer filling its required hours ends near zero")
    func balance() throws {
        let params = try QuotaParameters(year: 2024, from: ParameterFiles.loadDefault())
        let q = BasisPoints(250)
        // An employer at the national averages: 200 employees of 1623 h (Regeling Wfsv 3.31) at €25.00/h,
        // below the premium-base cap. The nation is 10,000 such employers.
        let employerA = CentiHours(params.averageEmployeeHours.hours.rawValue * 200)
        let employerBase = Cents(employerA.rawValue * 2500 / 100)
        let rate = SurchargeRate.compute(combinedPercent: q, sumA: CentiHours(employerA.rawValue * 10_000),
                                         sumPremiumBase: Cents(employerBase.rawValue * 10_000),
                                         yieldPerJob: params.surchargeYieldPerJob.money, hoursPerJob: params.hoursPerJob.hours)
        let surcharge = Surcharge.compute(premiumBase: employerBase, rate: rate, liable: true)
        // It employs exactly its required target-group hours: 324,600 h x 2.50 % = 8,115.00 h.
        let required = RequiredHours.compute(hoursA: employerA, percent: q)
        #expect(required == CentiHours(hours: 8115))
        // The bonus has no cap, so splitting the hours over workers changes it by rounding cents only.
        let bonus = HourlyAmount.compute(hours: required, perHour: params.bonusHourly.money, annualMaximum: params.bonusCap)
        let net = NetResult.compute(lkv: .zero, bonus: bonus, transfersOut: .zero, transfersIn: .zero, surcharge: surcharge)
        // Surcharge: €5,000 per job due (8115/1331 jobs) at a rate rounded to 0.376 % = 30,512.40;
        // bonus 8115 x 3.77 = 30,593.55. Net of the new instruments: +81.15, within 0.5 % of the surcharge.
        #expect(rate == MilliPercent(376))
        #expect(surcharge == Cents(3_051_240))
        #expect(bonus == Cents(3_059_355))
        #expect(abs(net.rawValue) * 200 <= surcharge.rawValue)
        // An employer filling nothing pays the full surcharge: the property is not trivially true.
        #expect(NetResult.compute(lkv: .zero, bonus: .zero, transfersOut: .zero, transfersIn: .zero, surcharge: surcharge).rawValue * 200 < -surcharge.rawValue)
    }
}
