/// Het aantal uren dat de werkgever aan arbeidsbeperkten moet verlonen (Wfsv art. 38g).
///
/// Required hours = `floor(A × quotum%, 2 decimals)`, with A the employer's own hours without lent-out
/// and Wsw lines (Wfsv 38g lid 2). Example: 1,331,000.00 h at 2.76 % gives 36,735.60 h.
public enum RequiredHours {
    public static func compute(hoursA: CentiHours, percent: BasisPoints) -> CentiHours {
        CentiHours(FixedPoint.narrow(FixedPoint.floorDivide(Int128(hoursA.rawValue) * Int128(percent.rawValue), 10_000)))
    }
}
