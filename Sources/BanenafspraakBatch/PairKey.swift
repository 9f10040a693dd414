/// The key of an (employer, person) pair in the per-pair totals (LKV and bonus base, reading R17 in docs/readings.md).
enum PairKey {
    @inline(__always)
    static func make(employer: Int32, person: Int32) -> UInt64 {
        (UInt64(UInt32(bitPattern: person)) << 32 | UInt64(UInt32(bitPattern: employer))) &+ 1
    }
}
