/// Extra banen in de meting (Regeling Wfsv art. 3.29–3.30; Kamerstukken I 2016/17, 33 981, N, Kamerbrief vereenvoudiging banenafspraak (2019)).
///
/// Extra jobs = `floor((December hours − December 2012 baseline hours) / 110.92, 2 decimals)`.
/// Negative values are allowed. Reading R12 (docs/readings.md): the divisor is the tabled 110.92, and the combined figure is
/// computed from the combined hours, not as the sum of the floored sector figures.
/// The result is in hundredths of a job.
public enum ExtraJobs {
    public static func compute(hoursDecember: CentiHours, baselineHours: CentiHours, hoursPerJobMonth: CentiHours) -> Int64 {
        jobs(hours: hoursDecember.rawValue - baselineHours.rawValue, hoursPerJobMonth: hoursPerJobMonth)
    }

    /// Hours (centi-hours) as jobs in hundredths, `floor(hours / 110.92, 2 decimals)`: the conversion of the
    /// measurement, also for the monitor's jobs per subsector and region (without the baseline).
    public static func jobs(hours: Int64, hoursPerJobMonth: CentiHours) -> Int64 {
        FixedPoint.narrow(FixedPoint.floorDivide(Int128(hours) * 100, Int128(hoursPerJobMonth.rawValue)))
    }

    /// Activation indicated when realised < target (reading R12 in docs/readings.md). `realisedHundredths` is in hundredths of a job.
    public static func activationIndicated(realisedHundredths: Int64, target: Int64) -> Bool {
        realisedHundredths < target * 100
    }
}
