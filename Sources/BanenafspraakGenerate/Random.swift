/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast, seedable generator with good statistical quality for
/// synthetic data. The generator never uses the system random source: every value is a pure function of
/// `(seed, year, scale)` and of the index of the employer or person it belongs to, so any employer or person can
/// be regenerated on its own, and the output does not depend on how the work is split over threads.
///
/// No floating-point transcendental functions (`log`, `exp`, `pow`) are used anywhere in the generator, only
/// IEEE-exact `+ − × ÷` on `Double` (and mostly integers), so the output is the same on every platform.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.finalize(state)
    }

    /// The SplitMix64 output function (a strong 64-bit mixer).
    @inline(__always)
    static func finalize(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Hash-combines two words; used to derive independent streams (`mix(streamKey, index)`).
    @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        finalize(finalize(a &+ 0x9E37_79B9_7F4A_7C15) ^ (b &* 0xD6E8_FEB8_6659_FD93))
    }

    /// Uniform in `0..<n` (Lemire's multiply-shift; the tiny bias is irrelevant here). `n == 0` gives 0.
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Uniform in `lo...hi`.
    @inline(__always)
    mutating func int(_ lo: Int, _ hi: Int) -> Int { lo + below(hi - lo + 1) }

    /// True with probability `ppm` per million.
    @inline(__always)
    mutating func chance(ppm: Int) -> Bool { below(1_000_000) < ppm }

    /// Uniform in `[0, 1)` with 53 random bits.
    @inline(__always)
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Picks an index from a table of integer weights.
    mutating func pick(weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        var r = below(total)
        for (i, w) in weights.enumerated() {
            if r < w { return i }
            r -= w
        }
        return weights.count - 1
    }
}
