import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakIngest
import Foundation

/// The quota run (Wfsv art. 38f-38h; Kamerbrief vereenvoudiging banenafspraak (2019) in one pass): ingest the four files, parse and aggregate payroll on two threads,
/// each taking one part of the file, into ``QuotaAggregates``, then apply the rules with ``QuotaAssessment``.
public enum QuotaRun {
    public static func run(_ options: QuotaOptions) throws -> QuotaResult {
        let started = DispatchTime.now()
        let params: QuotaParameters
        do { params = try QuotaParameters(year: options.year, from: options.parameters) } catch {
            throw QuotaRunError("cannot run year \(options.year): \(error)")
        }
        try QuotaAssessment.checkPercentagesAvailable(year: options.year, parameters: params,
                                                      quotaPercentOverrides: options.quotaPercentOverrides)
        let dir = URL(fileURLWithPath: options.inputDirectory)
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
        for required in [EmployersFile.fileName, RegisterFile.fileName, PayrollParser.fileName] {
            guard FileManager.default.fileExists(atPath: path(required)) else {
                throw IngestFileError(file: path(required), message: "the input file is missing")
            }
        }
        // Each input as it is before reading (a regular file), compared again once it has been read.
        var inputStates: [InputFile: InputFileState] = [:]
        for file in InputFile.allCases where file != .collaborations || FileManager.default.fileExists(atPath: path(file.rawValue)) {
            inputStates[file] = try InputFileState(path: path(file.rawValue))
        }
        let log: RejectionLog
        if let out = options.outputDirectory {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            log = try RejectionLog(path: URL(fileURLWithPath: out).appendingPathComponent("rejected.csv").path)
        } else {
            log = try RejectionLog(path: "/dev/null")
        }

        // Employers, register and collaborations: small, read first. The register (and its index) is read on a
        // second thread while this one reads the employers; rejections and errors come out in the same order as
        // when read one after the other (an employers error first).
        var counts: [InputFile: RowCounts] = [:]
        let registerPart = RegisterReading(path: path(RegisterFile.fileName), year: options.year, regime: options.regime,
                                           asOf: options.calendar.asOfKey, wetBanenafspraak: params.wetBanenafspraakInForce)
        let registerDone = DispatchGroup()
        OwnThread.start(in: registerDone) { registerPart.run() }
        var rejections: [Rejection] = []
        var employerCounts = RowCounts()
        let employersRead = Result { try EmployersFile.read(path: path(EmployersFile.fileName), counts: &employerCounts, rejections: &rejections) }
        registerDone.wait()
        let employers = try employersRead.get()
        counts[.employers] = employerCounts
        let (register, registered) = try registerPart.outcome!.get()
        counts[.register] = registerPart.counts
        rejections += registerPart.rejections
        for r in rejections { log.add(r) }
        var collaborationCounts = RowCounts()
        var collaborationRejections: [Rejection] = []
        var collaborations: [Collaboration] = []
        if FileManager.default.fileExists(atPath: path(CollaborationsFile.fileName)) {
            collaborations = try CollaborationsFile.read(path: path(CollaborationsFile.fileName), employers: employers,
                                                         counts: &collaborationCounts, rejections: &collaborationRejections)
        }
        counts[.collaborations] = collaborationCounts

        let traceId: Int32 = options.traceEmployer.flatMap { id in Array(id.utf8).withUnsafeBufferPointer { employers.ids.find($0) } } ?? -1
        let payrollPath = path(PayrollParser.fileName)
        let firstParser = try PayrollParser(path: payrollPath, employers: employers)
        // The legal calendar (spec section 13) only where the payroll has a `received` column: without it every
        // row is known from the start and the plain path is exactly the rule.
        let payrollReceived = firstParser.hasReceivedColumn
        func newAggregator(laterPart: Bool = false) throws -> PayrollAggregator {
            try PayrollAggregator(year: options.year, register: register, registered: registered, employers: employers,
                                  premiumCap: params.premiumBaseMonthlyCap, traceEmployer: traceId,
                                  keepLineDetail: options.keepLineDetail, laterPart: laterPart,
                                  calendar: payrollReceived, asOf: options.calendar.asOfKey, personHash: options.personHash)
        }

        // Payroll on both cores: the file is split at a newline near its middle (no payroll field holds a line
        // break, so every newline ends a record); each worker parses and aggregates its part, then the totals are
        // added and duplicates are settled across both parts by line number.
        let first = PayrollWorker(parser: firstParser,
                                  aggregator: try newAggregator(), log: log, progress: options.progress)
        let fileSize = first.parser.fileSize
        let body = first.parser.nextRecord
        var workers = [first]
        if options.splitPayroll, let split = try PayrollSplit.middle(path: payrollPath, from: body.offset, size: fileSize) {
            first.parser.restrict(from: body.offset, line: body.line, to: split)
            let second = PayrollWorker(parser: try PayrollParser(path: payrollPath, employers: employers),
                                       aggregator: try newAggregator(laterPart: true), log: try RejectionLog(path: "/dev/null"), progress: nil)
            second.split = (from: split, to: fileSize)
            workers.append(second)
        }
        let done = DispatchGroup()
        let workersStarted = DispatchTime.now()
        for worker in workers { OwnThread.start(in: done) { worker.run() } }
        done.wait()
        let parsed = DispatchTime.now()
        for worker in workers { if let error = worker.failure { throw error } }
        var aggregator = first.aggregator
        // The first part's reader ends at the physical line where the second part begins: the later part's line
        // numbers (counted from PayrollWorker.lineBase) move by the difference.
        var nextLine = first.parser.nextRecord.line
        for worker in workers.dropFirst() {
            let offset = nextLine - PayrollWorker.lineBase
            worker.aggregator.shiftLines(by: offset)
            aggregator.absorb(worker.aggregator)
            try log.absorbDeferred(worker.log, lineOffset: offset)
            nextLine = worker.parser.nextRecord.line + offset
        }
        let absorbed = DispatchTime.now()
        let duplicates = try aggregator.resolveDuplicates(payrollPath: payrollPath, employers: employers)
        // Every read is done (the duplicate check rereads payroll lines): each input must be as it was at the start.
        for (file, state) in inputStates.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { try state.checkUnchanged(path: path(file.rawValue), when: "while the run read it") }
        let resolved = DispatchTime.now()
        options.duplicateCheckObserver?(aggregator.duplicateStats)
        if getenv("BANENAFSPRAAK_DUPLICATE_STATS") != nil {
            // Diagnostics for docs/performance.md: how much of the duplicate check stayed in memory.
            let s = aggregator.duplicateStats
            func ms(_ a: DispatchTime, _ b: DispatchTime) -> UInt64 { (b.uptimeNanoseconds - a.uptimeNanoseconds) / 1_000_000 }
            let workerTimes = workers.map { "\($0.elapsedMilliseconds) ms" }.joined(separator: ", ")
            FileHandle.standardError.write(Data("""
                duplicate check: \(s.personRuns) person runs, \(s.suspectFingerprints) persons met in more than one run, \
                \(s.rescannedLines) lines checked over the whole file, \(s.candidateGroups) candidate groups
                phases: to the pass \(ms(started, workersStarted)) ms; workers \(workerTimes); joined at \(ms(started, parsed)) ms; \
                absorb \(ms(parsed, absorbed)) ms; duplicates \(ms(absorbed, resolved)) ms

                """.utf8))
        }
        try log.flushDeferred(merging: duplicates)
        counts[.payroll] = aggregator.counts
        try RunGuards.checkYear(options.year, counts: aggregator.counts, outsideYears: aggregator.outsideYears)
        for r in collaborationRejections { log.add(r) }
        try log.finish()

        let aggregates = Self.aggregates(options: options, employers: employers, aggregator: aggregator,
                                         collaborations: collaborations, counts: counts, log: log)
        var result = try QuotaAssessment.assess(aggregates, parameters: params, quotaPercentOverrides: options.quotaPercentOverrides,
                                                surchargeOverride: options.surchargeOverride, employers: employers)
        // Where an override came from (`--quota-percent` or the input folder's manifest.json).
        for (key, source) in options.quotaPercentSources where options.quotaPercentOverrides[key] != nil {
            result.percentages.provenance[key] = source
        }
        result.retention = RetentionFigures.compute(aggregator: aggregator, register: register)
        if employers.hasSubsectorColumn {
            result.subsectorDecember = SubsectorMeasurement.compute(hoursDecemberAt: aggregator.hoursDecemberAt, employers: employers,
                                                                      hoursPerJobMonth: params.hoursPerJobMonth.hours)
        }
        let calendarOn = payrollReceived || registerPart.receivedColumn || options.calendar.asOf != nil
        // Late lines (spec section 13) are those received after the voorlopig cut-off (Wtl art. 4.1).
        let voorlopig = calendarOn ? (try? CalendarStage.voorlopig.cutoff(year: options.year, parameters: options.parameters)).map { ReceivedDate.key($0.date) } : nil
        if options.keepLineDetail { result.lineDetail = lineDetail(aggregator: aggregator, register: register, lateAfter: voorlopig) }
        result.run = RunDescription(options: options)
        if calendarOn { result.calendar = options.calendar }
        if traceId >= 0 {
            var trace = EmployerTrace(employerId: options.traceEmployer!)
            trace.lines = aggregator.traceLines
            trace.receivedNotes = aggregator.traceNotes
            if let voorlopig {
                trace.receivedNotes += trace.lines.filter { $0.received > voorlopig && $0.corrections.isEmpty }.map {
                    EmployerTrace.ReceivedNote(kind: .late, person: $0.person, period: $0.period, hours: $0.hours,
                                               received: ReceivedDate.text($0.received), line: $0.line)
                }
                trace.receivedNotes.sort { $0.line < $1.line }
            }
            for line in trace.lines where trace.routes[line.person] == nil {
                let id = Array(line.person.utf8).withUnsafeBufferPointer { registered.find($0) }
                if let id, Int(id) < register.registeredCount { trace.routes[line.person] = register.routes[Int(id)] }
            }
            result.trace = trace
        }
        result.inputStates = inputStates
        result.wallNanoseconds = DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds
        return result
    }

