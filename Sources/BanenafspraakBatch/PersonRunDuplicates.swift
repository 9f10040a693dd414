import BanenafspraakCore

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
    private var current = Run()
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
    }

    /// Starts a new run of person `person` with fingerprint `fingerprint` (not 0).
    @inline(__always)
    func startRun(person: UnsafeBufferPointer<UInt8>, fingerprint: UInt64) {
        if hasCurrent { closeCurrent() }
        hasCurrent = true
        runCount += 1
        current.person.removeAll(keepingCapacity: true)
        current.person.append(contentsOf: person)
        current.fingerprint = fingerprint
        current.records.removeAll(keepingCapacity: true)
        current.repeated = false
        if !fingerprintSets[0].insert(fingerprint) { suspects.insert(fingerprint) }
    }

    /// Adds a line of the current run.
    @inline(__always)
    func add(_ r: Record) {
        let key = r.employerPeriod
        if !current.repeated {
            let n = current.records.count
            if n < PersonRunDuplicates.linearScanLimit {
                current.records.withUnsafeBufferPointer { rs in
                    for k in 0..<n where rs[k].employerPeriod == key { current.repeated = true; break }
                }
            } else {
                if n == PersonRunDuplicates.linearScanLimit {
                    longRunKeys.removeAll(keepingCapacity: true)
                    for o in current.records { longRunKeys.insert(o.employerPeriod) }
                }
                if !longRunKeys.insert(key).inserted { current.repeated = true }
            }
        }
        current.records.append(r)
    }

    private func closeCurrent() {
        if currentIsFirst && holdsFirstRun {
            heldFirst = current
            current = Run()
        } else {
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
        if let b, hasCurrent, current.person == b.person {
            straddling = b.fingerprint
            current.records += b.records
            current.repeated = true
            if !bIsOpen {
                group(current)
                current = other.current
                hasCurrent = other.hasCurrent
            }
        } else {
            if hasCurrent { group(current) }
            if let b, !bIsOpen { group(b) }
            current = other.current
            hasCurrent = other.hasCurrent
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

    /// Closes the open runs; ``groups`` and ``suspects`` are final after this.
    func finish() {
        if hasCurrent { group(current); hasCurrent = false }
        if let held = heldFirst { group(held); heldFirst = nil }
        fingerprintSets = []
    }
}
