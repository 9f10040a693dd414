/// The employers of a generated data set, decided before any person is generated: size (persons on the
/// payroll), sector, region, kind, how likely their staff is in the doelgroepregister, and prior-year hours.
///
/// Persons are numbered in employer order: employer `e` has the persons `personStart[e] ..< personStart[e+1]`
/// as its own (first) employees. Everything is a pure function of `(scale, year, seed)`.
final class EmployerPlan: Sendable {
    enum Kind: UInt8 { case regular = 0, staffing = 1, wsw = 2 }

    let year: Int
    let seed: UInt64
    /// Root of all random streams: a hash of seed, year and scale.
    let root: UInt64
    let count: Int
    let size: [Int32]
    let personStart: [Int]
    /// 0 = markt, 1 = overheid.
    let sector: [UInt8]
    /// 1...35.
    let region: [UInt8]
    let kind: [UInt8]
    /// Probability (ppm) that a regular employee of this employer is in the register.
    let propensityPPM: [Int32]
    /// The overheid subsector (1 + index in `OverheidSubsector.allCases`), 0 for none; only at the controlled
    /// scales (`subsectors` is then true and `employers.csv` has the column).
    let subsector: [UInt8]
    let subsectors: Bool
    /// Prior-year verloonde uren in centi-hours, or -1 for blank.
    let priorYearHours: [Int]
    /// Cumulative weights for picking a second employer (job changers): size, Wsw employers excluded.
    let moverCumulative: [Int]
    /// Cumulative weights for picking a hirer: size, only regular employers with 10 or more persons.
    let hirerCumulative: [Int]

    var totalPersons: Int { personStart[count] }

    /// Average verloonde uren per person-year used for `prior_year_hours` (centi-hours).
    static let hoursPerPersonYear = 134_000

