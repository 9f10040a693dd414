/// Het quotumpercentage (Wfsv art. 38f lid 1).
///
/// "Het quotumpercentage wordt berekend door (A0 + B) × C te delen door de som van A over de
/// quotumplichtige werkgevers, uitgedrukt in een percentage met twee decimalen, naar beneden afgerond."
/// A0 is the sector's baseline jobs (Regeling Wfsv 3.31), B the extra jobs due in year t, C the hours per
/// job (1331). Reading R13 (docs/readings.md): `floor(100 × (A0+B) × 1331 / ΣA_hours, 2 decimals)`, and ΣA = 0 gives 0.00.
public enum QuotumPercentage {
    public static func compute(baselineJobs a0: Int64, jobsDue b: Int64, hoursPerJob: CentiHours, sumA: CentiHours) -> BasisPoints {
        guard sumA.rawValue > 0 else { return .zero }
        // basis points = 10000 × (A0+B) × C_ch / ΣA_ch
        let numerator = Int128(10_000) * Int128(a0 + b) * Int128(hoursPerJob.rawValue)
        return BasisPoints(FixedPoint.narrow(FixedPoint.floorDivide(numerator, Int128(sumA.rawValue))))
    }
}
