/// Open-addressing map from an (employer, person) pair to a 16-bit value: the months of year t already seen
/// for that pair (duplicate detection, spec section 4 and 8.6). Memory grows with pairs, not lines.
struct PairTable {
    private var keys: [UInt64]
    private var values: [UInt16]
    private var mask: Int
    private(set) var count = 0

    init(expectedCount: Int = 1 << 16) {
        var size = 1 << 10
        while size * 3 < expectedCount * 4 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    static func key(employer: Int32, person: Int32) -> UInt64 {
        (UInt64(UInt32(bitPattern: person)) << 32 | UInt64(UInt32(bitPattern: employer))) &+ 1
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 24) & mask
    }

    /// Sets `bits` for `key` and returns the bits that were set before.
    @inline(__always)
    mutating func insert(_ key: UInt64, bits: UInt16) -> UInt16 {
        var s = PairTable.slot(key, mask)
        while true {
            let k = keys[s]
            if k == key {
                let old = values[s]
                values[s] = old | bits
                return old
            }
            if k == 0 {
                keys[s] = key
                values[s] = bits
                count += 1
                if count * 4 > keys.count * 3 { grow() }
                return 0
            }
            s = (s + 1) & mask
        }
    }

    private mutating func grow() {
        let size = keys.count * 2
        var nk = [UInt64](repeating: 0, count: size), nv = [UInt16](repeating: 0, count: size)
        let m = size - 1
        for i in 0..<keys.count where keys[i] != 0 {
            var s = PairTable.slot(keys[i], m)
            while nk[s] != 0 { s = (s + 1) & m }
            nk[s] = keys[i]
            nv[s] = values[i]
        }
        keys = nk
        values = nv
        mask = m
    }
}