    init(profile: ScaleProfile, year: Int, seed: UInt64, scale: GeneratorScale, baseYear: Int? = nil,
         propensityPerMille: (markt: Int, overheid: Int) = (1_000, 1_000)) {
        self.year = year
        self.seed = seed
        let scaleKey: UInt64 = switch scale {
        case .tiny: 1
        case .small: 2
        case .medium: 3
        case .national: 4
        }
        root = SplitMix64.mix(SplitMix64.mix(seed, UInt64(baseYear ?? year)), scaleKey)
        let n = profile.employers
        count = n

        // Stratified tier counts (largest remainder), so the shape is the same at every scale.
        let tiers = Vocabulary.tiers
        let totalPPM = tiers.reduce(0) { $0 + $1.ppm }
        var tierCount = tiers.map { n * $0.ppm / totalPPM }
        var remainders = tiers.enumerated().map { (i, t) in (i, (n * t.ppm) % totalPPM) }
        remainders.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        if let fixed = profile.tierCounts, fixed.reduce(0, +) == n { tierCount = fixed }
        var missing = n - tierCount.reduce(0, +)
        for (i, _) in remainders where missing > 0 {
            tierCount[i] += 1
            missing -= 1
        }
        var tierOf = [UInt8]()
        tierOf.reserveCapacity(n)
        for (i, c) in tierCount.enumerated() { tierOf.append(contentsOf: repeatElement(UInt8(i), count: c)) }
        var shuffle = SplitMix64(seed: SplitMix64.mix(root, 0x7157))
        if n > 1 {
            for i in stride(from: n - 1, to: 0, by: -1) { tierOf.swapAt(i, shuffle.below(i + 1)) }
        }

        var size = [Int32](repeating: 0, count: n)
        var sector = [UInt8](repeating: 0, count: n)
        var region = [UInt8](repeating: 1, count: n)
        var kind = [UInt8](repeating: 0, count: n)
        var propensity = [Int32](repeating: 0, count: n)
        // The register draws of every employer (0 for none, else 250–1750 per mille of the sector mean), kept for
        // the controlled scales, which set the propensities only once the sectors are settled.
        var registerFactor = [Int32](repeating: 0, count: n)
        var rankInTier = [Int](repeating: 0, count: tiers.count)
        let regionWeights = Vocabulary.regionWeights
        for e in 0..<n {
            var r = SplitMix64(seed: SplitMix64.mix(root ^ 0xE111, UInt64(e)))
            let t = Int(tierOf[e])
            let lo = tiers[t].lo
            let hi = min(tiers[t].hi, max(profile.maxEmployerSize, lo))
            // Truncated Pareto(1) on [lo, hi+1): x = lo / (1 − u·(1 − lo/(hi+1))). A synthetic head count, not a
            // legal figure: floating point is allowed here (Random.swift), never in hours or money. With control
            // totals, u is stratified within the tier (the k-th employer of a tier of n draws from [k/n, (k+1)/n)),
            // so every seed gets almost the same giants.
            var u = r.unit()
            if profile.controlTotals {
                u = (Double(rankInTier[t]) + u) / Double(tierCount[t])
                rankInTier[t] += 1
            }
            let x = Double(lo) / (1 - u * (1 - Double(lo) / Double(hi + 1)))
            size[e] = Int32(min(hi, max(lo, Int(x))))
            region[e] = UInt8(1 + r.pick(weights: regionWeights))
            if r.chance(ppm: Vocabulary.staffingPPM[t]) {
                kind[e] = Kind.staffing.rawValue
            } else if r.chance(ppm: Vocabulary.overheidPPM[t]) {
                sector[e] = 1
            }
            // Target-group propensity: 20% of the employers below 50 persons and 5% of the larger ones employ
            // nobody from the register; the others draw uniformly between 0.25 and 1.75 times the sector mean
            // (1.6% markt, 2.1% overheid), times the year's calibration multiplier (see `Calibration`).
            let mean = sector[e] == 1 ? 21 * propensityPerMille.overheid : 16 * propensityPerMille.markt
            let zero = r.chance(ppm: t <= 3 ? 200_000 : 50_000)
            let factor = 250 + r.below(1_501)
            propensity[e] = zero ? 0 : Int32(mean * factor / 1_000)
            registerFactor[e] = zero ? 0 : Int32(factor)
        }

        // A few Wsw employers (SW-bedrijven), chosen among employers with 200 or more persons: about 1 per
        // 5,000 employers (90 at national scale, about 60,000 Wsw employees, as in reality), at least one.
        let wswCount = max(1, n / 5_000)
        var candidates = profile.controlTotals
            ? (0..<n).filter { tierOf[$0] == 5 || tierOf[$0] == 6 }
            : (0..<n).filter { tierOf[$0] >= 5 && kind[$0] == Kind.regular.rawValue }
        if candidates.isEmpty {
            candidates = [(0..<n).max { size[$0] < size[$1] } ?? 0]
        }
        var pickRng = SplitMix64(seed: SplitMix64.mix(root, 0x5757))
        if candidates.count > 1 {
            for i in stride(from: candidates.count - 1, to: 0, by: -1) {
                candidates.swapAt(i, pickRng.below(i + 1))
            }
        }
        for e in candidates.prefix(wswCount) {
            kind[e] = Kind.wsw.rawValue
            sector[e] = 1  // SW-bedrijven are gemeenschappelijke regelingen of municipalities
        }
        if profile.controlTotals {
            ControlTotals.apply(tierOf: tierOf, wsw: Array(candidates.prefix(wswCount)), registerFactor: registerFactor,
                                root: root, propensityPerMille: propensityPerMille,
                                size: &size, sector: &sector, kind: &kind, propensity: &propensity)
        }
        // At least one staffing agency.
        if !kind.contains(Kind.staffing.rawValue) {
            let regular = (0..<n).filter { kind[$0] == Kind.regular.rawValue }
            if let e = regular.max(by: { size[$0] != size[$1] ? size[$0] < size[$1] : $0 > $1 }) {
                kind[e] = Kind.staffing.rawValue
                sector[e] = 0
            }
        }

        var start = [Int](repeating: 0, count: n + 1)
        for e in 0..<n { start[e + 1] = start[e] + Int(size[e]) }

        var prior = [Int](repeating: -1, count: n)
        for e in 0..<n {
            var r = SplitMix64(seed: SplitMix64.mix(root ^ 0x9910, UInt64(e)))
            let expected = Int(size[e]) * EmployerPlan.hoursPerPersonYear
            let u = r.below(1000)
            if u < 120 { continue }  // blank for 12%
            let factor = u < 200 ? r.int(50, 150) : r.int(85, 115)  // 8% grew or shrank a lot
            prior[e] = expected * factor / 100 + r.below(100)
        }

        var mover = [Int](repeating: 0, count: n)
        var hirer = [Int](repeating: 0, count: n)
        var accM = 0, accH = 0
        for e in 0..<n {
            if kind[e] != Kind.wsw.rawValue { accM += Int(size[e]) }
            if kind[e] == Kind.regular.rawValue && size[e] >= 10 { accH += Int(size[e]) }
            mover[e] = accM
            hirer[e] = accH
        }
        if accH == 0 {
            // Tiny data sets: fall back to any regular employer as hirer.
            accH = 0
            for e in 0..<n {
                if kind[e] == Kind.regular.rawValue { accH += Int(size[e]) }
                hirer[e] = accH
            }
        }

        var subsector = [UInt8](repeating: 0, count: n)
        if profile.controlTotals {
            for e in 0..<n where sector[e] == 1 {
                var r = SplitMix64(seed: SplitMix64.mix(root ^ 0x5B5E, UInt64(e)))
                subsector[e] = kind[e] == Kind.wsw.rawValue ? 2 : UInt8(1 + r.pick(weights: Vocabulary.subsectorWeights))
            }
        }
        self.subsector = subsector
        self.subsectors = profile.controlTotals
        self.size = size
        self.sector = sector
        self.region = region
        self.kind = kind
        self.propensityPPM = propensity
        self.personStart = start
        self.priorYearHours = prior
        self.moverCumulative = mover
        self.hirerCumulative = hirer
    }

