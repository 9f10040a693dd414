#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BanenafspraakCore
import BanenafspraakIngest

/// A set of 64-bit person fingerprints (never 0), open addressing with linear probing.
final class FingerprintSet {
    private var slots: UnsafeMutablePointer<UInt64>
    private var bits: Int
    private(set) var count = 0

    init(initialBits: Int = 16) {
        bits = initialBits
        slots = .allocate(capacity: 1 << bits)
        slots.initialize(repeating: 0, count: 1 << bits)
    }

    deinit { slots.deallocate() }

    @inline(__always)
    private func slot(_ f: UInt64) -> Int { Int(truncatingIfNeeded: (f &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits)) }

    /// Adds `f` (not 0); `false` when it was already there.
    @inline(__always)
    func insert(_ f: UInt64) -> Bool {
        let mask = (1 << bits) - 1
        var s = slot(f)
        while true {
            let v = slots[s]
            if v == f { return false }
            if v == 0 { break }
            s = (s + 1) & mask
        }
        slots[s] = f
        count += 1
        if count * 10 > (1 << bits) * 7 { grow() }
        return true
    }

    @inline(__always)
    func contains(_ f: UInt64) -> Bool {
        let mask = (1 << bits) - 1
        var s = slot(f)
        while true {
            let v = slots[s]
            if v == f { return true }
            if v == 0 { return false }
            s = (s + 1) & mask
        }
    }

    /// Calls `body` with every fingerprint in the set.
    func forEach(_ body: (UInt64) -> Void) {
        for s in 0..<(1 << bits) where slots[s] != 0 { body(slots[s]) }
    }

    private func grow() {
        let old = slots, oldSize = 1 << bits
        bits += 1
        slots = .allocate(capacity: 1 << bits)
        slots.initialize(repeating: 0, count: 1 << bits)
        let mask = (1 << bits) - 1
        for k in 0..<oldSize where old[k] != 0 {
            var s = slot(old[k])
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = old[k]
        }
        old.deallocate()
    }
}

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
/// duplicates. A duplicate across runs needs the same person in two runs; a set of 64-bit person fingerprints
/// notices every person met again, and such a fingerprint becomes a *suspect*. Every line of a suspect
/// fingerprint is then checked exactly after the pass (``PayrollAggregator/resolveDuplicates(payrollPath:employers:)``),
/// so a fingerprint collision costs time, never exactness. Payroll that lists each person's lines together,
/// as the generated files and a payroll administration's export per person do, has no suspects.
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
    /// The fingerprint sets of this part and of the parts absorbed, in file order.
    private var fingerprintSets: [FingerprintSet]
    private(set) var suspects: Set<UInt64> = []
    private(set) var runCount = 0

    init(holdsFirstRun: Bool) {
        self.holdsFirstRun = holdsFirstRun
        fingerprintSets = [FingerprintSet()]
        person = .allocate(capacity: personCapacity)
        records = .allocate(capacity: recordCapacity)
    }

    deinit {
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
        if bytes.count > personCapacity {
            person.deallocate()
            personCapacity = bytes.count
            person = .allocate(capacity: personCapacity)
        }
        if let base = bytes.baseAddress { person.update(from: base, count: bytes.count) }
        personCount = bytes.count
        self.fingerprint = fingerprint
        recordCount = 0
        repeated = false
        keyBits = 0
        if !fingerprintSets[0].insert(fingerprint) { suspects.insert(fingerprint) }
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
        if n == recordCapacity {
            let bigger = UnsafeMutablePointer<Record>.allocate(capacity: recordCapacity * 2)
            bigger.moveInitialize(from: records, count: n)
            records.deallocate()
            records = bigger
            recordCapacity *= 2
        }
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
        if run.person.count > personCapacity {
            person.deallocate()
            personCapacity = run.person.count
            person = .allocate(capacity: personCapacity)
        }
        run.person.withUnsafeBufferPointer { if let b = $0.baseAddress { person.update(from: b, count: $0.count) } }
        personCount = run.person.count
        fingerprint = run.fingerprint
        repeated = run.repeated
        if run.records.count > recordCapacity {
            records.deallocate()
            recordCapacity = run.records.count
            records = .allocate(capacity: recordCapacity)
        }
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
        let previous = fingerprintSets.count - 1
        for theirs in other.fingerprintSets {
            theirs.forEach { f in
                for (i, mine) in fingerprintSets.enumerated() where mine.contains(f) {
                    if i == previous && f == straddling { continue }
                    suspects.insert(f)
                }
            }
        }
        fingerprintSets += other.fingerprintSets
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
        fingerprintSets = []
    }
}

/// A bit filter over the registered persons' id hashes (two bits each, about 24 bits per person): a person whose
/// bits are not both set is certainly not registered, so most lines skip the look-up in the registered-person table
/// (whose slots do not fit in the cache at national scale). A set pair only means "look it up".
final class RegisteredPersonFilter: @unchecked Sendable {
    private let bits: UnsafeMutablePointer<UInt64>
    private let shift: UInt64
    private let words: Int

    init(_ registered: ByteStringTable) {
        var log2 = 16
        while (1 << log2) < registered.count * 24 { log2 += 1 }
        shift = UInt64(64 - log2)
        words = (1 << log2) / 64
        bits = .allocate(capacity: words)
        bits.initialize(repeating: 0, count: words)
        for id in 0..<registered.count {
            let h = Array(registered.bytes(Int32(id))).withUnsafeBufferPointer { ByteStringTable.hash($0) }
            let (a, b) = positions(h)
            bits[a >> 6] |= 1 << UInt64(a & 63)
            bits[b >> 6] |= 1 << UInt64(b & 63)
        }
    }

    deinit { bits.deallocate() }

    @inline(__always)
    private func positions(_ h: UInt64) -> (Int, Int) {
        (Int(truncatingIfNeeded: h >> shift), Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> shift))
    }

    /// `false` when the person with id hash `h` (``ByteStringTable/hash(_:)``) is certainly not registered.
    @inline(__always)
    func mayContain(_ h: UInt64) -> Bool {
        let (a, b) = positions(h)
        return bits[a >> 6] & (1 << UInt64(a & 63)) != 0 && bits[b >> 6] & (1 << UInt64(b & 63)) != 0
    }
}