    /// The target-group lines with their persons renumbered densely in order of first appearance, and the
    /// calendar rows behind them (spec section 13): corrections, lines after the cut-off and, with `lateAfter`
    /// (the voorlopig cut-off), the late lines.
    static func lineDetail(aggregator: PayrollAggregator, register: RegisterIndex, lateAfter: Int32?) -> RunLineDetail {
        var dense: [Int32: Int32] = [:]
        var persons: [String] = []
        var routes: [[RegisterRoute]] = []
        func denseIndex(_ p: Int32) -> Int32 {
            if let d = dense[p] { return d }
            let d = Int32(persons.count)
            dense[p] = d
            persons.append(aggregator.registered.string(p))
            routes.append(Int(p) < register.routes.count ? register.routes[Int(p)] : [])
            return d
        }
        var lines = aggregator.detailLines
        for i in lines.indices { lines[i].person = denseIndex(lines[i].person) }
        var calendar = aggregator.calendarLines
        for i in calendar.indices { calendar[i].person = denseIndex(calendar[i].person) }
        if let lateAfter { calendar += CalendarLineRecord.late(lines, after: lateAfter, corrections: calendar) }
        calendar.sort { ($0.line, $0.replacedLine ?? 0) < ($1.line, $1.replacedLine ?? 0) }
        var detail = RunLineDetail(lines: lines, persons: persons, routes: routes, lineCounts: aggregator.lineCounts)
        detail.calendarLines = calendar
        return detail
    }

