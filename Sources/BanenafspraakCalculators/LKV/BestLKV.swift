/// Samenloop (Wtl art. 4.1 lid 3): when a worker qualifies for more than one tegemoetkoming of art. 2.1 (the
/// LKVs) and 3.1 (the LIV, 2017-2024), the total is capped at the highest; on equal amounts only the one the Wtl
/// names first is granted (the LKVs in the order of ``LKVType/allCases``, then the LIV). This is the law, not a choice.
public enum BestLKV {
    /// The index of the winning candidate, or `nil` when none has an amount above zero.
    /// - Parameter candidates: `(order in the Wtl, amount in cents)` pairs in any order.
    public static func choose(_ candidates: [(Int, Int64)]) -> Int? {
        var best: Int?
        for (i, c) in candidates.enumerated() where c.1 > 0 {
            guard let b = best else { best = i; continue }
            let current = candidates[b]
            if c.1 > current.1 || (c.1 == current.1 && c.0 < current.0) { best = i }
        }
        return best
    }

    /// The place of an LKV in the Wtl (§ 2.2 to § 2.5).
    public static func lawOrder(_ t: LKVType) -> Int { LKVType.allCases.firstIndex(of: t)! }
    /// The LIV (hoofdstuk 3) comes after every LKV.
    public static let livOrder = LKVType.allCases.count
}
