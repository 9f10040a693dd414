/// Control totals by construction, for the calibrated scales (`medium` and `national`): the few things that
/// decide the national measurement are fixed by the plan, not left to the heavy tail of a handful of draws
/// (docs/calibration.md, "Why the seed mattered").
///
/// Before, the measurement of one national year moved by about 10,000 jobs between seeds. The cause was the
/// Wsw employers: 90 drawn among all employers of 200 or more persons, so their head count (Pareto-tailed up to
/// 20,000) summed to anything between 55,000 and 90,000 persons, and 24% of them are seconded Wsw employees who
/// count in full for their hirer (about 1.2 jobs each). Second came the sectors and the register propensity of
/// the few giants: which of the 157 employers of 5,000 or more were overheid, and whether each drew 0.25 or 1.75
/// times the sector's mean, moved the overheid's expected register by ±6% and the markt's by ±3%.
///
/// Here, by construction:
/// - the Wsw employers are drawn among employers of 200–4,999 persons and get head counts from a fixed ladder,
///   300 to 1,100 (700 on average, 63,000 at national scale);
/// - within each size tier the staffing agencies and the overheid employers are a systematic sample over the
///   employers sorted by size (random start), so each sector gets its share of the tier's small and large ones;
/// - the register factors of each group (markt, overheid, staffing agencies) are scaled so that the group's
///   expected register (head count × propensity) is exactly the sector mean times its head count (less the
///   share of employers without anyone registered). Employers still differ from each other as before.
enum ControlTotals {
    /// The ladder of Wsw head counts: from 300 to 1,100 persons, 700 on average.
    static let wswSmallest = 300
    static let wswSpan = 800

    static func apply(tierOf: [UInt8], wsw: [Int], registerFactor: [Int32], root: UInt64,
                      propensityPerMille k: (markt: Int, overheid: Int),
                      size: inout [Int32], sector: inout [UInt8], kind: inout [UInt8], propensity: inout [Int32]) {
        let n = size.count
        var isWsw = [Bool](repeating: false, count: n)
        for (i, e) in wsw.enumerated() {
            isWsw[e] = true
            size[e] = Int32(wswSmallest + wswSpan * (2 * i + 1) / (2 * wsw.count))
        }
        assignKindsAndSectors(tierOf: tierOf, isWsw: isWsw, root: root, size: size, sector: &sector, kind: &kind)
        scalePropensities(tierOf: tierOf, isWsw: isWsw, registerFactor: registerFactor, k: k,
                          size: size, sector: sector, kind: kind, propensity: &propensity)
    }

    /// Staffing agencies and overheid employers as a systematic sample of each tier sorted by size.
    static func assignKindsAndSectors(tierOf: [UInt8], isWsw: [Bool], root: UInt64, size: [Int32],
                                      sector: inout [UInt8], kind: inout [UInt8]) {
        let tiers = Vocabulary.tiers.count
        var members = [[Int]](repeating: [], count: tiers)
        for e in 0..<size.count where !isWsw[e] { members[Int(tierOf[e])].append(e) }
        for t in 0..<tiers {
            let sorted = members[t].sorted { size[$0] != size[$1] ? size[$0] < size[$1] : $0 < $1 }
            var rng = SplitMix64(seed: SplitMix64.mix(root ^ 0x57A7, UInt64(t)))
            var staffing = rng.below(1_000_000), overheid = rng.below(1_000_000)
            for e in sorted {
                kind[e] = EmployerPlan.Kind.regular.rawValue
                sector[e] = 0
                staffing += Vocabulary.staffingPPM[t]
                if staffing >= 1_000_000 {
                    staffing -= 1_000_000
                    kind[e] = EmployerPlan.Kind.staffing.rawValue
                    continue
                }
                overheid += Vocabulary.overheidPPM[t]
                if overheid >= 1_000_000 {
                    overheid -= 1_000_000
                    sector[e] = 1
                }
            }
        }
    }

    /// The share (per mille) of a tier's employers that employ nobody from the register.
    static func zeroPerMille(tier t: Int) -> Int { t <= 3 ? 200 : 50 }

    /// Propensity (ppm) = sector mean × factor × (expected Σ head count × factor) / (drawn Σ head count × factor),
    /// per group: regular markt, regular overheid, staffing agencies (markt).
    static func scalePropensities(tierOf: [UInt8], isWsw: [Bool], registerFactor: [Int32], k: (markt: Int, overheid: Int),
                                  size: [Int32], sector: [UInt8], kind: [UInt8], propensity: inout [Int32]) {
        func group(_ e: Int) -> Int { kind[e] == EmployerPlan.Kind.staffing.rawValue ? 2 : Int(sector[e]) }
        var expected = [Int128](repeating: 0, count: 3), drawn = [Int128](repeating: 0, count: 3)
        for e in 0..<size.count where !isWsw[e] {
            let g = group(e)
            expected[g] += Int128(size[e]) * Int128(1_000 - zeroPerMille(tier: Int(tierOf[e])))
            drawn[g] += Int128(size[e]) * Int128(registerFactor[e])
        }
        for e in 0..<size.count where !isWsw[e] {
            let g = group(e)
            let mean = g == 1 ? 21 * k.overheid : 16 * k.markt
            let scaled = drawn[g] == 0 ? 0 : Int128(mean) * Int128(registerFactor[e]) * expected[g] / drawn[g] / 1_000
            propensity[e] = Int32(min(scaled, 1_000_000))
        }
    }
}
