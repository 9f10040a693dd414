/// Het percentage van de inclusiviteitsopslag (Kamerbrief vereenvoudiging banenafspraak (2019), "Quotumheffing wordt opslag").
///
/// The yield target is €5,000 per job due, jobs due being `q × ΣA / 1331` with q the combined quotum
/// percentage (after its rounding down) and ΣA the hours of liable employers. The rate is that yield over
/// Σ premium base of liable employers, in percent, rounded half away from zero to 3 decimals (reading R15 in docs/readings.md):
/// `rate% = round(100 × q × ΣA × 5000 / (1331 × Σbase), 3)`. Σbase = 0 gives 0.000.
public enum SurchargeRate {
    public static func compute(
        combinedPercent q: BasisPoints, sumA: CentiHours, sumPremiumBase: Cents, yieldPerJob: Cents, hoursPerJob: CentiHours
    ) -> MilliPercent {
        guard sumPremiumBase.rawValue > 0 else { return .zero }
        // milli-% = 1000 × 100 × (q_bp/10^4) × (ΣA_ch/100) × (L_c/100) / ((H_ch/100) × (Σbase_c/100))
        //         = 10 × q_bp × ΣA_ch × L_c / (H_ch × Σbase_c)
        let numerator = Int128(10) * Int128(q.rawValue) * Int128(sumA.rawValue) * Int128(yieldPerJob.rawValue)
        let denominator = Int128(hoursPerJob.rawValue) * Int128(sumPremiumBase.rawValue)
        return MilliPercent(FixedPoint.narrow(FixedPoint.roundDivide(numerator, denominator)))
    }
}

/// De inclusiviteitsopslag of one employer: `round(premium base × rate)`, 0 when not liable (Kamerbrief vereenvoudiging banenafspraak (2019); reading R14 in docs/readings.md).
public enum Surcharge {
    public static func compute(premiumBase: Cents, rate: MilliPercent, liable: Bool) -> Cents {
        guard liable else { return .zero }
        // rate is in thousandths of a percent: fraction = rate / 100,000.
        return Cents(FixedPoint.narrow(FixedPoint.roundDivide(Int128(premiumBase.rawValue) * Int128(rate.rawValue), 100_000)))
    }
}
