import BanenafspraakCore
import BanenafspraakIngest
import Foundation

/// The quota run (spec 5.2–5.4 in one pass): ingest the four files, aggregate payroll in two stages on two
/// threads (parse/check, then deduplicate/aggregate in file order), then apply the rules per employer.
public enum QuotaRun {
    public static func run(_ options: QuotaOptions) throws -> QuotaResult {
        let started = DispatchTime.now()
        let params: QuotaParameters
        do { params = try QuotaParameters(year: options.year, from: options.parameters) } catch {
            throw QuotaRunError("cannot run year \(options.year): \(error)")
        }
        try checkPercentagesAvailable(options: options, params: params)
        let dir = URL(fileURLWithPath: options.inputDirectory)
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
        for required in [EmployersFile.fileName, RegisterFile.fileName, PayrollParser.fileName] {
            guard FileManager.default.fileExists(atPath: path(required)) else {
                throw IngestFileError(file: path(required), message: "the input file is missing")
            }
        }
        let log: RejectionLog
        if let out = options.outputDirectory {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            log = try RejectionLog(path: URL(fileURLWithPath: out).appendingPathComponent("rejected.csv").path)
        } else {
            log = try RejectionLog(path: "/dev/null")
        }

        // Employers, register and collaborations: small, read first.
        var counts: [String: RowCounts] = [:]
        var rejections: [Rejection] = []
        var employerCounts = RowCounts()
        let employers = try EmployersFile.read(path: path(EmployersFile.fileName), counts: &employerCounts, rejections: &rejections)
        counts["employers"] = employerCounts
        var registerCounts = RowCounts()
        let registrations = try RegisterFile.read(path: path(RegisterFile.fileName), counts: &registerCounts, rejections: &rejections)
        counts["register"] = registerCounts
        for r in rejections { log.add(r) }
        var collaborationCounts = RowCounts()
        var collaborationRejections: [Rejection] = []
        var collaborations: [Collaboration] = []
        if FileManager.default.fileExists(atPath: path(CollaborationsFile.fileName)) {
            collaborations = try CollaborationsFile.read(path: path(CollaborationsFile.fileName), employers: employers,
                                                         counts: &collaborationCounts, rejections: &collaborationRejections)
        }
        counts["collaborations"] = collaborationCounts

        var registered = ByteStringTable(expectedCount: max(1024, registrations.count))
        let register = RegisterIndex(registrations: registrations, year: options.year, regime: options.regime, persons: &registered)
        let traceId: Int32 = options.traceEmployer.flatMap { id in Array(id.utf8).withUnsafeBufferPointer { employers.ids.find($0) } } ?? -1
        var aggregator = try PayrollAggregator(year: options.year, register: register, registered: registered, employers: employers,
                                               premiumCap: params.premiumBaseMonthlyCap, traceEmployer: traceId,
                                               personHash: options.personHash)

        // Payroll: stage 1 on its own thread, stage 2 here, in file order.
        let payrollPath = path(PayrollParser.fileName)
        // The parser is handed to the producer thread and never touched here again.
        nonisolated(unsafe) let parser = try PayrollParser(path: payrollPath, employers: employers)
        let fileSize = parser.fileSize
        let queue = BatchQueue<PayrollBatch>(capacity: 4)
        // Consumed batches go back to the producer, so their storage is reused rather than reallocated.
        let recycled = BatchQueue<PayrollBatch>(capacity: 8)
        for _ in 0..<6 { recycled.put(.item(PayrollBatch())) }
        let producer = Thread {
            do {
                while true {
                    guard case .item(var batch) = recycled.take() else { break }
                    guard try parser.fill(&batch) else { break }
                    queue.put(.item(batch))
                }
                queue.put(.end)
            } catch { queue.put(.failure(error)) }
        }
        producer.stackSize = 1 << 22
        producer.start()
        loop: while true {
            switch queue.take() {
            case .item(let batch):
                aggregator.add(batch, log: log)
                options.progress?(batch.bytesConsumed, fileSize, aggregator.counts.read)
                recycled.put(.item(batch))
            case .end: break loop
            case .failure(let error): throw error
            }
        }
        let duplicates = try aggregator.resolveDuplicates(payrollPath: payrollPath, employers: employers)
        try log.flushDeferred(merging: duplicates)
        counts["payroll"] = aggregator.counts
        try RunGuards.checkYear(options.year, counts: aggregator.counts, outsideYears: aggregator.outsideYears)
        for r in collaborationRejections { log.add(r) }
        try log.finish()

        var result = try computeFigures(options: options, params: params, employers: employers, aggregator: aggregator,
                                        collaborations: collaborations, counts: counts, log: log)
        result.retention = RetentionFigures.compute(aggregator: aggregator, register: register)
        result.run = RunDescription(options: options)
        if traceId >= 0 {
            var trace = EmployerTrace(employerId: options.traceEmployer!)
            trace.lines = aggregator.traceLines
            for line in trace.lines where trace.routes[line.person] == nil {
                let id = Array(line.person.utf8).withUnsafeBufferPointer { registered.find($0) }
                if let id, Int(id) < register.registeredCount { trace.routes[line.person] = register.routes[Int(id)] }
            }
            result.trace = trace
        }
        result.wallNanoseconds = DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds
        return result
    }