    /// The aggregates of a finished pass, indexed like `employers` (no reference to the aggregator remains).
    static func aggregates(options: QuotaOptions, employers: EmployerRegistry, aggregator: PayrollAggregator,
                           collaborations: [Collaboration], counts: [InputFile: RowCounts], log: RejectionLog) -> QuotaAggregates {
        // Pairs sorted by employer, then registered person, so the aggregates do not depend on hash order.
        let pairs = aggregator.targetGroupPairHours.map { (key: $0.key &- 1, hours: $0.value) }
            .sorted { ($0.key & 0xFFFF_FFFF, $0.key >> 32) < ($1.key & 0xFFFF_FFFF, $1.key >> 32) }
        let targetGroupHours = pairs.map { pair in
            QuotaAggregates.TargetGroupHours(employer: Int32(bitPattern: UInt32(truncatingIfNeeded: pair.key)),
                                             person: aggregator.registered.string(Int32(bitPattern: UInt32(truncatingIfNeeded: pair.key >> 32))),
                                             hours: CentiHours(pair.hours))
        }
        let ids: [String] = (0..<employers.count).map { employers.ids.string(Int32($0)) }
        let hoursTotal: [CentiHours] = aggregator.hoursTotal.map { CentiHours($0) }
        let hoursA: [CentiHours] = aggregator.hoursA.map { CentiHours($0) }
        let hoursC: [CentiHours] = aggregator.hoursC.map { CentiHours($0) }
        let premiumBase: [Cents] = aggregator.premiumBase.map { Cents($0) }
        let december: [Sector: CentiHours] = aggregator.hoursDecember.mapValues { CentiHours($0) }
        return QuotaAggregates(
            year: options.year, regime: options.regime, employerIds: ids, names: employers.names,
            sectors: employers.sector, regions: employers.region, staffingAgency: employers.staffingAgency,
            priorYearHours: employers.priorYearHours, hoursTotal: hoursTotal, hoursA: hoursA, hoursC: hoursC,
            premiumBase: premiumBase, targetGroupHours: targetGroupHours, hoursDecember: december,
            collaborations: collaborations, counts: counts, rejectionsByCode: log.byCode, rejectionSample: log.sample)
    }
}

/// The register file and its index, read on a thread of their own (``QuotaRun``); read by the run's thread only
/// after that thread is done.
private final class RegisterReading: @unchecked Sendable {
    let path: String
    let year: Int
    let regime: RegisterRegime
    let asOf: Int32
    let wetBanenafspraak: Bool
    var counts = RowCounts()
    var rejections: [Rejection] = []
    var receivedColumn = false
    var outcome: Result<(RegisterIndex, ByteStringTable), Error>?

    init(path: String, year: Int, regime: RegisterRegime, asOf: Int32, wetBanenafspraak: Bool) {
        self.path = path
        self.year = year
        self.regime = regime
        self.asOf = asOf
        self.wetBanenafspraak = wetBanenafspraak
    }

    func run() {
        outcome = Result {
            let registrations = try RegisterFile.read(path: path, asOf: asOf, counts: &counts, rejections: &rejections, receivedColumn: &receivedColumn)
            var registered = ByteStringTable(expectedCount: max(1024, registrations.count))
            let register = RegisterIndex(registrations: registrations, year: year, regime: regime, wetBanenafspraak: wetBanenafspraak,
                                         persons: &registered)
            return (register, registered)
        }
    }
}
