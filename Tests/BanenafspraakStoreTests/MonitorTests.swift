import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakParameters
import BanenafspraakStore
import BanenafspraakStorePostgres
import BanenafspraakStoreSQLite
import BanenafspraakTestSupport
import Foundation
import Testing

/// Schema v8 (the employer's subsector) and the monitor (spec section 16) on both back-ends.
@Suite("The monitor: persons and jobs per sector, subsector and region (spec 16)")
struct MonitorTests {
    /// The hand10 fixture with a `subsector` column: E6 is gemeenten, E7 has none (a blank cell).
    static func hand10WithSubsectors() throws -> QuotaOptions {
        let source = StoreTestSupport.fixtureURL("hand10").appendingPathComponent("input")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("monitor-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: source, to: dir)
        let employers = dir.appendingPathComponent("employers.csv")
        let lines = try String(contentsOf: employers, encoding: .utf8).split(separator: "\n").map(String.init)
        let out = lines.enumerated().map { i, line -> String in
            if i == 0 { return line + ",subsector" }
            return line + (line.contains(",E6,") ? ",gemeenten" : ",")
        }
        try (out.joined(separator: "\n") + "\n").write(to: employers, atomically: true, encoding: .utf8)
        var options = try StoreTestSupport.options("hand10")
        options.inputDirectory = dir.path
        return options
    }

    static func storeWithSubsectors(_ store: any ResultsStore) throws -> (RunID, QuotaResult) {
        let options = try hand10WithSubsectors()
        let result = try QuotaRun.run(options)
        return (try store.write(StoreTestSupport.record(result, options: options, store: store)), result)
    }

    @Test("a v7 store opens in v8: its employers stay (without a subsector), and new runs keep the subsector", arguments: Backend.configured)
    func migration(_ backend: Backend) throws {
        // A store of schema v7 with a run: written today, then taken back to v7 (the column v8 added and the indexes
        // of v9 dropped, their migrations forgotten), which is what a v7 writer left.
        let (written, address) = try backend.freshStore("v7")
        let old = try StoreTestSupport.storeRun("hand10", in: written).0
        switch backend {
        case .sqlite:
            try PostgresTestServer.sqlite(address, "DROP INDEX decisions_by_seq; DROP INDEX objections_by_employer")
            try PostgresTestServer.sqlite(address, "ALTER TABLE employers DROP COLUMN subsector")
            try PostgresTestServer.sqlite(address, "DELETE FROM grdb_migrations WHERE identifier IN ('v8', 'v9')")
            #expect(try SQLiteResultsStore(path: address, create: false, schemaUpTo: "v7").appliedSchemaVersions().last == "v7")
        case .postgres:
            (written as! PostgresResultsStore).close()
            try PostgresTestServer.psql(address, "DROP INDEX objections_by_employer")
            try PostgresTestServer.psql(address, "ALTER TABLE employers DROP COLUMN subsector")
            try PostgresTestServer.psql(address, "DELETE FROM schema_migrations WHERE identifier IN ('v8', 'v9')")
        }
        let store = try openResultsStoreForTest(backend, address)
        switch backend {
        case .sqlite: #expect(try (store as! SQLiteResultsStore).appliedSchemaVersions().last == "v9")
        case .postgres: #expect(try (store as! PostgresResultsStore).appliedSchemaVersions().last == "v9")
        }
        let before = try store.employers(run: old)
        #expect(before.count == 10)
        #expect(before.allSatisfy { $0.subsector == nil })
        let (new, _) = try Self.storeWithSubsectors(store)
        let employers = try store.employers(run: new)
        #expect(employers.first { $0.id == "E6" }?.subsector == .gemeenten)
        #expect(employers.first { $0.id == "E7" }?.subsector == nil)
        #expect(try store.employer(run: new, id: "E6")?.subsector == .gemeenten)
        #expect(employers.filter { $0.sector == .markt }.allSatisfy { $0.subsector == nil })
    }

    @Test("the sector rows equal the run's measurement; regions and subsectors add up; inleen counts at the hirer", arguments: Backend.configured)
    func reconciles(_ backend: Backend) throws {
        let (store, _) = try backend.freshStore("monitor")
        let (run, result) = try Self.storeWithSubsectors(store)
        let m = try Monitor.compute(store: store, run: run)
        let national = try store.national(run: run)
        #expect(m.month.description == "2024-12")
        #expect(m.sectors.map(\.key) == ["markt", "overheid", "total"])
        for (i, sector) in Sector.allCases.enumerated() {
            #expect(m.sectors[i].hours == national.hoursDecember[sector])
            #expect(m.sectors[i].target?.extraJobsHundredths == result.measurement[Quotum(sector)]!.extraJobsHundredths)
            #expect(m.sectors[i].target?.jobs == result.measurement[Quotum(sector)]!.target)
            #expect(m.sectors[i].reading == .officieel)
        }
        #expect(m.sectors[2].target?.extraJobsHundredths == result.measurement[.combined]!.extraJobsHundredths)
        #expect(m.sectors[2].hours == national.hoursDecember[.markt]! + national.hoursDecember[.overheid]!)
        #expect(m.sectors[2].jobsHundredths == m.sectors[2].hours.rawValue * 100 / 110_92)

        // Regions: 35 rows, indicative, adding up to the total hours.
        #expect(m.regions.count == 35)
        #expect(m.regions.allSatisfy { $0.reading == .indicatief && $0.target == nil })
        #expect(m.regions.reduce(Int64(0)) { $0 + $1.hours.rawValue } == m.sectors[2].hours.rawValue)
        // Subsectors: gemeenten (E6) and the overheid employers without one (E7) add up to the overheid.
        #expect(m.subsectors.count == OverheidSubsector.allCases.count + 1)
        #expect(m.subsectors.reduce(Int64(0)) { $0 + $1.hours.rawValue } == m.sectors[1].hours.rawValue)
        #expect(m.subsectors.first { $0.key == "gemeenten" }?.employers == 1)
        #expect(m.subsectors.first { $0.key == "none" }?.employers == 1)
        #expect(m.subsectors.first { $0.key == "rijk" }?.hours == .zero)

        // Inleen: E4 (AMR04) lends to E5 (AMR05); its December target-group lines count at AMR05, apart.
        let e5 = try #require(try store.employer(run: run, id: "E5"))
        let lent = try store.targetGroupLines(run: run, employer: e5.index).filter { $0.hirer == e5.index && $0.period.month == 12 }
        #expect(!lent.isEmpty)
        let amr05 = m.regions[4]
        #expect(amr05.key == "AMR05")
        #expect(amr05.inleenHours.rawValue == lent.reduce(0) { $0 + $1.hours.rawValue })
        #expect(amr05.inleenPersons == Set(lent.filter { $0.hours.rawValue > 0 }.map(\.person)).count)
        #expect(m.regions[3].inleenHours == .zero)
        #expect(m.sectors[0].inleenHours == amr05.inleenHours)
        // Persons: distinct over the whole run (D works for E2 and E3 and counts once in the total).
        #expect(m.sectors[2].persons <= m.regions.reduce(0) { $0 + $1.persons })
    }

    @Test("--region keeps one region and no national figure, in the JSON, the CSV files and the HTML", arguments: Backend.configured)
    func oneRegion(_ backend: Backend) throws {
        let (store, _) = try backend.freshStore("monitor-region")
        let (run, _) = try Self.storeWithSubsectors(store)
        let all = try Monitor.compute(store: store, run: run)
        let m = try Monitor.compute(store: store, run: run, region: "AMR05")
        #expect(m.sectors.isEmpty && m.subsectors.isEmpty)
        #expect(m.regions.map(\.key) == ["AMR05"])
        #expect(m.regions[0] == all.regions[4])
        let json = m.jsonValue.rendered()
        #expect(!json.contains("\"sectors\"") && !json.contains("\"subsectors\""))
        #expect(m.csvFiles.map(\.name) == ["regions.csv"])
        #expect(m.readingNote.contains("indicatief") && !m.readingNote.contains("officiële jaarmeting:"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("monitor-out-\(UUID().uuidString)").path
        try m.write(to: dir)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["monitor.html", "monitor.json", "regions.csv"])
        let html = try String(contentsOfFile: dir + "/monitor.html", encoding: .utf8)
        let totalHours = DutchNumber.format(all.sectors[2].hours.description)
        #expect(!html.contains(totalHours))
        #expect(!html.contains("Totaal"))
        #expect(html.contains("AMR05"))
        #expect(throws: StoreError.self) { try Monitor.compute(store: store, run: run, region: "AMR36") }
    }

