import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakIngest

/// Stage 2 of the payroll path: adds each valid line to the per-employer and per-pair totals, splits off rows
/// outside year t, and settles duplicates exactly after the pass (the first valid row wins, reading R6 in docs/readings.md).
///
/// Lines are added as they come; ``PersonRunDuplicates`` compares the keys of each person's consecutive lines in
/// memory and notes persons met again in a later run. After the pass, ``resolveDuplicates(payrollPath:employers:)``
/// checks those persons' lines over the whole file (a ``DuplicateSpill`` restricted to them), verifies every
/// candidate group against the raw text, and takes every later duplicate back out of the totals. State grows
/// with employers and persons (one 64-bit fingerprint each), not with lines.
struct PayrollAggregator {
    let year: Int
    let register: RegisterIndex
    /// The registered persons (ids `0..<register.registeredCount`); everyone else needs no state.
    let registered: ByteStringTable
    let premiumCap: Cents
    let sectorOf: [Sector]
    let regionOf: [UInt8]
    /// The duplicate check per person run (its runs and, after ``absorb(_:)``, those of the later parts).
    private let runs: PersonRunDuplicates
    /// What the duplicate check did (final after ``resolveDuplicates(payrollPath:employers:)``).
    private(set) var duplicateStats = DuplicateCheckStats()
    /// The person fingerprint (a test seam can make it collide).
    private let personHash: @Sendable (UnsafeBufferPointer<UInt8>) -> UInt64

    var hoursTotal: [Int64]
    var hoursA: [Int64]
    var hoursC: [Int64]
    var premiumBase: [Int64]
    /// Target-group hours per (employer, person) pair at the formal employer: the LKV and bonus base (Kamerbrief vereenvoudiging banenafspraak (2019)).
    var targetGroupPairHours: [UInt64: Int64] = [:]
    var hoursDecember: [Sector: Int64] = [.markt: 0, .overheid: 0]
    /// The same December hours per employer where they count (the hirer when lent out): per subsector and region.
    var hoursDecemberAt: [Int64]
    var counts = RowCounts()
    /// Valid, non-duplicate rows outside year t, by the year they hold (for the wrong-year check).
    var outsideYears: [Int: Int] = [:]
    /// Retention and regional state (Kamerstukken I 2016/17, 33 981, N, reading Regeling Wfsv art. 3.29-3.30 in docs/readings.md): per registered person and quarter, the target-group
    /// lines with hours > 0; per (person, region, quarter), the same.
    var workedLines: [UInt32]
    var personRegionQuarter: [UInt64: Int32] = [:]
    /// Target-group hours per quarter, and those on permanent contracts.
    var quarterHours = [Int64](repeating: 0, count: 4)
    var quarterPermanentHours = [Int64](repeating: 0, count: 4)

    /// The legal calendar (spec section 13): rows received after `asOf` (``ReceivedDate``) are not used, and of
    /// the rows of one key the latest received counts. Only files with a `received` column take this path.
    let calendar: Bool
    let asOf: Int32
    /// Lines superseded within their person run (never added to the totals), sorted by ``finishPart()``; the
    /// whole-file check of a suspect person needs them.
    private var supersededInRun: [Int] = []
    /// Of ``add(_:log:)``'s batch: the indexes of the current person's lines not yet settled (calendar path).
    private var pending: [Int] = []
    /// One bit per key hash of ``pending``'s lines, and whether a bit was met twice (then the run may hold a correction).
    private var pendingKeyBits: UInt64 = 0
    private var pendingMayRepeat = false
    /// Corrections of the traced employer's lines, by the line of the row that counts (calendar path).
    var traceCorrections: [(line: Int, correction: EmployerTrace.Correction)] = []

