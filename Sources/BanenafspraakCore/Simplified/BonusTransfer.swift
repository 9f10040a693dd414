/// Overdracht van bonus tussen samenwerkende werkgevers (Kamerbrief vereenvoudiging banenafspraak (2019), "Samenwerking in nieuwe quotumregeling").
///
/// Each transfer is `floor(bonus of from_employer × percent)` to the cent, computed from the giver's own
/// bonus before any transfer in, whatever either side's liability (reading R18 in docs/readings.md).
public enum BonusTransfer {
    public static func compute(bonus: Cents, percent: BasisPoints) -> Cents {
        Cents(FixedPoint.narrow(FixedPoint.floorDivide(Int128(bonus.rawValue) * Int128(percent.rawValue), 10_000)))
    }
}

/// Net result of the simplified scheme: `LKV + bonus − transfers out + transfers in − surcharge` (Kamerbrief vereenvoudiging banenafspraak (2019)).
public enum NetResult {
    public static func compute(lkv: Cents, bonus: Cents, transfersOut: Cents, transfersIn: Cents, surcharge: Cents) -> Cents {
        lkv + bonus - transfersOut + transfersIn - surcharge
    }
}
