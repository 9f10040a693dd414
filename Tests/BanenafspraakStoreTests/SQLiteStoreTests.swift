import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakIngest
import BanenafspraakParameters
import BanenafspraakStore
import BanenafspraakStoreSQLite
import Foundation
import GRDB
import Testing

@Suite("Results store on SQLite (spec 9)")
struct SQLiteStoreTests {
    @Test("a stored run gives back its figures, national figures, counts and aggregates", arguments: ["hand10", "rejections", "widened"])
    func roundTrip(_ name: String) throws {
        let store = try SQLiteResultsStore(path: StoreTestSupport.temporaryPath("roundtrip"))
        let (id, result) = try StoreTestSupport.storeRun(name, in: store)
        let summary = try store.run(id)
        #expect(summary.year == result.year)
        #expect(summary.counts == result.counts)
        #expect(summary.employers == result.figures.count)
        let national = try store.national(run: id)
        #expect(national.quotaPercent == result.percentages.percent)
        #expect(national.sumA == result.percentages.sumA)
        #expect(national.surchargePercent == result.surchargeRate)
        #expect(national.nationalJSON == QuotaOutputs.nationalJSON(result).rendered())
        let employers = try store.employers(run: id)
        #expect(employers.map(\.figures) == result.figures)
        #expect(employers.map(\.name) == result.employers.names)
        for e in 0..<result.figures.count {
            let one = try #require(try store.employer(run: id, id: result.employers.ids.string(Int32(e))))
            #expect(one.figures == result.figures[e])
            #expect(one.region == result.employers.region[e])
        }
        let rejections = try store.rejections(run: id)
        #expect(rejections.byCode == result.rejectionsByCode)
        #expect(rejections.sample == result.rejectionSample)
        // The stored aggregates assess to the same figures, without any payroll.
        let aggregates = try store.aggregates(run: id)
        let again = try QuotaAssessment.assess(aggregates, parameters: try store.parameters(run: id).quota,
                                               quotaPercentOverrides: national.quotaPercentOverrides, surchargeOverride: national.surchargeOverride)
        #expect(again.figures == result.figures)
        #expect(again.measurement == result.measurement)
        #expect(aggregates.targetGroupHours.count == result.aggregates!.targetGroupHours.count)
    }

    @Test("the stored parameter set reads back equal, with its hash")
    func parameterText() throws {
        let set = try ParameterFiles.loadDefault()
        let text = ParameterSetText.render(set)
        let back = try ParameterSetText.parse(text)
        #expect(back == set)
        #expect(ParameterSetText.sha256(back) == ParameterSetText.sha256(set))
        #expect(ParameterSetText.sha256(set).count == 64)
    }

    @Test("explain from the store equals the rescanning explain, text and JSON", arguments: ["hand10", "rejections", "widened"])
    func explainEquality(_ name: String) throws {
        let store = try SQLiteResultsStore(path: StoreTestSupport.temporaryPath("explain"))
        let (id, result) = try StoreTestSupport.storeRun(name, in: store)
        let pseudonyms = try store.pseudonymizer()
        var compared = 0
        for e in 0..<result.figures.count {
            let employerId = result.employers.ids.string(Int32(e))
            // The rescanning explain, with persons shown by the store's pseudonyms.
            var rescan = try QuotaRun.run(try StoreTestSupport.options(name, traceEmployer: employerId, keepLineDetail: false))
            var trace = try #require(rescan.trace)
            trace.lines = trace.lines.map { var l = $0; l.person = pseudonyms.pseudonym(l.person); return l }
            trace.routes = Dictionary(uniqueKeysWithValues: trace.routes.map { (pseudonyms.pseudonym($0.key), $0.value) })
            rescan.trace = trace
            let (levyA, netA) = EmployerExplanation.build(rescan, employer: e)
            let (stored, index) = try store.explainableResult(run: id, employer: employerId)
            let (levyB, netB) = EmployerExplanation.build(stored, employer: index)
            #expect(levyA.renderedText() == levyB.renderedText(), "\(name) \(employerId) levy")
            #expect(netA.renderedText() == netB.renderedText(), "\(name) \(employerId) net")
            #expect(levyA.jsonValue.rendered() == levyB.jsonValue.rendered())
            #expect(netA.jsonValue.rendered() == netB.jsonValue.rendered())
            #expect(stored.figures[index] == result.figures[e])
            compared += 1
        }
        #expect(compared == result.figures.count)
    }

