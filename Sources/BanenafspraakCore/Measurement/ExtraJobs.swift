/// Extra banen in de meting (Regeling Wfsv art. 3.29–3.30; Kamerstukken I 2016/17, 33 981, N, Kamerbrief vereenvoudiging banenafspraak (2019)).
///
/// Extra jobs = `floor((December hours − December 2012 baseline hours) / 110.92, 2 decimals)`.
/// Negative values are allowed. Reading R12 (docs/readings.md): the divisor is the tabled 110.92, and the combined figure is
/// computed from the combined hours, not as the sum of the floored sector figures.
/// The result is in hundredths of a job.
public enum ExtraJobs {
    public static func compute(hoursDecember: CentiHours, baselineHours: CentiHours, hoursPerJobMonth: CentiHours) -> Int64 {
        let diff = Int128(hoursDecember.rawValue - baselineHours.rawValue)
        return FixedPoint.narrow(FixedPoint.floorDivide(diff * 100, Int128(hoursPerJobMonth.rawValue)))
    }

    /// Activation indicated when realised < target (reading R12 in docs/readings.md). `realisedHundredths` is in hundredths of a job.
    public static func activationIndicated(realisedHundredths: Int64, target: Int64) -> Bool {
        realisedHundredths < target * 100
    }
}
