/// Het quotumtekort in arbeidsplaatsen (Besluit Wfsv art. 2.23 lid 3).
///
/// `floor((required − C) / 1331, 1 decimal)`, and 0 when negative: "het aantal niet-bezette
/// arbeidsplaatsen wordt naar beneden afgerond op één decimaal". C is the employer's target-group hours.
/// The result is in tenths of a job: 17.6 jobs is 176.
public enum Quotumtekort {
    public static func compute(requiredHours: CentiHours, hoursC: CentiHours, hoursPerJob: CentiHours) -> Int64 {
        let missing = Int128(requiredHours.rawValue - hoursC.rawValue)
        guard missing > 0 else { return 0 }
        return FixedPoint.narrow(FixedPoint.floorDivide(missing * 10, Int128(hoursPerJob.rawValue)))
    }

    /// Tenths of a job written with 1 decimal: `17.6`.
    public static func format(_ tenths: Int64) -> String { FixedPoint.format(tenths, scale: 1) }
}
