import BanenafspraakCore

/// Exact money and hour arithmetic for the calculators (units: docs/readings.md): integer cents and
/// centi-hours, products in `Int128`, and "round" is half away from zero.
public enum Rounding {
    /// `round(amount × percent / 100)` to the cent.
    public static func percent(_ amount: Cents, _ p: BasisPoints) -> Cents {
        Cents(FixedPoint.narrow(FixedPoint.roundDivide(Int128(amount.rawValue) * Int128(p.rawValue), 10_000)))
    }

    /// `round(amount × numerator / denominator)` to the cent.
    public static func ratio(_ amount: Cents, _ numerator: Int64, _ denominator: Int64) -> Cents {
        Cents(FixedPoint.narrow(FixedPoint.roundDivide(Int128(amount.rawValue) * Int128(numerator), Int128(denominator))))
    }

    /// `round(hours × amount per hour)` to the cent.
    public static func hoursTimesRate(_ h: CentiHours, _ rate: Cents) -> Cents {
        Cents(FixedPoint.narrow(FixedPoint.roundDivide(Int128(h.rawValue) * Int128(rate.rawValue), 100)))
    }

    /// `round(amount × count)`; exact.
    public static func times(_ amount: Cents, _ count: Int64) -> Cents {
        Cents(FixedPoint.narrow(Int128(amount.rawValue) * Int128(count)))
    }
}