    @Test("a quarter counts its last month and is indicative; the files carry every view", arguments: Backend.configured)
    func quarterAndFiles(_ backend: Backend) throws {
        let (store, _) = try backend.freshStore("monitor-quarter")
        let (run, _) = try Self.storeWithSubsectors(store)
        let q = try Monitor.compute(store: store, run: run, quarter: 1)
        #expect(q.month.description == "2024-03")
        #expect(q.sectors.allSatisfy { $0.reading == .indicatief })
        #expect(q.readingNote.contains("indicatief"))

        let m = try Monitor.compute(store: store, run: run)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("monitor-out-\(UUID().uuidString)").path
        try m.write(to: dir)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
                == ["monitor.html", "monitor.json", "regions.csv", "sectors.csv", "subsectors.csv"])
        let sectors = try String(contentsOfFile: dir + "/sectors.csv", encoding: .utf8).split(separator: "\n")
        #expect(sectors.count == 4)
        #expect(sectors[0] == "key,name,reading,employers,persons,hours,jobs,inleen_persons,inleen_hours,inleen_jobs,target_jobs,extra_jobs,realised_percent")
        #expect(sectors[1].hasPrefix("markt,Markt,officieel,"))
        #expect(sectors[1].contains("," + m.sectors[0].hours.description + ","))
        let subsectors = try String(contentsOfFile: dir + "/subsectors.csv", encoding: .utf8)
        #expect(subsectors.contains("gemeenten,Gemeenten,indicatief,1,"))
        let html = try String(contentsOfFile: dir + "/monitor.html", encoding: .utf8)
        #expect(html.contains("Geen gepubliceerd streefcijfer"))
        #expect(html.contains("<svg"))
        #expect(html.contains("href=\"sectors.csv\""))
        #expect(!html.contains("<script"))
    }

    @Test("a voorlopig run is indicatief, a definitief run officieel; both reconcile with corrections and late rows",
          arguments: Backend.configured)
    func stages(_ backend: Backend) throws {
        let (store, _) = try backend.freshStore("monitor-stage")
        let (voorlopig, _) = try StoreBackendSuites.CalendarStoreTests.storeStage(.voorlopig, in: store)
        let (definitief, _) = try StoreBackendSuites.CalendarStoreTests.storeStage(.definitief, in: store)
        let early = try Monitor.compute(store: store, run: voorlopig)
        let final = try Monitor.compute(store: store, run: definitief)
        #expect(early.sectors.allSatisfy { $0.reading == .indicatief })
        #expect(early.readingNote.contains("voorlopig"))
        #expect(final.sectors.allSatisfy { $0.reading == .officieel })
        #expect(final.readingNote.contains("definitieve"))
        for (run, m) in [(voorlopig, early), (definitief, final)] {
            let national = try store.national(run: run)
            for (i, sector) in Sector.allCases.enumerated() { #expect(m.sectors[i].hours == national.hoursDecember[sector]) }
        }
    }
}
