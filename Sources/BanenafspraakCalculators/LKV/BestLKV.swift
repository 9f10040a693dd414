/// Eén LKV per werknemer per jaar (Wtl hoofdstuk 2, samenloop): when a worker qualifies for several
/// loonkostenvoordelen, the employer gets the highest; on equal amounts the one the Wtl lists first
/// (order of ``LKVType/allCases``; decision, calculators: docs/sources.md).
public enum BestLKV {
    /// The index of the winning candidate, or `nil` when none has an amount above zero.
    /// - Parameter candidates: `(type, amount in cents)` pairs in any order.
    public static func choose(_ candidates: [(LKVType, Int64)]) -> Int? {
        var best: Int?
        for (i, c) in candidates.enumerated() where c.1 > 0 {
            guard let b = best else { best = i; continue }
            let current = candidates[b]
            if c.1 > current.1 || (c.1 == current.1 && lawOrder(c.0) < lawOrder(current.0)) { best = i }
        }
        return best
    }

    static func lawOrder(_ t: LKVType) -> Int { LKVType.allCases.firstIndex(of: t)! }
}
