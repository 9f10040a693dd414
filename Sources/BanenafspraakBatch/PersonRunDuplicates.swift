#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BanenafspraakCore
import BanenafspraakIngest

/// What the duplicate check did in a run (for tests and `docs/performance.md`).
struct DuplicateCheckStats: Sendable, Equatable {
    /// Maximal sequences of consecutive valid payroll lines with byte-equal person ids, over all parts.
    var personRuns = 0
    /// Person fingerprints met in more than one run (a person seen again, or two persons whose fingerprints
    /// collide): every line of these goes through the exact check over the whole file.
    var suspectFingerprints = 0
    /// Valid lines of those fingerprints, found by the second pass.
    var rescannedLines = 0
    /// Groups of lines with an equal key handed to the exact check (the first of each wins).
    var candidateGroups = 0
}

/// Exact duplicate detection for payroll lines without writing a key per line (reading R6 in docs/readings.md:
/// the first valid row by line number wins).
///
/// The lines of one *person run* (consecutive valid lines whose person ids are byte-equal) are checked against
/// each other in a small in-memory table keyed by (employer, period): within a run, equal keys are true
/// duplicates. A duplicate across runs needs the same person in two runs: the 64-bit person fingerprints of all
/// runs (a sorted list per part) show every person met again, and such a fingerprint becomes a *suspect*. Every
/// line of a suspect fingerprint is then checked exactly after the pass
/// (``PayrollAggregator/resolveDuplicates(payrollPath:employers:)``), so a fingerprint collision costs time, never
/// exactness. Payroll that lists each person's lines together, as the generated files do, has no suspects;
/// payroll in any other order is just as exact, only slower (a second pass over the file).
///
/// One instance per part of `payroll.csv` (``PayrollWorker``). A later part holds its first run back, since it may
/// continue the previous part's last run across the split; ``absorb(_:)`` joins the two.
final class PersonRunDuplicates {
    typealias Record = DuplicateSpill.Record

    private struct Run {
        var person: [UInt8] = []
        var fingerprint: UInt64 = 0
        var records: [Record] = []
        /// A key repeated within the run was seen, so the run has candidate groups.
        var repeated = false
    }

    /// Whether this part's first run is held back for the part before it (every part but the first).
    let holdsFirstRun: Bool
    // The current run in raw storage: the hot path pays no reference counting or exclusivity checks.
    private var person: UnsafeMutablePointer<UInt8>
    private var personCount = 0
    private var personCapacity = 64
    private var records: UnsafeMutablePointer<Record>
    private var recordCount = 0
    private var recordCapacity = 64
    private var fingerprint: UInt64 = 0
    private var repeated = false
    /// A 64-bit filter over the current run's keys.
    private var keyBits: UInt64 = 0
    private var hasCurrent = false
    private var currentIsFirst = true
    private var heldFirst: Run?
    /// The keys of a long run, for look-ups once a linear scan would cost more.
    private var longRunKeys: Set<UInt64> = []
    private static let linearScanLimit = 48

    /// Groups of lines with an equal (person, employer, period), each in line order (candidates: the caller verifies them).
    private(set) var groups: [[Record]] = []
    /// The fingerprint of every run of this part, in the order met (raw storage, appended once per run)...
    private var fingerprints: UnsafeMutablePointer<UInt64>
    private var fingerprintCount = 0
    private var fingerprintCapacity = 1 << 16
    /// ... and, after ``finishPart()``, sorted, one array per part (this one's and those absorbed, in file order).
    /// A sorted list costs one sequential write per run and a sort; a hash set would cost a cache miss per run.
    private var sortedParts: [[UInt64]] = []
    private var partFinished = false
    private(set) var suspects: Set<UInt64> = []
    private(set) var runCount = 0

    init(holdsFirstRun: Bool) {
        self.holdsFirstRun = holdsFirstRun
        fingerprints = .allocate(capacity: fingerprintCapacity)
        person = .allocate(capacity: personCapacity)
        records = .allocate(capacity: recordCapacity)
    }

    deinit {
        fingerprints.deallocate()
        person.deallocate()
        records.deallocate()
    }

    /// Whether `bytes` is the current run's person (byte-equal).
    @inline(__always)
    func continues(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        hasCurrent && bytes.count == personCount && (personCount == 0 || memcmp(bytes.baseAddress!, person, personCount) == 0)
    }

    /// Starts a new run of person `bytes` with fingerprint `fingerprint` (not 0).
    @inline(__always)
    func startRun(person bytes: UnsafeBufferPointer<UInt8>, fingerprint: UInt64) {
        if hasCurrent { closeCurrent() }
        hasCurrent = true
        runCount += 1
        reserve(&person, bytes.count, capacity: &personCapacity)
        if let base = bytes.baseAddress { person.update(from: base, count: bytes.count) }
        personCount = bytes.count
        self.fingerprint = fingerprint
        recordCount = 0
        repeated = false
        keyBits = 0
        if fingerprintCount == fingerprintCapacity { double(&fingerprints, count: fingerprintCount, capacity: &fingerprintCapacity) }
        (fingerprints + fingerprintCount).initialize(to: fingerprint)
        fingerprintCount += 1
    }