    @Test("person ids never enter the store in clear; pseudonyms are stable within a store and differ between stores")
    func privacy() throws {
        let path = StoreTestSupport.temporaryPath("privacy")
        var pseudonymA = ""
        do {
            let store = try SQLiteResultsStore(path: path)
            try StoreTestSupport.storeRun("hand10", in: store)
            try StoreTestSupport.storeRun("hand10", in: store, quotaPercent: ["markt": "2.00", "overheid": "2.00", "total": "2.00"])
            pseudonymA = try store.pseudonymizer().pseudonym("F1a")
            // Both runs name the same persons by the same pseudonyms.
            let runs = try store.runs().map(\.id)
            let lines = try runs.map { try store.explainableResult(run: $0, employer: "E4").result.trace!.lines.map(\.person) }
            #expect(lines[0] == lines[1])
            #expect(!lines[0].isEmpty)
        }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        if let wal = FileManager.default.contents(atPath: path + "-wal") { bytes.append(wal) }
        let persons = try StoreTestSupport.personIds("hand10")
        #expect(persons.count > 5)
        for person in persons { #expect(bytes.range(of: Data(person.utf8)) == nil, "person id \(person) found in the store") }
        // Reopened, the same store gives the same pseudonym; another store gives another.
        #expect(try SQLiteResultsStore(path: path).pseudonymizer().pseudonym("F1a") == pseudonymA)
        #expect(try SQLiteResultsStore(path: StoreTestSupport.temporaryPath("other")).pseudonymizer().pseudonym("F1a") != pseudonymA)
    }

    @Test("a run that fails while being written leaves no trace", arguments: ["run", "employers", "persons", "target_group_hours", "lines", "rejections"])
    func failedWrite(_ stage: String) throws {
        struct Injected: Error {}
        let store = try SQLiteResultsStore(path: StoreTestSupport.temporaryPath("rollback"))
        try StoreTestSupport.storeRun("hand10", in: store)
        store.writeCheckpoint = { if $0 == stage { throw Injected() } }
        #expect(throws: Injected.self) { try StoreTestSupport.storeRun("rejections", in: store) }
        store.writeCheckpoint = nil
        #expect(try store.runs().count == 1)
        // Nothing of the failed run remains in any table.
        let path = store.location
        let queue = try DatabaseQueue(path: path)
        let orphans = try queue.read { db in
            try ["employers", "persons", "target_group_hours", "target_group_lines", "run_row_counts", "collaborations"].map {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0) WHERE run_id <> 1")!
            }
        }
        #expect(orphans.allSatisfy { $0 == 0 })
        // The next run is written normally.
        let (next, _) = try StoreTestSupport.storeRun("rejections", in: store)
        #expect(try store.runs().map(\.id) == [1, next])
    }

    @Test("diff lists the employers whose figures differ, column by column")
    func diff() throws {
        let store = try SQLiteResultsStore(path: StoreTestSupport.temporaryPath("diff"))
        let (a, ra) = try StoreTestSupport.storeRun("hand10", in: store)
        let (b, rb) = try StoreTestSupport.storeRun("hand10", in: store, quotaPercent: ["markt": "2.00", "overheid": "2.00", "total": "2.00"])
        let same = try RunDiff.compute(store: store, runA: a, runB: a)
        #expect(same.employers.isEmpty)
        let d = try RunDiff.compute(store: store, runA: a, runB: b)
        let expected = (0..<ra.figures.count).filter { ra.figures[$0] != rb.figures[$0] }.map { ra.employers.ids.string(Int32($0)) }.sorted()
        #expect(!expected.isEmpty)
        #expect(d.employers.map(\.employerId) == expected)
        for change in d.employers {
            let e = ra.employerIndex(change.employerId)!
            let before = Dictionary(uniqueKeysWithValues: RunDiff.columns(ra.employers.sector[e], ra.figures[e]))
            let after = Dictionary(uniqueKeysWithValues: RunDiff.columns(rb.employers.sector[e], rb.figures[e]))
            for c in change.changes {
                #expect(before[c.column] == c.before)
                #expect(after[c.column] == c.after)
                #expect(c.before != c.after)
            }
        }
    }