    /// Fails fast, before any file is read, when a quotum percentage can be neither taken nor computed
    /// (spec 8.13: in 2015–2016 B is not tabled and the percentage must be overridden).
    static func checkPercentagesAvailable(options: QuotaOptions, params: QuotaParameters) throws {
        for sector in Sector.allCases where options.quotaPercentOverrides[sector.rawValue] == nil
            && params.publishedPercent[sector] == nil && params.jobsDue[sector] == nil {
            throw QuotaRunError("no quotum percentage for \(sector.rawValue) in \(options.year): B (quota.jobs_due.\(sector.rawValue)) is not tabled for that year; pass --quota-percent \(sector.rawValue)=VALUE")
        }
        if options.quotaPercentOverrides["total"] == nil && params.combinedJobsDue == nil {
            throw QuotaRunError("no combined quotum percentage in \(options.year): B is not tabled for that year; pass --quota-percent total=VALUE")
        }
    }

    /// Applies spec 5.2–5.4 to the aggregated totals.
    static func computeFigures(options: QuotaOptions, params: QuotaParameters, employers: EmployerRegistry,
                               aggregator: PayrollAggregator, collaborations: [Collaboration],
                               counts: [String: RowCounts], log: RejectionLog) throws -> QuotaResult {
        let n = employers.count
        var figures = [EmployerFigures](repeating: EmployerFigures(), count: n)
        let threshold = params.threshold.hours
        var sumA: [String: CentiHours] = ["markt": .zero, "overheid": .zero, "total": .zero]
        var sumBase = Cents.zero
        for e in 0..<n {
            var f = EmployerFigures()
            f.hoursTotal = CentiHours(aggregator.hoursTotal[e])
            f.hoursA = CentiHours(aggregator.hoursA[e])
            f.hoursC = CentiHours(aggregator.hoursC[e])
            f.premiumBase = Cents(aggregator.premiumBase[e])
            f.liable = Liability.isLiable(hoursTotal: f.hoursTotal, priorYearHours: employers.priorYearHours[e], threshold: threshold)
            if f.liable {
                sumA[employers.sector[e].rawValue]! += f.hoursA
                sumA["total"]! += f.hoursA
                sumBase += f.premiumBase
            }
            figures[e] = f
        }

        // Quotum percentages (Wfsv 38f lid 1; spec 5.3, 8.13): override > published > computed.
        var percent: [String: BasisPoints] = [:]
        var provenance: [String: PercentProvenance] = [:]
        for sector in Sector.allCases {
            let key = sector.rawValue
            if let o = options.quotaPercentOverrides[key] {
                percent[key] = o; provenance[key] = options.quotaPercentSources[key] ?? .override
            } else if let published = params.publishedPercent[sector] {
                percent[key] = published.percent; provenance[key] = .published(published)
            } else if let b = params.jobsDue[sector] {
                percent[key] = QuotumPercentage.compute(baselineJobs: params.baselineJobs[sector]!.count, jobsDue: b.count,
                                                        hoursPerJob: params.hoursPerJob.hours, sumA: sumA[key]!)
                provenance[key] = .computed
            } else {
                preconditionFailure("checked by checkPercentagesAvailable")
            }
        }
        if let o = options.quotaPercentOverrides["total"] {
            percent["total"] = o; provenance["total"] = options.quotaPercentSources["total"] ?? .override
        } else if let b = params.combinedJobsDue {
            percent["total"] = QuotumPercentage.compute(baselineJobs: params.combinedBaselineJobs, jobsDue: b,
                                                        hoursPerJob: params.hoursPerJob.hours, sumA: sumA["total"]!)
            provenance["total"] = .computed
        } else {
            preconditionFailure("checked by checkPercentagesAvailable")
        }

        // Surcharge rate (seed 004; spec 5.4, 8.15).
        let rate: MilliPercent
        let rateProvenance: PercentProvenance
        if let o = options.surchargeOverride {
            rate = o; rateProvenance = .override
        } else {
            rate = SurchargeRate.compute(combinedPercent: percent["total"]!, sumA: sumA["total"]!, sumPremiumBase: sumBase,
                                         yieldPerJob: params.surchargeYieldPerJob.money, hoursPerJob: params.hoursPerJob.hours)
            rateProvenance = .computed
        }

        // LKV and bonus per (employer, person) pair (Wtl 2.13; seed 004; spec 8.17).
        for (pair, hours) in aggregator.targetGroupPairHours {
            let e = Int(UInt32(truncatingIfNeeded: pair &- 1))
            figures[e].lkv += HourlyAmount.compute(hours: CentiHours(hours), perHour: params.lkvHourly.money, annualMaximum: params.lkvCap)
            figures[e].bonus += HourlyAmount.compute(hours: CentiHours(hours), perHour: params.bonusHourly.money, annualMaximum: params.bonusCap)
        }
        // Transfers between collaborating employers (seed 004; spec 8.18), from the giver's own bonus.
        for c in collaborations where c.year == options.year {
            let amount = BonusTransfer.compute(bonus: figures[Int(c.from)].bonus, percent: c.percent)
            figures[Int(c.from)].transfersOut += amount
            figures[Int(c.to)].transfersIn += amount
        }
        // Per employer: the law of 2015 and the simplified scheme.
        for e in 0..<n {
            var f = figures[e]
            let q = percent[employers.sector[e].rawValue]!
            f.requiredHours = RequiredHours.compute(hoursA: f.hoursA, percent: q)
            f.shortfallTenths = Quotumtekort.compute(requiredHours: f.requiredHours, hoursC: f.hoursC, hoursPerJob: params.hoursPerJob.hours)
            f.levy = Levy.compute(shortfallTenths: f.shortfallTenths, levyPerJob: params.levyPerJob.money, liable: f.liable)
            f.surcharge = Surcharge.compute(premiumBase: f.premiumBase, rate: rate, liable: f.liable)
            f.net = NetResult.compute(lkv: f.lkv, bonus: f.bonus, transfersOut: f.transfersOut, transfersIn: f.transfersIn, surcharge: f.surcharge)
            figures[e] = f
        }

        // Measurement (spec 5.2, 8.12).
        var measurement: [String: SectorMeasurement] = [:]
        let perJob = params.hoursPerJobMonth.hours
        for sector in Sector.allCases {
            let hours = CentiHours(aggregator.hoursDecember[sector]!)
            let baseline = params.baselineHours[sector]!.hours
            let extra = ExtraJobs.compute(hoursDecember: hours, baselineHours: baseline, hoursPerJobMonth: perJob)
            let target = params.growthPath[sector]!.count
            measurement[sector.rawValue] = SectorMeasurement(hoursDecember: hours, baselineHours: baseline, extraJobsHundredths: extra,
                                                             target: target, activationIndicated: ExtraJobs.activationIndicated(realisedHundredths: extra, target: target))
        }
        let combinedHours = CentiHours(aggregator.hoursDecember[.markt]! + aggregator.hoursDecember[.overheid]!)
        let combinedExtra = ExtraJobs.compute(hoursDecember: combinedHours, baselineHours: params.combinedBaselineHours, hoursPerJobMonth: perJob)
        let totalTarget = params.growthPathTotal.count
        measurement["total"] = SectorMeasurement(hoursDecember: combinedHours, baselineHours: params.combinedBaselineHours,
                                                 extraJobsHundredths: combinedExtra, target: totalTarget,
                                                 activationIndicated: ExtraJobs.activationIndicated(realisedHundredths: combinedExtra, target: totalTarget))

        return QuotaResult(
            year: options.year, regime: options.regime, parameters: params, employers: employers, figures: figures,
            percentages: QuotaPercentages(percent: percent, provenance: provenance, sumA: sumA),
            surchargeRate: rate, surchargeProvenance: rateProvenance, sumPremiumBase: sumBase, measurement: measurement,
            counts: counts, rejectionsByCode: log.byCode, rejectionSample: log.sample, collaborations: collaborations, trace: nil)
    }
}