    /// Index `i` with `cumulative[i-1] <= r < cumulative[i]` for a uniform `r` below the total weight.
    @inline(__always)
    static func sample(_ cumulative: [Int], _ rng: inout SplitMix64) -> Int {
        let total = cumulative[cumulative.count - 1]
        if total == 0 { return 0 }
        let r = rng.below(total)
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if cumulative[mid] > r { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// A second employer for a job changer, different from `e` (or -1 when there is none).
    func moverTarget(from e: Int, _ rng: inout SplitMix64) -> Int {
        for _ in 0..<8 {
            let x = EmployerPlan.sample(moverCumulative, &rng)
            if x != e && kind[x] != Kind.wsw.rawValue { return x }
        }
        return -1
    }

    /// A hirer for a lent-out worker of `e`, different from `e` (or -1 when there is none).
    func hirerFor(_ e: Int, _ rng: inout SplitMix64) -> Int {
        for _ in 0..<8 {
            let x = EmployerPlan.sample(hirerCumulative, &rng)
            if x != e && kind[x] == Kind.regular.rawValue { return x }
        }
        return -1
    }

    /// Splits the employers into chunks of about `persons` persons (at least one employer each). The chunks are
    /// the unit of parallel work; they depend only on the plan, so the output does not depend on the threads.
    func chunks(persons: Int) -> [Range<Int>] {
        var result = [Range<Int>]()
        var first = 0
        for e in 0..<count where personStart[e + 1] - personStart[first] >= persons {
            result.append(first..<(e + 1))
            first = e + 1
        }
        if first < count { result.append(first..<count) }
        return result
    }
}