    @Test("tokens: only the hash is kept; revoked tokens are marked")
    func tokens() throws {
        let store = try SQLiteResultsStore(path: StoreTestSupport.temporaryPath("tokens"))
        let hash = Digest.sha256(text: "secret-token")
        try store.insertToken(hash: hash, access: .employer("E4"), createdAt: "2026-11-25T22:00:00Z")
        try store.insertToken(hash: Digest.sha256(text: "analyst"), access: .analyst, createdAt: "2026-11-25T22:00:00Z")
        #expect(try store.token(hash: hash)?.access == .employer("E4"))
        #expect(try store.token(hash: hash)?.isActive == true)
        #expect(try store.token(hash: Digest.sha256(text: "analyst"))?.access == .analyst)
        #expect(try store.token(hash: Digest.sha256(text: "unknown")) == nil)
        #expect(try store.revokeToken(hash: hash, at: "2026-11-25T23:00:00Z"))
        #expect(try !store.revokeToken(hash: hash, at: "2026-11-25T23:00:00Z"))
        #expect(try store.token(hash: hash)?.isActive == false)
    }
}

@Suite("Opening a results store")
struct StoreOpenTests {
    @Test("a file that is not a store is refused, naming the path")
    func notAStore() throws {
        let path = StoreTestSupport.temporaryPath("text")
        try "employer_id,name\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: StoreError.self) { try SQLiteResultsStore(path: path) }
        #expect(error?.kind == .notAStore)
        #expect(error?.message.contains(path) == true)
        // The file is left as it was.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "employer_id,name\n")
    }

    @Test("an SQLite database of something else is refused")
    func foreignDatabase() throws {
        let path = StoreTestSupport.temporaryPath("foreign")
        try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE t (x)") }
        let error = #expect(throws: StoreError.self) { try SQLiteResultsStore(path: path) }
        #expect(error?.kind == .notAStore)
        #expect(error?.message.contains("not a banenafspraak results store") == true)
    }

    @Test("a missing store is refused when it must exist, and a directory is never a store")
    func missing() throws {
        let path = StoreTestSupport.temporaryPath("missing")
        #expect(throws: StoreError(.notAStore, "there is no results store at \(path)")) { try SQLiteResultsStore(path: path, create: false) }
        #expect(!FileManager.default.fileExists(atPath: path))
        let error = #expect(throws: StoreError.self) { try SQLiteResultsStore(path: FileManager.default.temporaryDirectory.path) }
        #expect(error?.kind == .notAStore)
    }

    @Test("a store of a newer schema is refused, naming the schema")
    func newerSchema() throws {
        let path = StoreTestSupport.temporaryPath("newer")
        _ = try SQLiteResultsStore(path: path)
        try DatabaseQueue(path: path).write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
        let error = #expect(throws: StoreError.self) { try SQLiteResultsStore(path: path) }
        #expect(error?.kind == .newerSchema)
        #expect(error?.message.contains("v99") == true)
        #expect(error?.message.contains(path) == true)
    }

