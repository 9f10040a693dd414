/// De quotumheffing (Wfsv art. 38h lid 4): €5,000 per niet-bezette arbeidsplaats, not indexed.
///
/// Levy = tekort × €5,000, and 0 when the employer is not quota-liable (reading R14 in docs/readings.md). With the tabled
/// amount the product is exact; an override amount that is not a multiple of 10 cents is floored to the cent.
public enum Levy {
    public static func compute(shortfallTenths: Int64, levyPerJob: Cents, liable: Bool) -> Cents {
        guard liable else { return .zero }
        return Cents(FixedPoint.narrow(FixedPoint.floorDivide(Int128(shortfallTenths) * Int128(levyPerJob.rawValue), 10)))
    }
}
