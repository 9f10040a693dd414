import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakIngest
import BanenafspraakParameters
import BanenafspraakStore
import BanenafspraakStoreSQLite
import Foundation
import GRDB
import Testing

@Suite("Results store on SQLite only (spec 9); the shared cases are in StoreBackendTests")
struct SQLiteStoreTests {
    @Test("the stored parameter set reads back equal, with its hash")
    func parameterText() throws {
        let set = try ParameterFiles.loadDefault()
        let text = ParameterSetText.render(set)
        let back = try ParameterSetText.parse(text)
        #expect(back == set)
        #expect(ParameterSetText.sha256(back) == ParameterSetText.sha256(set))
        #expect(ParameterSetText.sha256(set).count == 64)
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
            let lines = try runs.map { try store.assessedEmployer(run: $0, employer: "E4").trace!.lines.map(\.person) }
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

    @Test("a store locked by another writer gives a clear error and no half-written run")
    func locked() throws {
        let path = StoreTestSupport.temporaryPath("locked")
        let store = try SQLiteResultsStore(path: path, busyTimeoutMilliseconds: 200)
        let other = try DatabaseQueue(path: path)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            let error = #expect(throws: StoreError.self) { try StoreTestSupport.storeRun("hand10", in: store) }
            #expect(error?.kind == .locked)
            #expect(error?.message.contains(path) == true)
            #expect(error?.message.contains("locked") == true)
            // Readers are not blocked: an up-to-date store opens and lists its runs while another process writes.
            #expect(try SQLiteResultsStore(path: path, create: false, busyTimeoutMilliseconds: 200).runs().isEmpty)
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
        let stored = try store.assessedEmployer(run: runs[0].id, employer: "E4")
        #expect(EmployerExplanation.build(stored).levy.value == fresh.figures[fresh.employerIndex("E4")!].levy.description)
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
