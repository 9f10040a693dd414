import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakIngest
import Foundation

/// The pass that finds the causes (spec section 13, `diff --causes`). One pass over `payroll.csv`: the lines that touch a changed employer are taken per person run (consecutive
/// lines of one person), and a row received in the window is compared with the rows of its key in that run. A
/// person met in more than one run (a 64-bit fingerprint seen twice) has the rows of its causes settled by a second,
/// exact pass over the file, so the answer never depends on the file's order.
extension DiffCauses {
    /// One payroll row touching a changed employer, as the pass keeps it.
    struct Row {
        var employer: Int32
        var hirer: Int32
        var period: YearMonth
        var received: Int32
        var hours: CentiHours
        var line: Int
    }

    /// The causes per changed employer id, each list sorted by file, line. `lo` and `hi` are the two runs' as-of
    /// dates as ``ReceivedDate`` (``ReceivedDate/noCutoff`` for a run without one), `lo <= hi`.
    public static func find(inputDirectory: String, year: Int, lo: Int32, hi: Int32, changed: Set<String>) throws -> [String: [Cause]] {
        let dir = URL(fileURLWithPath: inputDirectory)
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
        var employerCounts = RowCounts()
        var ignored: [Rejection] = []
        let employers = try EmployersFile.read(path: path(EmployersFile.fileName), counts: &employerCounts, rejections: &ignored)
        var mask = [Bool](repeating: false, count: employers.count)
        for id in changed {
            if let e = Array(id.utf8).withUnsafeBufferPointer({ employers.ids.find($0) }) { mask[Int(e)] = true }
        }
        // Registrations received between the cut-offs.
        var registerCounts = RowCounts()
        var receivedColumn = false
        let registrations = try RegisterFile.read(path: path(RegisterFile.fileName), asOf: hi, counts: &registerCounts,
                                                  rejections: &ignored, receivedColumn: &receivedColumn)
        let lateRegistrations = registrations.filter { $0.received > lo && $0.received <= hi }
        var latePersons: [[UInt8]: [Registration]] = [:]
        for r in lateRegistrations { latePersons[r.personId, default: []].append(r) }
        // Per late-registered person, the months of year t its registrations cover at each cut-off.
        var monthsAt: [[UInt8]: (lo: UInt16, hi: UInt16)] = [:]
        for r in registrations where latePersons[r.personId] != nil {
            let months = monthsCovered(r, year: year)
            var m = monthsAt[r.personId] ?? (0, 0)
            if r.received <= lo { m.lo |= months }
            m.hi |= months
            monthsAt[r.personId] = m
        }

        var pass = Pass(lo: lo, hi: hi, mask: mask, latePersons: latePersons)
        let parser = try PayrollParser(path: path(PayrollParser.fileName), employers: employers)
        var batch = PayrollBatch()
        while try parser.fill(&batch) { pass.add(batch) }
        pass.closeRun()

        // Persons met in more than one run: their causes are settled again over the whole file.
        let suspects = pass.suspectFingerprints()
        var causes = pass.causes.filter { !suspects.contains($0.fingerprint) }
        let recheck = pass.causes.filter { suspects.contains($0.fingerprint) }
        if !recheck.isEmpty { causes += try settle(recheck, payrollPath: path(PayrollParser.fileName), employers: employers, hi: hi) }

        var out: [String: [Cause]] = [:]
        for c in causes {
            let rows = [c.row.employer] + (c.row.hirer >= 0 ? [c.row.hirer] : [])
            for e in rows where mask[Int(e)] {
                out[employers.ids.string(e), default: []].append(Cause(
                    file: PayrollParser.fileName, line: c.row.line, received: ReceivedDate.text(c.row.received),
                    kind: c.before == nil ? "late" : "correction", employerId: employers.ids.string(e),
                    personId: String(decoding: c.person, as: UTF8.self), period: c.row.period.description,
                    hoursBefore: c.before, hoursAfter: c.row.hours))
            }
        }
        for r in lateRegistrations {
            let months = monthsCovered(r, year: year)
            let (before, after) = monthsAt[r.personId] ?? (0, months)
            var hoursAt: [Int32: (before: Int64, after: Int64)] = [:]
            for (key, row) in pass.latePersonRows[r.personId] ?? [:] where months & (1 << (key.period.month - 1)) != 0 && key.period.year == year {
                for e in [row.employer, row.hirer] where e >= 0 && mask[Int(e)] { hoursAt[e] = (0, 0) }
            }
            // Hours before and after over the same rows: those that count at the later cut-off.
            for (key, row) in pass.latePersonRows[r.personId] ?? [:] where key.period.year == year {
                let bit: UInt16 = 1 << (key.period.month - 1)
                for e in [row.employer, row.hirer] where e >= 0 && hoursAt[e] != nil {
                    if before & bit != 0 { hoursAt[e]!.before += row.hours.rawValue }
                    if after & bit != 0 { hoursAt[e]!.after += row.hours.rawValue }
                }
            }
            for (e, hours) in hoursAt {
                out[employers.ids.string(e), default: []].append(Cause(
                    file: RegisterFile.fileName, line: r.line, received: ReceivedDate.text(r.received), kind: "register",
                    employerId: employers.ids.string(e), personId: String(decoding: r.personId, as: UTF8.self), period: nil,
                    hoursBefore: CentiHours(hours.before), hoursAfter: CentiHours(hours.after)))
            }
        }
        for k in out.keys { out[k]!.sort { ($0.file, $0.line) < ($1.file, $1.line) } }
        return out
    }

