import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakIngest
import BanenafspraakStore
import BanenafspraakStorePostgres
import BanenafspraakStoreSQLite
import BanenafspraakTestSupport
import Foundation
import Testing

/// The legal calendar in the store (spec section 13, schema v6): the corrected, late and after-cut-off
/// target-group rows of the `calendar-employer` fixture (its EXPLANATION.md), once for every back-end.
extension StoreBackendSuites {
@Suite("Calendar lines in the store (spec 13)")
struct CalendarStoreTests {
    /// Runs `calendar-employer` as of a stage's cut-off and writes it into `store`.
    static func storeStage(_ stage: CalendarStage, in store: any ResultsStore) throws -> (RunID, QuotaResult) {
        var options = try StoreTestSupport.options("calendar-employer")
        options.calendar = RunCalendar(asOf: try stage.cutoff(year: options.year, parameters: options.parameters).date, stage: stage)
        let result = try QuotaRun.run(options)
        return (try store.write(StoreTestSupport.record(result, options: options, store: store)), result)
    }

    /// A stored calendar line as `kind line [replaced] received before→hours`, for comparing with the fixture.
    static func describe(_ l: StoredCalendarLine) -> String {
        "\(l.kind.rawValue) \(l.line)\(l.replacedLine.map { "<\($0)" } ?? "") \(l.received) \(l.hoursBefore.map { "\($0)→" } ?? "")\(l.hours)"
    }

    @Test("the definitief and voorlopig runs keep E1's and E2's calendar lines as the fixture says, persons by pseudonym",
          arguments: Backend.configured)
    func roundTrip(_ backend: Backend) throws {
        let (store, _) = try backend.freshStore("calendar")
        let (voorlopig, _) = try Self.storeStage(.voorlopig, in: store)
        let (definitief, result) = try Self.storeStage(.definitief, in: store)
        let e1 = try #require(try store.employer(run: definitief, id: "E1"))
        let e2 = try #require(try store.employer(run: definitief, id: "E2"))
        let lines = try store.calendarLines(run: definitief, employer: e1.index)
        #expect(lines.map(Self.describe) == [
            "correction 4<3 2025-04-02 120.00→96.00",
            "late 5 2025-03-01 50.00",
            "after_cutoff 7 2025-06-15 44.00",
            "correction 9<8 2024-06-01 30.00→0.00",
            "correction 11<2 2025-02-10 100.00→90.00",
        ])
        // E2 is the hirer of P2's line: it sees that correction only.
        #expect(try store.calendarLines(run: definitief, employer: e2.index).map(Self.describe) == ["correction 9<8 2024-06-01 30.00→0.00"])
        #expect(try store.calendarLines(run: voorlopig, employer: e1.index).map(Self.describe) == [
            "after_cutoff 4 2025-04-02 96.00",
            "after_cutoff 5 2025-03-01 50.00",
            "after_cutoff 7 2025-06-15 44.00",
            "correction 9<8 2024-06-01 30.00→0.00",
            "after_cutoff 11 2025-02-10 90.00",
        ])
        // No raw person id: every person is the store's pseudonym.
        let pseudonyms = try store.pseudonymizer()
        #expect(Set(lines.map(\.person)) == [pseudonyms.pseudonym("P1"), pseudonyms.pseudonym("P2")])
        #expect(e1.figures == result.figures[0])
        #expect(e1.figures.hoursC.description == "276.00")
    }

    @Test("the stored explanation names the corrected, late and after-cut-off lines, and equals the rescanning one on them",
          arguments: Backend.configured)
    func explanation(_ backend: Backend) throws {
        let (store, _) = try backend.freshStore("calendar-explain")
        let (run, _) = try Self.storeStage(.definitief, in: store)
        let text = EmployerExplanation.build(try store.assessedEmployer(run: run, employer: "E1")).levy.renderedText()
        let pseudonym = try store.pseudonymizer().pseudonym("P1")
        for expected in ["\(pseudonym) 2024-02 (payroll.csv regel 3 vervangen door regel 4): gecorrigeerd op 2025-04-02: 120,00 → 96,00 uur",
                         "\(pseudonym) 2024-01 (payroll.csv regel 2 vervangen door regel 11): gecorrigeerd op 2025-02-10: 100,00 → 90,00 uur",
                         "\(pseudonym) 2024-12 (payroll.csv regel 5): laat ontvangen op 2025-03-01: 50,00 uur",
                         "\(pseudonym) 2024-11 (payroll.csv regel 7): na de peildatum ontvangen op 2025-06-15: 44,00 uur, telt niet mee"] {
            #expect(text.contains(expected), "\(expected)")
        }
        #expect(!text.contains("P1 ") && !text.contains("P3"))
        // The rescanning explain says the same of the same lines (it also names P3's late line: it reads every person).
        var options = try StoreTestSupport.options("calendar-employer", traceEmployer: "E1", keepLineDetail: false)
        options.calendar = RunCalendar(asOf: try CalendarStage.definitief.cutoff(year: 2024, parameters: options.parameters).date, stage: .definitief)
        let rescan = EmployerExplanation.build(try QuotaRun.run(options), employer: 0).levy.renderedText()
        #expect(rescan.contains("P1 2024-02 (payroll.csv regel 3 vervangen door regel 4): gecorrigeerd op 2025-04-02: 120,00 → 96,00 uur"))
        #expect(rescan.contains("P1 2024-11 (payroll.csv regel 7): na de peildatum ontvangen op 2025-06-15: 44,00 uur, telt niet mee"))
        #expect(rescan.contains("P3 2024-05 (payroll.csv regel 10): laat ontvangen op 2025-03-02: 80,00 uur"))
    }

    @Test("a store of schema v5 opens, migrates to v6, keeps its runs (without calendar lines) and takes new ones",
          arguments: Backend.configured)
    func schemaV5(_ backend: Backend) throws {
        let address = try backend.freshAddress("v5")
        let old: RunID
        do {
            let v5: any ResultsStore
            switch backend {
            case .sqlite: v5 = try SQLiteResultsStore(path: address, create: true, schemaUpTo: "v5")
            case .postgres: v5 = try PostgresResultsStore(url: address, schemaUpTo: "v5")
            }
            (old, _) = try StoreTestSupport.storeRun("hand10", in: v5)
            (v5 as? PostgresResultsStore)?.close()
        }
        let current: any ResultsStore
        switch backend {
        case .sqlite:
            let s = try SQLiteResultsStore(path: address, create: false)
            #expect(try s.appliedSchemaVersions() == SQLiteResultsStore.schemaVersions)
            current = s
        case .postgres:
            let s = try PostgresResultsStore(url: address)
            #expect(try s.appliedSchemaVersions() == PostgresResultsStore.schemaVersions)
            current = s
        }
        let versions = SQLiteResultsStore.schemaVersions
        #expect(versions.firstIndex(of: "v6") == versions.firstIndex(of: "v5").map { $0 + 1 }, "v6 follows v5")
        #expect(try current.runs().map(\.id) == [old])
        #expect(try current.calendarLines(run: old, employer: 0).isEmpty)
        let (new, _) = try Self.storeStage(.definitief, in: current)
        let e1 = try #require(try current.employer(run: new, id: "E1"))
        #expect(try current.calendarLines(run: new, employer: e1.index).count == 5)
    }
}
}