    /// Ends this part's pass (on its worker's thread): sorts its run fingerprints; one met in two runs of the part
    /// is a suspect.
    func finishPart() {
        guard !partFinished else { return }
        partFinished = true
        let sorted = PersonRunDuplicates.radixSorted(fingerprints, count: fingerprintCount)
        fingerprints.deallocate()
        fingerprints = .allocate(capacity: 1)
        fingerprintCount = 0
        fingerprintCapacity = 1
        var k = 1
        while k < sorted.count {
            if sorted[k] == sorted[k - 1] { suspects.insert(sorted[k]) }
            k += 1
        }
        sortedParts = [sorted]
    }

    /// Adds a line of the current run.
    @inline(__always)
    func add(_ r: Record) {
        let key = r.employerPeriod
        let n = recordCount
        // One bit per key hash: a key whose bit is clear is certainly new to the run (most lines), so only the
        // others are compared with the run's earlier keys.
        let bit: UInt64 = 1 << ((key &* 0x9E37_79B9_7F4A_7C15) >> 58)
        let maybeSeen = keyBits & bit != 0
        keyBits |= bit
        if !repeated && (maybeSeen || n >= PersonRunDuplicates.linearScanLimit) {
            if n < PersonRunDuplicates.linearScanLimit {
                for k in 0..<n where records[k].employerPeriod == key { repeated = true; break }
            } else {
                if n == PersonRunDuplicates.linearScanLimit {
                    longRunKeys.removeAll(keepingCapacity: true)
                    for k in 0..<n { longRunKeys.insert(records[k].employerPeriod) }
                }
                if !longRunKeys.insert(key).inserted { repeated = true }
            }
        }
        if n == recordCapacity { double(&records, count: n, capacity: &recordCapacity) }
        (records + n).initialize(to: r)
        recordCount = n + 1
    }

    /// The current run as a value.
    private var current: Run {
        Run(person: Array(UnsafeBufferPointer(start: person, count: personCount)), fingerprint: fingerprint,
            records: Array(UnsafeBufferPointer(start: records, count: recordCount)), repeated: repeated)
    }

    private func setCurrent(_ run: Run) {
        recordCount = 0
        personCount = 0
        reserve(&person, run.person.count, capacity: &personCapacity)
        run.person.withUnsafeBufferPointer { if let b = $0.baseAddress { person.update(from: b, count: $0.count) } }
        personCount = run.person.count
        fingerprint = run.fingerprint
        repeated = run.repeated
        reserve(&records, run.records.count, capacity: &recordCapacity)
        run.records.withUnsafeBufferPointer { if let b = $0.baseAddress { records.initialize(from: b, count: $0.count) } }
        recordCount = run.records.count
    }

    private func closeCurrent() {
        if currentIsFirst && holdsFirstRun {
            heldFirst = current
        } else if repeated && recordCount > 1 {
            group(current)
        }
        currentIsFirst = false
        hasCurrent = false
    }

    /// Appends the groups of equal keys in `run` (all its lines have byte-equal person ids).
    private func group(_ run: Run) {
        guard run.repeated, run.records.count > 1 else { return }
        let sorted = run.records.sorted { ($0.employerPeriod, $0.line) < ($1.employerPeriod, $1.line) }
        var start = 0
        for k in 1...sorted.count {
            if k == sorted.count || sorted[k].employerPeriod != sorted[start].employerPeriod {
                if k - start > 1 { groups.append(Array(sorted[start..<k])) }
                start = k
            }
        }
    }

    /// Takes in the runs of `other`, which checked the part of the file right after this one's. A run that
    /// straddles the split (this part's last run and `other`'s first, byte-equal persons) is checked as one run;
    /// a fingerprint met in both parts otherwise becomes a suspect.
    func absorb(_ other: PersonRunDuplicates) {
        finishPart()
        other.finishPart()
        var b: Run?
        var bIsOpen = false
        if let held = other.heldFirst { b = held } else if other.hasCurrent && other.currentIsFirst { b = other.current; bIsOpen = true }
        var straddling: UInt64?
        var mine: Run? = hasCurrent ? current : nil
        if let b, var run = mine, run.person == b.person {
            straddling = b.fingerprint
            run.records += b.records
            run.repeated = true
            mine = run
        } else {
            if let run = mine { group(run) }
            if let b, !bIsOpen { group(b) }
            mine = nil
        }
        // The open run afterwards: the joined run when it is still open (the later part had no other run), else the later part's.
        if let run = mine, bIsOpen {
            setCurrent(run)
            hasCurrent = true
        } else {
            if let run = mine { group(run) }
            hasCurrent = other.hasCurrent
            if hasCurrent { setCurrent(other.current) }
        }
        currentIsFirst = false
        groups += other.groups
        runCount += other.runCount - (straddling == nil ? 0 : 1)
        suspects.formUnion(other.suspects)
        // A fingerprint in both parts: the same person (or a collision) in two runs. The straddling run's person
        // is in the previous part's set once for the run itself; any other run with that fingerprint in either
        // part was already a suspect there.
        let previous = sortedParts.count - 1
        for theirs in other.sortedParts {
            for (i, mine) in sortedParts.enumerated() {
                // Both sorted: walk them together.
                var a = 0, b = 0
                while a < mine.count && b < theirs.count {
                    if mine[a] < theirs[b] { a += 1 } else if mine[a] > theirs[b] { b += 1 } else {
                        if !(i == previous && mine[a] == straddling) { suspects.insert(mine[a]) }
                        a += 1
                        b += 1
                    }
                }
            }
        }
        sortedParts += other.sortedParts
    }

