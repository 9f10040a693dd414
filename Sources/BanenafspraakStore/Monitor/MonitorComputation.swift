import BanenafspraakAssessment
import BanenafspraakCore

extension Monitor {
    /// The monitor of run `run` from the store alone. `quarter` (1–4) counts the last month of that quarter instead
    /// of December (indicative); `region` (`AMRnn`) keeps only the lines counted in that region and leaves out every
    /// national and subsector row. Without both, the sector rows must equal the run's stored national December
    /// hours, or the run is reported as not reconciling.
    public static func compute(store: any ResultsStore, run: RunID, quarter: Int? = nil, region: String? = nil) throws -> Monitor {
        if let quarter, !(1...4).contains(quarter) { throw StoreError(.invalidRun, "quarter \(quarter) is not 1, 2, 3 or 4") }
        let only: Int?
        if let region {
            guard let n = Arbeidsmarktregio.number(region) else { throw StoreError(.invalidRun, "\(region) is not an arbeidsmarktregio (AMR01–AMR35)") }
            only = n
        } else { only = nil }
        let summary = try store.run(run)
        let national = try store.national(run: run)
        let parameters = try store.parameters(run: run).quota
        let employers = try store.employers(run: run)
        guard let month = YearMonth(year: national.year, month: (quarter ?? 4) * 3) else {
            throw StoreError(.invalidRun, "run \(run) has no valid year")
        }
        let lines = try store.monthLines(run: run, period: month)
        let perJob = parameters.hoursPerJobMonth.hours

        var sector = [Tally](repeating: Tally(), count: 3)          // markt, overheid, total
        var subsector = [Tally](repeating: Tally(), count: OverheidSubsector.allCases.count + 1)
        var regions = [Tally](repeating: Tally(), count: Arbeidsmarktregio.count + 1)
        for e in employers {
            if let only, Int(e.region) != only { continue }
            sector[e.sector == .markt ? 0 : 1].employers += 1
            sector[2].employers += 1
            if e.sector == .overheid { subsector[e.subsector?.index ?? subsector.count - 1].employers += 1 }
            if (1...Arbeidsmarktregio.count).contains(Int(e.region)) { regions[Int(e.region)].employers += 1 }
        }
        for line in lines {
            let at = Int(line.hirer >= 0 ? line.hirer : line.employer)
            guard at >= 0, at < employers.count else {
                throw StoreError(.invalidRun, "run \(run) in \(store.location): a line names an employer that is not stored")
            }
            let e = employers[at]
            if let only, Int(e.region) != only { continue }
            let inleen = line.hirer >= 0
            sector[e.sector == .markt ? 0 : 1].add(line, inleen: inleen)
            sector[2].add(line, inleen: inleen)
            if e.sector == .overheid { subsector[e.subsector?.index ?? subsector.count - 1].add(line, inleen: inleen) }
            if (1...Arbeidsmarktregio.count).contains(Int(e.region)) { regions[Int(e.region)].add(line, inleen: inleen) }
        }

        if quarter == nil && only == nil {
            for (i, s) in Sector.allCases.enumerated() where sector[i].hours != national.hoursDecember[s]?.rawValue {
                throw StoreError(.invalidRun, """
                    run \(run) in \(store.location): the stored December lines of \(s.rawValue) add up to \(CentiHours(sector[i].hours)) hours, \
                    the run's measurement to \(national.hoursDecember[s] ?? .zero): the monitor does not reconcile
                    """)
            }
        }

        let official: Reading = quarter == nil && summary.stage != CalendarStage.voorlopig.rawValue ? .officieel : .indicatief
        var monitor = Monitor(run: run, year: national.year, month: month, quarter: quarter, stage: summary.stage, asOf: summary.asOf,
                              hoursPerJobMonth: perJob, region: region, sectors: [], subsectors: [], regions: [])
        let regionRows = (1...Arbeidsmarktregio.count).map { r in
            regions[r].row(key: Arbeidsmarktregio.code(r), name: Arbeidsmarktregio.code(r), reading: .indicatief, perJob: perJob, target: nil)
        }
        if let only {
            monitor.regions = [regionRows[only - 1]]
            return monitor
        }
        monitor.regions = regionRows
        for (i, key) in Quotum.allCases.enumerated() {
            let baseline = key.sector.map { parameters.baselineHours[$0]!.hours } ?? parameters.combinedBaselineHours
            let path = key.sector.map { parameters.growthPath[$0]! } ?? parameters.growthPathTotal
            let extra = ExtraJobs.compute(hoursDecember: CentiHours(sector[i].hours), baselineHours: baseline, hoursPerJobMonth: perJob)
            let share = path.count > 0 ? FixedPoint.narrow(FixedPoint.floorDivide(Int128(extra) * 100, Int128(path.count))) : 0
            let target = Target(jobs: path.count, parameter: path.id, source: path.value.source, baselineHours: baseline,
                                extraJobsHundredths: extra, realisedBasisPoints: share)
            monitor.sectors.append(sector[i].row(key: key.rawValue, name: key.dutchName, reading: official, perJob: perJob, target: target))
        }
        monitor.subsectors = subsector.indices.map { i in
            let s = i < OverheidSubsector.allCases.count ? OverheidSubsector.allCases[i] : nil
            return subsector[i].row(key: s?.rawValue ?? "none", name: s?.dutchName ?? "Zonder subsector", reading: .indicatief,
                                    perJob: perJob, target: nil)
        }
        return monitor
    }

    /// What one row adds up while the lines are read.
    struct Tally {
        var employers = 0
        var hours: Int64 = 0
        var inleenHours: Int64 = 0
        var persons = Set<Int32>()
        var inleenPersons = Set<Int32>()

        mutating func add(_ line: MonthLine, inleen: Bool) {
            hours += line.hours.rawValue
            if line.hours.rawValue > 0 { persons.insert(line.person) }
            guard inleen else { return }
            inleenHours += line.hours.rawValue
            if line.hours.rawValue > 0 { inleenPersons.insert(line.person) }
        }

        func row(key: String, name: String, reading: Reading, perJob: CentiHours, target: Target?) -> Row {
            Row(key: key, name: name, reading: reading, employers: employers, persons: persons.count, hours: CentiHours(hours),
                jobsHundredths: ExtraJobs.jobs(hours: hours, hoursPerJobMonth: perJob), inleenPersons: inleenPersons.count,
                inleenHours: CentiHours(inleenHours), inleenJobsHundredths: ExtraJobs.jobs(hours: inleenHours, hoursPerJobMonth: perJob), target: target)
        }
    }

}