    /// The months of year t (bit m-1 for month m) that a registration touches on any day.
    static func monthsCovered(_ r: Registration, year: Int) -> UInt16 {
        var bits: UInt16 = 0
        for m in 1...12 {
            let first = LocalDate(year: year, month: m, day: 1)!
            let last = LocalDate(year: year, month: m, day: LocalDate.daysIn(year: year, month: m))!
            if r.from <= last && (r.until.map { $0 >= first } ?? true) { bits |= 1 << (m - 1) }
        }
        return bits
    }

    /// A cause found in a person run: the row, the hours of the row it replaced (`nil`: a late first row), the person.
    struct Found {
        var row: Row
        var before: CentiHours?
        var person: [UInt8]
        var fingerprint: UInt64
    }

    struct Key: Hashable {
        var employer: Int32
        var period: YearMonth
    }

    /// The single pass's state.
    struct Pass {
        let lo: Int32, hi: Int32
        let mask: [Bool]
        let latePersons: [[UInt8]: [Registration]]
        var run: [Row] = []
        var person: [UInt8] = []
        var fingerprint: UInt64 = 0
        var fingerprints: [UInt64] = []
        var causes: [Found] = []
        var runIsLatePerson = false
        /// For late-registered persons: the row that counts at `hi` per key (latest received, first line).
        var latePersonRows: [[UInt8]: [Key: Row]] = [:]

        init(lo: Int32, hi: Int32, mask: [Bool], latePersons: [[UInt8]: [Registration]]) {
            self.lo = lo
            self.hi = hi
            self.mask = mask
            self.latePersons = latePersons
        }

        mutating func add(_ batch: PayrollBatch) {
            batch.personBytes.withUnsafeBufferPointer { arena in
                for l in batch.lines where l.received <= hi {
                    guard mask[Int(l.employer)] || (l.hirer >= 0 && mask[Int(l.hirer)]) else { continue }
                    let bytes = UnsafeBufferPointer(rebasing: arena[Int(l.personStart)..<Int(l.personStart + l.personLength)])
                    if fingerprint == 0 || !FieldParsing.same(bytes, person) {
                        closeRun()
                        person.removeAll(keepingCapacity: true)
                        person.append(contentsOf: bytes)
                        fingerprint = ByteStringTable.hash(bytes) | 1
                        fingerprints.append(fingerprint)
                        runIsLatePerson = latePersons[person] != nil
                    }
                    let row = Row(employer: l.employer, hirer: l.hirer, period: l.period, received: l.received, hours: l.hours, line: l.line)
                    run.append(row)
                    if runIsLatePerson {
                        let key = Key(employer: l.employer, period: l.period)
                        if let best = latePersonRows[person]?[key], best.received >= l.received { continue }
                        latePersonRows[person, default: [:]][key] = row
                    }
                }
            }
        }

        /// Settles the causes of the current run against its rows.
        mutating func closeRun() {
            defer { run.removeAll(keepingCapacity: true) }
            for r in run where r.received > lo && r.received <= hi {
                let (before, duplicate) = DiffCauses.before(r, among: run)
                if !duplicate {
                    causes.append(Found(row: r, before: before, person: person, fingerprint: fingerprint))
                }
            }
        }

        func suspectFingerprints() -> Set<UInt64> {
            let sorted = fingerprints.sorted()
            var out = Set<UInt64>()
            var k = 1
            while k < sorted.count {
                if sorted[k] == sorted[k - 1] { out.insert(sorted[k]) }
                k += 1
            }
            return out
        }
    }

    /// The hours of the row `r` replaced among `rows` (the latest received before it, the first by line), `nil`
    /// for a late first row; `duplicate` when a row of the key with the same date comes earlier (then `r` is a
    /// rejected duplicate, no cause).
    static func before(_ r: Row, among rows: [Row]) -> (CentiHours?, Bool) {
        var best: Row?
        for o in rows where o.employer == r.employer && o.period == r.period && o.line != r.line {
            if o.received == r.received && o.line < r.line { return (nil, true) }
            guard o.received < r.received else { continue }
            if best == nil || o.received > best!.received || (o.received == best!.received && o.line < best!.line) { best = o }
        }
        return (best?.hours, false)
    }

    /// The causes of persons met in more than one run, settled over the whole file.
    static func settle(_ found: [Found], payrollPath: String, employers: EmployerRegistry, hi: Int32) throws -> [Found] {
        struct FullKey: Hashable { var person: [UInt8]; var key: Key }
        var rows: [FullKey: [Row]] = [:]
        var keys = Set<Key>()
        for f in found {
            rows[FullKey(person: f.person, key: Key(employer: f.row.employer, period: f.row.period))] = []
            keys.insert(Key(employer: f.row.employer, period: f.row.period))
        }
        let parser = try PayrollParser(path: payrollPath, employers: employers)
        var batch = PayrollBatch()
        while try parser.fill(&batch) {
            for l in batch.lines where l.received <= hi && keys.contains(Key(employer: l.employer, period: l.period)) {
                let person = Array(batch.personBytes[Int(l.personStart)..<Int(l.personStart + l.personLength)])
                let k = FullKey(person: person, key: Key(employer: l.employer, period: l.period))
                if rows[k] != nil {
                    rows[k]!.append(Row(employer: l.employer, hirer: l.hirer, period: l.period, received: l.received, hours: l.hours, line: l.line))
                }
            }
        }
        var out: [Found] = []
        var seen = Set<Int>()
        for f in found where seen.insert(f.row.line).inserted {
            let all = rows[FullKey(person: f.person, key: Key(employer: f.row.employer, period: f.row.period))] ?? []
            let (before, duplicate) = before(f.row, among: all)
            if !duplicate {
                var g = f
                g.before = before
                out.append(g)
            }
        }
        return out
    }
}