    /// The `count` values at `values`, sorted ascending (least significant digit first, four passes of 16 bits:
    /// linear in `count`, where a comparison sort of millions of run fingerprints costs several times more).
    static func radixSorted(_ values: UnsafePointer<UInt64>, count: Int) -> [UInt64] {
        var a = Array(UnsafeBufferPointer(start: values, count: count))
        guard count > 1 else { return a }
        var b = [UInt64](repeating: 0, count: count)
        var counts = [Int](repeating: 0, count: 1 << 16)
        for pass in 0..<4 {
            let shift = UInt64(pass * 16)
            a.withUnsafeBufferPointer { src in
                b.withUnsafeMutableBufferPointer { dst in
                    counts.withUnsafeMutableBufferPointer { c in
                        for k in 0..<c.count { c[k] = 0 }
                        for v in src { c[Int(truncatingIfNeeded: v >> shift) & 0xFFFF] += 1 }
                        var total = 0
                        for k in 0..<c.count { let n = c[k]; c[k] = total; total += n }
                        for v in src {
                            let d = Int(truncatingIfNeeded: v >> shift) & 0xFFFF
                            dst[c[d]] = v
                            c[d] += 1
                        }
                    }
                }
            }
            swap(&a, &b)
        }
        return a
    }

    /// Moves every line number by `offset` (a later part that numbered its lines from a base, see ``PayrollWorker``).
    func shiftLines(by offset: Int) {
        guard offset != 0 else { return }
        for k in 0..<recordCount { records[k] = records[k].shifted(by: offset) }
        if var held = heldFirst {
            held.records = held.records.map { $0.shifted(by: offset) }
            heldFirst = held
        }
        groups = groups.map { $0.map { $0.shifted(by: offset) } }
    }

    /// Closes the open runs; ``groups`` and ``suspects`` are final after this.
    func finish() {
        if hasCurrent { group(current); hasCurrent = false }
        recordCount = 0
        if let held = heldFirst { group(held); heldFirst = nil }
        finishPart()
        sortedParts = []
    }
}

/// A bit filter over the registered persons' id hashes (two bits in one 64-bit word each, about 12 bits per
/// person, so it stays in the core's cache): a person whose two bits are not both set is certainly not registered,
/// so most persons skip the look-up in the registered-person table (whose slots do not fit in the cache at national
/// scale). Two set bits only mean "look it up".
final class RegisteredPersonFilter: @unchecked Sendable {
    private let bits: UnsafeMutablePointer<UInt64>
    private let shift: UInt64
    private let words: Int

    init(_ registered: ByteStringTable) {
        var log2 = 12
        while (1 << log2) < registered.count * 12 { log2 += 1 }
        words = (1 << log2) / 64
        shift = UInt64(64 - (log2 - 6))
        bits = .allocate(capacity: words)
        bits.initialize(repeating: 0, count: words)
        for id in 0..<registered.count {
            let h = Array(registered.bytes(Int32(id))).withUnsafeBufferPointer { ByteStringTable.hash($0) }
            let (w, m) = position(h)
            bits[w] |= m
        }
    }

    deinit { bits.deallocate() }

    /// The word (from the hash's top bits) and the two bits in it (from its low 12 bits).
    @inline(__always)
    private func position(_ h: UInt64) -> (Int, UInt64) {
        (Int(truncatingIfNeeded: h >> shift), 1 << (h & 63) | 1 << ((h >> 6) & 63))
    }

    /// `false` when the person with id hash `h` (``ByteStringTable/hash(_:)``) is certainly not registered.
    @inline(__always)
    func mayContain(_ h: UInt64) -> Bool {
        let (w, m) = position(h)
        return bits[w] & m == m
    }
}

/// Makes room for twice `capacity` elements of a raw buffer, moving its first `count` over.
@inline(__always)
private func double<T>(_ buffer: inout UnsafeMutablePointer<T>, count: Int, capacity: inout Int) {
    let bigger = UnsafeMutablePointer<T>.allocate(capacity: capacity * 2)
    bigger.moveInitialize(from: buffer, count: count)
    buffer.deallocate()
    buffer = bigger
    capacity *= 2
}

/// Makes room for at least `needed` elements of a raw buffer of plain values, not keeping what it held.
@inline(__always)
private func reserve<T>(_ buffer: inout UnsafeMutablePointer<T>, _ needed: Int, capacity: inout Int) {
    guard needed > capacity else { return }
    buffer.deallocate()
    capacity = needed
    buffer = .allocate(capacity: needed)
}
