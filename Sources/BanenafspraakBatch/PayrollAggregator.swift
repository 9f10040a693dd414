import BanenafspraakCore
import BanenafspraakIngest

/// Stage 2 of the payroll path: in file order, decides duplicates (the first valid row wins, spec 8.6),
/// splits off rows outside year t, and adds each accepted line to the per-employer and per-pair totals.
///
/// State grows with employers, persons and (employer, person) pairs, never with lines.
struct PayrollAggregator {
    let year: Int
    let register: RegisterIndex
    let premiumCap: Cents
    let sectorOf: [Sector]
    var persons: ByteStringTable
    private var months = PairTable(expectedCount: 1 << 16)
    private var outsideYearKeys = Set<OutsideYearKey>()

    var hoursTotal: [Int64]
    var hoursA: [Int64]
    var hoursC: [Int64]
    var premiumBase: [Int64]
    /// Target-group hours per (employer, person) pair at the formal employer: the LKV and bonus base (spec 5.4).
    var targetGroupPairHours: [UInt64: Int64] = [:]
    var hoursDecember: [Sector: Int64] = [.markt: 0, .overheid: 0]
    var counts = RowCounts()
    /// Retention and regional state (seed 003, spec 5.2), per registered person: quarters with target-group
    /// work (hours > 0), and (person, region, quarter) keys.
    var workedQuarters: [UInt8]
    var personRegionQuarter = Set<UInt64>()
    /// Target-group hours per quarter, and those on permanent contracts.
    var quarterHours = [Int64](repeating: 0, count: 4)
    var quarterPermanentHours = [Int64](repeating: 0, count: 4)
    let regionOf: [UInt8]

    /// The employer to keep line-level detail for (`explain`), or -1.
    let traceEmployer: Int32
    var traceLines: [EmployerTrace.Line] = []
    let employerIds: ByteStringTable

    private var lastPersonBytes: [UInt8] = []
    private var lastPerson: Int32 = -1

    struct OutsideYearKey: Hashable { var pair: UInt64; var period: Int32 }

    init(year: Int, register: RegisterIndex, persons: ByteStringTable, employers: EmployerRegistry,
         premiumCap: Cents, traceEmployer: Int32) {
        self.year = year
        self.register = register
        self.persons = persons
        self.premiumCap = premiumCap
        self.sectorOf = employers.sector
        self.traceEmployer = traceEmployer
        self.employerIds = employers.ids
        self.regionOf = employers.region
        workedQuarters = Array(repeating: 0, count: register.registeredCount)
        let n = employers.count
        hoursTotal = Array(repeating: 0, count: n)
        hoursA = Array(repeating: 0, count: n)
        hoursC = Array(repeating: 0, count: n)
        premiumBase = Array(repeating: 0, count: n)
    }

    /// Processes one batch; rejections (stage 1 and duplicates) go to `log` in line order.
    mutating func add(_ batch: PayrollBatch, payrollPath: String, log: RejectionLog) {
        counts.read += batch.rowsRead
        counts.rejected += batch.rejections.count
        var r = 0
        let rejections = batch.rejections
        batch.personBytes.withUnsafeBufferPointer { personArena in
            for line in batch.lines {
                while r < rejections.count && rejections[r].line < line.line { log.add(rejections[r]); r += 1 }
                let bytes = UnsafeBufferPointer(rebasing: personArena[Int(line.personStart)..<Int(line.personStart + line.personLength)])
                let person: Int32
                if lastPerson >= 0 && FieldParsing.same(bytes, lastPersonBytes) {
                    person = lastPerson
                } else {
                    person = persons.intern(bytes).id
                    lastPerson = person
                    lastPersonBytes.removeAll(keepingCapacity: true)
                    lastPersonBytes.append(contentsOf: bytes)
                }
                let pair = PairTable.key(employer: line.employer, person: person)
                let isDuplicate: Bool
                let inYear = line.period.year == year
                if inYear {
                    let bit: UInt16 = 1 << (line.period.month - 1)
                    isDuplicate = months.insert(pair, bits: bit) & bit != 0
                } else {
                    isDuplicate = !outsideYearKeys.insert(OutsideYearKey(pair: pair, period: Int32(line.period.index))).inserted
                }
                if isDuplicate {
                    counts.rejected += 1
                    log.add(Rejection(
                        file: PayrollParser.fileName, line: line.line, column: PayrollParser.Column.period.rawValue,
                        code: .duplicate, message: "duplicates an earlier accepted row for (employer_id, person_id, period)",
                        raw: readBytes(path: payrollPath, offset: line.fileOffset, length: Int(line.rawLength))))
                    continue
                }
                if !inYear { counts.outsideYear += 1; continue }
                counts.accepted += 1
                accumulate(line, person: person, pair: pair)
            }
        }
        while r < rejections.count { log.add(rejections[r]); r += 1 }
    }

    /// Adds an accepted in-year line to the totals (spec 5.2–5.4, 8.9–8.11, 8.17).
    @inline(__always)
    private mutating func accumulate(_ line: ParsedPayrollLine, person: Int32, pair: UInt64) {
        let e = Int(line.employer)
        let h = line.hours.rawValue
        let lentOut = line.hirer >= 0
        // hours_total: every own line (8.9).
        hoursTotal[e] += h
        // A: own hours without lent-out lines and non-lent-out wsw lines (Wfsv 38g lid 2; 8.10: beschut included).
        if !lentOut && line.scheme != .wsw { hoursA[e] += h }
        // Premium base: own regular lines, wage capped per monthly tijdvak (WBA art. 6; 8.16).
        if !lentOut && line.scheme == .regular { premiumBase[e] += PremiumBase.line(wage: line.wage, monthlyCap: premiumCap).rawValue }
        let bit: UInt16 = 1 << (line.period.month - 1)
        let targetGroup = register.counts(person: person, bit: bit, scheme: line.scheme)
        if targetGroup && (lentOut || line.scheme != .wsw) {
            // C: the hirer's for lent-out lines (Besluit Wfsv 2.28), else the employer's own (8.10).
            hoursC[lentOut ? Int(line.hirer) : e] += h
            // LKV and bonus: the formal employer, lent-out lines included (seed 004; 8.17).
            targetGroupPairHours[pair, default: 0] += h
            // Measurement: December lines, in the hirer's sector when lent out (Regeling Wfsv 3.30).
            if line.period.month == 12 { hoursDecember[sectorOf[lentOut ? Int(line.hirer) : e]]! += h }
            // Retention and regional figures: where the work is done (the hirer's region when lent out).
            let quarter = (line.period.month - 1) / 3
            quarterHours[quarter] += h
            if line.permanent { quarterPermanentHours[quarter] += h }
            if h > 0 {
                workedQuarters[Int(person)] |= 1 << quarter
                let region = regionOf[lentOut ? Int(line.hirer) : e]
                personRegionQuarter.insert(UInt64(UInt32(bitPattern: person)) << 16 | UInt64(region) << 8 | UInt64(quarter))
            }
        }
        if traceEmployer >= 0 && (line.employer == traceEmployer || line.hirer == traceEmployer) {
            traceLines.append(EmployerTrace.Line(
                person: persons.string(person), period: line.period, hours: line.hours, wage: line.wage, scheme: line.scheme,
                employer: employerIds.string(line.employer), hirer: lentOut ? employerIds.string(line.hirer) : nil,
                targetGroup: targetGroup, line: line.line))
        }
    }
}