    /// The employer to keep line-level detail for (`explain`), or -1.
    let traceEmployer: Int32
    /// Keep every target-group line behind C, LKV and bonus and the per-employer line counts (for the store).
    let keepLineDetail: Bool
    var detailLines: [TargetGroupLineRecord] = []
    var lineCounts: [EmployerLineCounts] = []
    var traceLines: [EmployerTrace.Line] = []
    /// The traced employer's lines received after the as-of date (calendar path).
    var traceNotes: [EmployerTrace.ReceivedNote] = []
    /// With ``keepLineDetail`` on the calendar path: the corrected and after-cut-off target-group rows (spec
    /// section 13), persons as registered ids; late lines are found from ``detailLines`` afterwards.
    var calendarLines: [CalendarLineRecord] = []
    let employerIds: ByteStringTable

    /// Most persons are not registered: this filter answers that without the table look-up.
    private let registeredFilter: RegisteredPersonFilter
    private var lastPersonHash: UInt64 = 0
    private var lastPerson: Int32 = -1

    init(year: Int, register: RegisterIndex, registered: ByteStringTable, employers: EmployerRegistry,
         premiumCap: Cents, traceEmployer: Int32, keepLineDetail: Bool = false, laterPart: Bool = false,
         calendar: Bool = false, asOf: Int32 = ReceivedDate.noCutoff,
         personHash: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> UInt64 = { ByteStringTable.hash($0) }) throws {
        self.personHash = personHash
        self.calendar = calendar
        self.asOf = asOf
        self.year = year
        self.register = register
        self.registered = registered
        self.premiumCap = premiumCap
        self.sectorOf = employers.sector
        self.regionOf = employers.region
        self.traceEmployer = traceEmployer
        self.keepLineDetail = keepLineDetail
        if keepLineDetail { lineCounts = Array(repeating: EmployerLineCounts(), count: employers.count) }
        self.employerIds = employers.ids
        guard employers.count < DuplicateSpill.Record.maximumEmployers else {
            throw QuotaRunError("more than \(DuplicateSpill.Record.maximumEmployers - 1) employers are not supported")
        }
        runs = PersonRunDuplicates(holdsFirstRun: laterPart)
        registeredFilter = RegisteredPersonFilter(registered)
        workedLines = Array(repeating: 0, count: register.registeredCount * 4)
        let n = employers.count
        hoursTotal = Array(repeating: 0, count: n)
        hoursA = Array(repeating: 0, count: n)
        hoursC = Array(repeating: 0, count: n)
        premiumBase = Array(repeating: 0, count: n)
        hoursDecemberAt = Array(repeating: 0, count: n)
    }

    /// Processes one batch in file order; stage-1 rejections go to `log`.
    mutating func add(_ batch: PayrollBatch, log: RejectionLog) {
        counts.read += batch.rowsRead
        counts.rejected += batch.rejections.count
        for r in batch.rejections { log.addDeferred(r) }
        if calendar { return addAsKnown(batch) }
        let runs = self.runs, filter = self.registeredFilter
        batch.personBytes.withUnsafeBufferPointer { personArena in
            for line in batch.lines {
                let bytes = UnsafeBufferPointer(rebasing: personArena[Int(line.personStart)..<Int(line.personStart + line.personLength)])
                if !runs.continues(bytes) {
                    let h = ByteStringTable.hash(bytes)
                    lastPersonHash = personHash(bytes) | 1 // never 0
                    lastPerson = filter.mayContain(h) ? registered.find(bytes, hash: h) ?? -1 : -1
                    runs.startRun(person: bytes, fingerprint: lastPersonHash)
                }
                runs.add(DuplicateSpill.Record(personHash: lastPersonHash, employer: line.employer, period: line.period,
                                               line: line.line, fileOffset: line.fileOffset))
                if line.period.year == year {
                    counts.accepted += 1
                    apply(line, registeredPerson: lastPerson, personBytes: bytes, sign: 1)
                } else {
                    counts.outsideYear += 1
                    outsideYears[line.period.year, default: 0] += 1
                }
            }
        }
    }