    @Test("an unknown run id is a clear error")
    func unknownRun() throws {
        let store = try SQLiteResultsStore(path: StoreTestSupport.temporaryPath("unknown"))
        try StoreTestSupport.storeRun("hand10", in: store)
        for read in [{ _ = try store.run(7) }, { _ = try store.national(run: 7) }, { _ = try store.employers(run: 7) },
                     { _ = try store.employer(run: 7, id: "E1") }, { _ = try store.aggregates(run: 7) }] {
            let error = #expect(throws: StoreError.self) { try read() }
            #expect(error?.kind == .unknownRun)
            #expect(error?.message == "there is no run 7 in \(store.location)")
        }
        let error = #expect(throws: StoreError.self) { try store.explainableResult(run: 1, employer: "NOPE") }
        #expect(error?.kind == .unknownEmployer)
    }

    @Test("a store locked by another writer gives a clear error and no half-written run")
    func locked() throws {
        let path = StoreTestSupport.temporaryPath("locked")
        let store = try SQLiteResultsStore(path: path, busyTimeout: 0.2)
        let other = try DatabaseQueue(path: path)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            let error = #expect(throws: StoreError.self) { try StoreTestSupport.storeRun("hand10", in: store) }
            #expect(error?.kind == .locked)
            #expect(error?.message.contains(path) == true)
            #expect(error?.message.contains("locked") == true)
            // Readers are not blocked: an up-to-date store opens and lists its runs while another process writes.
            #expect(try SQLiteResultsStore(path: path, create: false, busyTimeout: 0.2).runs().isEmpty)
            try db.execute(sql: "ROLLBACK")
        }
        #expect(try store.runs().isEmpty)
        try StoreTestSupport.storeRun("hand10", in: store)
        #expect(try store.runs().count == 1)
    }

    @Test("a store written by schema v1 opens, migrates to the current schema and reads back")
    func schemaV1() throws {
        // Written now with the v1 migration only.
        let path = StoreTestSupport.temporaryPath("v1")
        let (id, result): (RunID, QuotaResult)
        do {
            let v1 = try SQLiteResultsStore(path: path, schemaUpTo: "v1")
            #expect(try v1.appliedSchemaVersions() == ["v1"])
            (id, result) = try StoreTestSupport.storeRun("hand10", in: v1)
        }
        let current = try SQLiteResultsStore(path: path)
        #expect(try current.appliedSchemaVersions() == SQLiteResultsStore.schemaVersions)
        #expect(try current.employers(run: id).map(\.figures) == result.figures)
        try current.insertToken(hash: "h", access: .analyst, createdAt: "2026-11-25T22:00:00Z")
        #expect(try current.token(hash: "h") != nil)
    }

    @Test("the checked-in v1 store file opens in this version")
    func checkedInV1() throws {
        let fixture = try #require(Bundle.module.url(forResource: "Fixtures/store-v1", withExtension: "sqlite"))
        let path = StoreTestSupport.temporaryPath("v1-fixture")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        let before = try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
        #expect(before == ["v1"])
        let store = try SQLiteResultsStore(path: path)
        #expect(try store.appliedSchemaVersions() == SQLiteResultsStore.schemaVersions)
        let runs = try store.runs()
        #expect(runs.count == 1)
        // Its figures equal a fresh run of the same fixture.
        let fresh = try QuotaRun.run(try StoreTestSupport.options("hand10"))
        #expect(try store.employers(run: runs[0].id).map(\.figures) == fresh.figures)
        let (stored, e) = try store.explainableResult(run: runs[0].id, employer: "E4")
        #expect(EmployerExplanation.build(stored, employer: e).levy.value == fresh.figures[fresh.employerIndex("E4")!].levy.description)
    }

    /// Writes the v1 fixture (run with `WRITE_STORE_V1_FIXTURE=1`); kept to regenerate it knowingly.
    @Test("write the v1 store fixture", .enabled(if: ProcessInfo.processInfo.environment["WRITE_STORE_V1_FIXTURE"] == "1"))
    func writeV1Fixture() throws {
        let target = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/store-v1.sqlite").path
        try? FileManager.default.removeItem(atPath: target)
        do {
            let store = try SQLiteResultsStore(path: target, schemaUpTo: "v1")
            try StoreTestSupport.storeRun("hand10", in: store)
        }
        let queue = try DatabaseQueue(path: target)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
        }
    }
}
