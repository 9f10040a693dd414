/// An exact interning table for short byte strings (employer and person ids): bytes → dense `Int32`.
///
/// Open addressing with linear probing over a power-of-two slot array; the bytes live in one arena, so a
/// national run holds about 10 million ids in a few hundred MiB without a `String` per id.
public struct ByteStringTable: Sendable {
    private var arena: [UInt8] = []
    private var offsets: [Int64] = [0]
    private var hashes: [UInt32] = []
    /// Slot → id + 1 (0 = empty).
    private var slots: [Int32]
    private var mask: Int

    public init(expectedCount: Int = 1024) {
        var size = 16
        while size < expectedCount * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        arena.reserveCapacity(expectedCount * 10)
        offsets.reserveCapacity(expectedCount + 1)
        hashes.reserveCapacity(expectedCount)
    }

    /// Number of distinct strings.
    public var count: Int { offsets.count - 1 }

    /// The 64-bit hash the table uses (FNV-1a with a final mix); stable within a run.
    @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        // FNV-1a, then a final mix (fast for short ids).
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        h ^= h >> 32
        h = h &* 0xd6e8_feb8_6659_fd93
        h ^= h >> 32
        return h
    }

    /// The id of `bytes`, or `nil`.
    @inline(__always)
    public func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        find(bytes, hash: ByteStringTable.hash(bytes))
    }

    /// The id of `bytes` whose ``hash(_:)`` is already known, or `nil`.
    @inline(__always)
    public func find(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int32? {
        var slot = Int(truncatingIfNeeded: h) & mask
        let h32 = UInt32(truncatingIfNeeded: h >> 32)
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            let id = Int(entry - 1)
            if hashes[id] == h32 && equals(id, bytes) { return Int32(id) }
            slot = (slot + 1) & mask
        }
    }

    /// The id of `bytes`, adding it when new. `isNew` tells which.
    @inline(__always)
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (id: Int32, isNew: Bool) {
        let h = ByteStringTable.hash(bytes)
        var slot = Int(truncatingIfNeeded: h) & mask
        let h32 = UInt32(truncatingIfNeeded: h >> 32)
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let id = Int(entry - 1)
            if hashes[id] == h32 && equals(id, bytes) { return (Int32(id), false) }
            slot = (slot + 1) & mask
        }
        let id = count
        arena.append(contentsOf: bytes)
        offsets.append(Int64(arena.count))
        hashes.append(h32)
        slots[slot] = Int32(id + 1)
        if count * 10 > slots.count * 7 { grow() }
        return (Int32(id), true)
    }

    /// The bytes of `id`, as a `String` (for outputs).
    public func string(_ id: Int32) -> String {
        let s = Int(offsets[Int(id)]), e = Int(offsets[Int(id) + 1])
        return String(decoding: arena[s..<e], as: UTF8.self)
    }

    /// The bytes of `id`.
    public func bytes(_ id: Int32) -> ArraySlice<UInt8> {
        arena[Int(offsets[Int(id)])..<Int(offsets[Int(id) + 1])]
    }

    @inline(__always)
    private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let s = Int(offsets[id]), e = Int(offsets[id + 1])
        guard e - s == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            var k = 0
            while k < bytes.count { if a[s + k] != bytes[k] { return false }; k += 1 }
            return true
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var fresh = [Int32](repeating: 0, count: size)
        let m = size - 1
        arena.withUnsafeBufferPointer { a in
            for id in 0..<count {
                let s = Int(offsets[id]), e = Int(offsets[id + 1])
                let h = ByteStringTable.hash(UnsafeBufferPointer(rebasing: a[s..<e]))
                var slot = Int(truncatingIfNeeded: h) & m
                while fresh[slot] != 0 { slot = (slot + 1) & m }
                fresh[slot] = Int32(id + 1)
            }
        }
        slots = fresh
        mask = m
    }
}