    /// The calendar path of ``add(_:log:)`` (spec section 13; Wfsv art. 38e lid 3): a row received after the
    /// as-of date is `after_cutoff`; the lines of one person run are settled together when the run ends (or
    /// the batch does): a line with the same key as a line of the run received later is `superseded` and never
    /// added; the others go on as in the plain path (equal keys with equal `received` are duplicates, settled after
    /// the pass, as are corrections across runs).
    private mutating func addAsKnown(_ batch: PayrollBatch) {
        let runs = self.runs, filter = self.registeredFilter
        pending.removeAll(keepingCapacity: true)
        batch.personBytes.withUnsafeBufferPointer { personArena in
            func bytes(_ line: ParsedPayrollLine) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: personArena[Int(line.personStart)..<Int(line.personStart + line.personLength)])
            }
            for (k, line) in batch.lines.enumerated() {
                if line.received > asOf {
                    counts.afterCutoff += 1
                    if keepLineDetail || traceEmployer >= 0 { noteAfterCutoff(line, person: bytes(line)) }
                    continue
                }
                let person = bytes(line)
                if !runs.continues(person) {
                    settlePending(batch, bytes)
                    let h = ByteStringTable.hash(person)
                    lastPersonHash = personHash(person) | 1 // never 0
                    lastPerson = filter.mayContain(h) ? registered.find(person, hash: h) ?? -1 : -1
                    runs.startRun(person: person, fingerprint: lastPersonHash)
                }
                let key = UInt64(UInt32(bitPattern: line.employer)) << 17 | UInt64(line.period.index)
                let bit: UInt64 = 1 << ((key &* 0x9E37_79B9_7F4A_7C15) >> 58)
                if pendingKeyBits & bit != 0 { pendingMayRepeat = true }
                pendingKeyBits |= bit
                pending.append(k)
            }
            settlePending(batch, bytes)
        }
    }

    /// Keeps a row received after the as-of date: for the store when the person is in the target group in its
    /// month (as ``apply(_:registeredPerson:personBytes:sign:)`` decides for C), and for the traced employer.
    private mutating func noteAfterCutoff(_ line: ParsedPayrollLine, person bytes: UnsafeBufferPointer<UInt8>) {
        if traceEmployer >= 0 && (line.employer == traceEmployer || line.hirer == traceEmployer) {
            traceNotes.append(EmployerTrace.ReceivedNote(kind: .afterCutoff, person: String(decoding: bytes, as: UTF8.self), period: line.period,
                                                         hours: line.hours, received: ReceivedDate.text(line.received), line: line.line))
        }
        guard keepLineDetail, line.period.year == year, line.hirer >= 0 || line.scheme != .wsw else { return }
        let h = ByteStringTable.hash(bytes)
        guard registeredFilter.mayContain(h), let person = registered.find(bytes, hash: h),
              register.counts(person: person, bit: 1 << (line.period.month - 1), scheme: line.scheme) else { return }
        calendarLines.append(CalendarLineRecord(kind: .afterCutoff, employer: line.employer, hirer: line.hirer, person: person,
                                                period: line.period, received: line.received, hours: line.hours, line: line.line))
    }

    /// Keeps, for the store, a correction of a target-group row (`line` replaced by `next`; `counting` is the row
    /// that counts at the end of the chain).
    private mutating func noteCorrection(_ line: ParsedPayrollLine, by next: ParsedPayrollLine, counting: Int, person: Int32) {
        guard keepLineDetail, person >= 0, line.period.year == year, line.hirer >= 0 || line.scheme != .wsw,
              register.counts(person: person, bit: 1 << (line.period.month - 1), scheme: line.scheme) else { return }
        calendarLines.append(CalendarLineRecord(kind: .correction, employer: line.employer, hirer: line.hirer, person: person,
                                                period: line.period, received: next.received, hoursBefore: line.hours,
                                                hours: next.hours, line: counting, replacedLine: line.line))
    }

    /// Settles ``pending`` (lines of the current person run): superseded lines are counted, the others added.
    private mutating func settlePending(_ batch: PayrollBatch, _ bytes: (ParsedPayrollLine) -> UnsafeBufferPointer<UInt8>) {
        guard !pending.isEmpty else { return }
        let lines = batch.lines
        let mayRepeat = pendingMayRepeat
        pendingKeyBits = 0
        pendingMayRepeat = false
        for (i, k) in pending.enumerated() {
            let line = lines[k]
            var replacedBy: Int?
            if mayRepeat {
                for (j, other) in pending.enumerated() where j != i {
                    let o = lines[other]
                    if o.employer == line.employer && o.period == line.period && o.received > line.received {
                        if replacedBy == nil || lines[replacedBy!].received > o.received { replacedBy = other }
                    }
                }
            }
            if let next = replacedBy {
                counts.superseded += 1
                supersededInRun.append(line.line)
                let traced = traceEmployer >= 0 && (line.employer == traceEmployer || line.hirer == traceEmployer)
                if traced || (keepLineDetail && lastPerson >= 0) {
                    // The row that replaced it directly; the chain ends at the row that counts.
                    var last = next
                    while let n = pending.first(where: { lines[$0].employer == line.employer && lines[$0].period == line.period
                        && lines[$0].received > lines[last].received }) { last = n }
                    let after = lines[next]
                    if traced {
                        traceCorrections.append((lines[last].line, EmployerTrace.Correction(
                            received: ReceivedDate.text(after.received), hoursBefore: line.hours, hoursAfter: after.hours, replacedLine: line.line)))
                    }
                    noteCorrection(line, by: after, counting: lines[last].line, person: lastPerson)
                }
                continue
            }
            runs.add(DuplicateSpill.Record(personHash: lastPersonHash, employer: line.employer, period: line.period,
                                           line: line.line, fileOffset: line.fileOffset))
            if line.period.year == year {
                counts.accepted += 1
                apply(line, registeredPerson: lastPerson, personBytes: bytes(line), sign: 1)
            } else {
                counts.outsideYear += 1
                outsideYears[line.period.year, default: 0] += 1
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Adds (`sign` 1) or takes back (`sign` -1) an in-year line's contribution to every total
    /// (Kamerbrief vereenvoudiging banenafspraak (2019); readings Regeling Wfsv art. 3.29-3.30, R9, R11, R17 in docs/readings.md). `person` is the registered person's id, or -1.
    @inline(__always)
    private mutating func apply(_ line: ParsedPayrollLine, registeredPerson person: Int32, personBytes bytes: UnsafeBufferPointer<UInt8>, sign: Int64) {
        let e = Int(line.employer)
        let h = line.hours.rawValue * sign
        let lentOut = line.hirer >= 0
        // hours_total: every own line (reading R9 in docs/readings.md).
        hoursTotal[e] += h
        // A: own hours without lent-out lines and non-lent-out wsw lines (Wfsv 38g lid 2; reading R10 in docs/readings.md: beschut included).
        if !lentOut && line.scheme != .wsw { hoursA[e] += h }
        // Premium base: own regular lines, wage capped per monthly tijdvak (WBA art. 6; reading R16 in docs/readings.md).
        if !lentOut && line.scheme == .regular { premiumBase[e] += PremiumBase.line(wage: line.wage, monthlyCap: premiumCap).rawValue * sign }
        let bit: UInt16 = 1 << (line.period.month - 1)
        let targetGroup = person >= 0 && register.counts(person: person, bit: bit, scheme: line.scheme)
        if keepLineDetail && !lentOut {
            // The line counts the explanation of A and of the premium base shows (explanations: docs/contracts-internal.md).
            if line.scheme != .wsw { lineCounts[e].a += Int(sign) }
            if line.scheme == .regular {
                lineCounts[e].premiumBase += Int(sign)
                if line.wage > premiumCap { lineCounts[e].capped += Int(sign) }
            }
        }
        if targetGroup && (lentOut || line.scheme != .wsw) {
            if keepLineDetail && sign > 0 {
                var record = TargetGroupLineRecord(employer: line.employer, hirer: line.hirer, person: person, period: line.period,
                                                   hours: line.hours, wage: line.wage, scheme: line.scheme, line: line.line)
                record.received = line.received
                detailLines.append(record)
            }
            // C: the hirer's for lent-out lines (Besluit Wfsv 2.28), else the employer's own (reading R10 in docs/readings.md).
            hoursC[lentOut ? Int(line.hirer) : e] += h
            // LKV and bonus: the formal employer, lent-out lines included (Kamerbrief vereenvoudiging banenafspraak (2019); reading R17 in docs/readings.md).
            targetGroupPairHours[PairKey.make(employer: line.employer, person: person), default: 0] += h
            // Measurement: December lines, in the hirer's sector when lent out (Regeling Wfsv 3.30).
            if line.period.month == 12 {
                let at = lentOut ? Int(line.hirer) : e
                hoursDecember[sectorOf[at]]! += h
                hoursDecemberAt[at] += h
            }
            // Retention and regional figures: where the work is done (the hirer's region when lent out).
            let quarter = (line.period.month - 1) / 3
            quarterHours[quarter] += h
            if line.permanent { quarterPermanentHours[quarter] += h }
            if line.hours.rawValue > 0 {
                workedLines[Int(person) * 4 + quarter] = UInt32(Int64(workedLines[Int(person) * 4 + quarter]) + sign)
                let region = regionOf[lentOut ? Int(line.hirer) : e]
                personRegionQuarter[UInt64(UInt32(bitPattern: person)) << 16 | UInt64(region) << 8 | UInt64(quarter), default: 0] += Int32(sign)
            }
        }
        if traceEmployer >= 0 && sign > 0 && (line.employer == traceEmployer || line.hirer == traceEmployer) {
            var traced = EmployerTrace.Line(
                person: String(decoding: bytes, as: UTF8.self), period: line.period, hours: line.hours, wage: line.wage,
                scheme: line.scheme, employer: employerIds.string(line.employer),
                hirer: lentOut ? employerIds.string(line.hirer) : nil, targetGroup: targetGroup, line: line.line)
            traced.received = line.received
            traceLines.append(traced)
        }
    }

    /// Ends this part's pass: its duplicate-check bookkeeping is sorted on the calling (worker) thread.
    mutating func finishPart() {
        runs.finishPart()
        supersededInRun.sort()
    }

    /// Moves every line number kept so far by `offset`: a later part is parsed before the lines ahead of it are
    /// counted, from a base line, and moved once the earlier part has counted them.
    mutating func shiftLines(by offset: Int) {
        guard offset != 0 else { return }
        runs.shiftLines(by: offset)
        for i in supersededInRun.indices { supersededInRun[i] += offset }
        for i in traceCorrections.indices {
            traceCorrections[i].line += offset
            traceCorrections[i].correction.replacedLine += offset
        }
        for i in detailLines.indices { detailLines[i].line += offset }
        for i in traceLines.indices { traceLines[i].line += offset }
        for i in traceNotes.indices { traceNotes[i].line += offset }
        for i in calendarLines.indices {
            calendarLines[i].line += offset
            calendarLines[i].replacedLine? += offset
        }
    }

    /// Adds the totals of `other`, which aggregated a *later* part of `payroll.csv` (every total is a sum, so
    /// the order of adding does not matter; line-ordered lists are appended). Its person runs join this one's
    /// (``PersonRunDuplicates/absorb(_:)``), so duplicates across the parts are settled by
    /// ``resolveDuplicates(payrollPath:employers:)``.
    mutating func absorb(_ other: PayrollAggregator) {
        for e in hoursTotal.indices {
            hoursTotal[e] += other.hoursTotal[e]
            hoursA[e] += other.hoursA[e]
            hoursC[e] += other.hoursC[e]
            premiumBase[e] += other.premiumBase[e]
            hoursDecemberAt[e] += other.hoursDecemberAt[e]
        }
        for (k, v) in other.targetGroupPairHours { targetGroupPairHours[k, default: 0] += v }
        for (k, v) in other.hoursDecember { hoursDecember[k, default: 0] += v }
        counts.read += other.counts.read
        counts.accepted += other.counts.accepted
        counts.rejected += other.counts.rejected
        counts.outsideYear += other.counts.outsideYear
        counts.afterCutoff += other.counts.afterCutoff
        counts.superseded += other.counts.superseded
        supersededInRun += other.supersededInRun
        traceCorrections += other.traceCorrections
        for (k, v) in other.outsideYears { outsideYears[k, default: 0] += v }
        for i in workedLines.indices { workedLines[i] &+= other.workedLines[i] }
        for (k, v) in other.personRegionQuarter { personRegionQuarter[k, default: 0] += v }
        for q in 0..<4 {
            quarterHours[q] += other.quarterHours[q]
            quarterPermanentHours[q] += other.quarterPermanentHours[q]
        }
        for e in lineCounts.indices {
            lineCounts[e].a += other.lineCounts[e].a
            lineCounts[e].premiumBase += other.lineCounts[e].premiumBase
            lineCounts[e].capped += other.lineCounts[e].capped
        }
        detailLines += other.detailLines
        traceLines += other.traceLines
        traceNotes += other.traceNotes
        calendarLines += other.calendarLines
        runs.absorb(other.runs)
    }

    /// Settles duplicates after the pass: groups of equal keys (within person runs, and over the whole file for
    /// persons met in more than one run) are checked against the lines' raw text (re-read and re-parsed with the
    /// same parser), so only true duplicates count; in each, the first line wins and every later one is taken
    /// back out of the totals and rejected (reading R6 in docs/readings.md).
    mutating func resolveDuplicates(payrollPath: String, employers: EmployerRegistry) throws -> [Rejection] {
        runs.finish()
        var groups = runs.groups
        duplicateStats.personRuns = runs.runCount
        duplicateStats.suspectFingerprints = runs.suspects.count
        if !runs.suspects.isEmpty {
            // The whole-file check replaces the per-run groups of these fingerprints.
            let suspects = runs.suspects
            groups.removeAll { suspects.contains($0[0].personHash) }
            let spilled = try Self.suspectGroups(payrollPath: payrollPath, employers: employers, suspects: suspects, asOf: asOf, personHash: personHash)
            duplicateStats.rescannedLines = spilled.lines
            groups += spilled.groups
        }
        groups.sort { $0[0].line < $1[0].line }
        duplicateStats.candidateGroups = groups.count
        guard !groups.isEmpty else { attachTraceCorrections(); return [] }
        let records = groups.flatMap { $0 }
        let reparsed = try LineReparser.reparse(payrollPath: payrollPath, offsets: records.map(\.fileOffset), lines: records.map { Int64($0.line) }, employers: employers)
        var index = 0
        var duplicates: [Rejection] = []
        var duplicateLines = Set<Int>()
        for group in groups {
            let parsed = Array(reparsed[index..<index + group.count])
            index += group.count
            // Within a candidate group, lines are duplicates only when the person ids are byte-equal. The row
            // that counts is the latest received, the first by line among equal dates (without `received`: the
            // first row, reading R6); an earlier-received row is superseded by a correction (spec section 13).
            var counting: [[UInt8]: Int] = [:]
            for (k, p) in parsed.enumerated() {
                if let c = counting[p.person] {
                    let best = parsed[c].line
                    if p.line.received > best.received || (p.line.received == best.received && p.line.line < best.line) { counting[p.person] = k }
                } else {
                    counting[p.person] = k
                }
            }
            for (k, p) in parsed.enumerated() where counting[p.person] != k {
                let line = p.line
                let winner = parsed[counting[p.person]!].line
                let superseded = line.received < winner.received
                if superseded {
                    duplicateLines.insert(line.line)
                    // Settled within its run already (never added): nothing to take back.
                    if supersededInRun.binarySearchContains(line.line) { continue }
                    counts.superseded += 1
                    let later = parsed.filter { $0.person == p.person && $0.line.received > line.received }.map(\.line)
                    noteCorrection(replaced: line, by: later, counting: winner)
                    if keepLineDetail, let next = later.min(by: { ($0.received, $0.line) < ($1.received, $1.line) }) {
                        noteCorrection(line, by: next, counting: winner.line, person: p.person.withUnsafeBufferPointer { registered.find($0) } ?? -1)
                    }
                } else {
                    counts.rejected += 1
                }
                if line.period.year == year {
                    counts.accepted -= 1
                    let person = p.person.withUnsafeBufferPointer { registered.find($0) } ?? -1
                    p.person.withUnsafeBufferPointer { apply(line, registeredPerson: person, personBytes: $0, sign: -1) }
                } else {
                    counts.outsideYear -= 1
                    outsideYears[line.period.year, default: 0] -= 1
                }
                if superseded { continue }
                duplicateLines.insert(line.line)
                duplicates.append(Rejection(
                    file: .payroll, line: line.line, column: PayrollParser.Column.period.rawValue, code: .duplicate,
                    message: "duplicates an earlier accepted row for (employer_id, person_id, period)", raw: p.raw))
            }
        }
        if !duplicateLines.isEmpty {
            traceLines.removeAll { duplicateLines.contains($0.line) }
            detailLines.removeAll { duplicateLines.contains($0.line) }
        }
        attachTraceCorrections()
        return duplicates.sorted { $0.line < $1.line }
    }

    /// Notes, for the traced employer, that `line` was replaced by the first of `later` (rows of its key received
    /// later); the note goes with the row that counts.
    private mutating func noteCorrection(replaced line: ParsedPayrollLine, by later: [ParsedPayrollLine], counting: ParsedPayrollLine) {
        guard traceEmployer >= 0, line.employer == traceEmployer || line.hirer == traceEmployer,
              let next = later.min(by: { ($0.received, $0.line) < ($1.received, $1.line) }) else { return }
        traceCorrections.append((counting.line, EmployerTrace.Correction(
            received: ReceivedDate.text(next.received), hoursBefore: line.hours, hoursAfter: next.hours, replacedLine: line.line)))
    }

    /// Puts the traced employer's corrections on the lines that count, oldest first.
    private mutating func attachTraceCorrections() {
        guard !traceCorrections.isEmpty else { return }
        var byLine: [Int: [EmployerTrace.Correction]] = [:]
        for (line, c) in traceCorrections { byLine[line, default: []].append(c) }
        for i in traceLines.indices {
            if let cs = byLine[traceLines[i].line] {
                traceLines[i].corrections = cs.sorted { ($0.received, $0.replacedLine) < ($1.received, $1.replacedLine) }
            }
        }
    }

    /// The candidate groups of the suspect fingerprints over the whole file: a second pass parses `payroll.csv`
    /// again and spills a key record for each valid line of a suspect (normally none, so this pass is skipped).
    private static func suspectGroups(payrollPath: String, employers: EmployerRegistry, suspects: Set<UInt64>, asOf: Int32,
                                      personHash: (UnsafeBufferPointer<UInt8>) -> UInt64) throws -> (groups: [[DuplicateSpill.Record]], lines: Int) {
        let spill = try DuplicateSpill()
        let parser = try PayrollParser(path: payrollPath, employers: employers)
        var batch = PayrollBatch()
        var lastBytes: [UInt8] = []
        var fingerprint: UInt64 = 0
        while try parser.fill(&batch) {
            batch.personBytes.withUnsafeBufferPointer { arena in
                for line in batch.lines {
                    let bytes = UnsafeBufferPointer(rebasing: arena[Int(line.personStart)..<Int(line.personStart + line.personLength)])
                    if fingerprint == 0 || !FieldParsing.same(bytes, lastBytes) {
                        fingerprint = personHash(bytes) | 1
                        lastBytes.removeAll(keepingCapacity: true)
                        lastBytes.append(contentsOf: bytes)
                    }
                    if suspects.contains(fingerprint) && line.received <= asOf {
                        spill.append(DuplicateSpill.Record(personHash: fingerprint, employer: line.employer, period: line.period,
                                                           line: line.line, fileOffset: line.fileOffset))
                    }
                }
            }
        }
        return (try spill.candidateGroups(), spill.recordCount)
    }
}

extension Array where Element == Int {
    /// Whether the sorted array holds `value`.
    func binarySearchContains(_ value: Int) -> Bool {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo < count && self[lo] == value
    }
}
